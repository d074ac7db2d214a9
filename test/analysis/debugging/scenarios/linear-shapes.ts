// F.linear with a weight for 5 input features on an input with 3.
import { tensor, ones, F } from 'gradlens';

const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const w = ones(4, 5);
const y = F.linear(x, w);
const z = F.linear(x, ones(4, 3));
