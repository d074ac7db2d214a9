// A shape error on line 5: [2×3] @ [2×2]. The lines after it are still annotated.
import { tensor } from 'gradlens';
const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const b = tensor([[1, 2], [3, 4]]);
const _c = a.matmul(b);
const _s = a.sum();
