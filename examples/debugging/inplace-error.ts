// The in-place error: which line changed the tensor, and which op had saved it?
import { tensor } from 'gradlens';

const a = tensor([1, 2, 3], { requiresGrad: true });
const e = a.mul(2);
const f = e.pow(2);
e.mul_(2);
const loss = f.sum();
loss.backward();
