// Setting requiresGrad on an integer tensor.
import { tensor } from 'gradlens';

const n = tensor([1, 2, 3], { dtype: 'int64' });
n.requiresGrad = true;
const x = tensor([1, 2, 3], { requiresGrad: true });
const after = x.mul(2);
