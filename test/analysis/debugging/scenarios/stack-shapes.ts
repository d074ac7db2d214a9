// stack of [2, 3] and [2, 2].
import { tensor, zeros, stack } from 'gradlens';

const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const b = zeros(2, 2);
const s = stack([a, b]);
const ok = stack([a, a.mul(2)]);
