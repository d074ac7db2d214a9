// backward() inside noGrad is fine: the graph was built outside it.
import { tensor, noGrad } from 'gradlens';

const w = tensor([1, 2, 3], { requiresGrad: true });
const loss = w.pow(2).sum();
noGrad(() => loss.backward());
const wg = w.grad;
