// cat along dim 0 of [2, 3] and [2, 2].
import { tensor, zeros, cat } from 'gradlens';

const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const b = zeros(2, 2);
const c = cat([a, b]);
const d = cat([a, b], 1);
