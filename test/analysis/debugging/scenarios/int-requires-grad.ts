// An integer tensor cannot require grad.
import { tensor } from 'gradlens';

const n = tensor([1, 2, 3], { dtype: 'int64', requiresGrad: true });
const x = tensor([1, 2, 3], { requiresGrad: true });
const after = x.mul(2);
