// matmul of [2, 3] by [2, 3]: the inner dimensions do not match.
import { tensor } from 'gradlens';

const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const b = tensor([[1, 0, 1], [0, 1, 0]]);
const c = a.matmul(b);
const d = a.matmul(b.t());
