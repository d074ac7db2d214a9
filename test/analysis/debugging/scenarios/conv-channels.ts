// conv2d with a 3-channel weight on a 2-channel input.
import { ones, F } from 'gradlens';

const x = ones([1, 2, 5, 5], { requiresGrad: true });
const w = ones(4, 3, 3, 3);
const y = F.conv2d(x, w);
const z = F.conv2d(x, ones(4, 2, 3, 3)).sum();
