// Adding [3] and [4]: not broadcastable.
import { tensor } from 'gradlens';

const a = tensor([1, 2, 3], { requiresGrad: true });
const b = tensor([1, 2, 3, 4]);
const c = a.add(b);
const d = a.add(b.narrow(0, 0, 3));
