// Where does the NaN in x.grad come from? Two ops send it there, both at x[0] = 0: sqrt (its derivative
// is infinite at 0) and the log that where() did not pick (its gradient is 0, and 0 · inf = nan).
import { tensor, where } from 'gradlens';

const x = tensor([0, 1, 4], { requiresGrad: true });
const r = x.sqrt();
const n = r.pow(2).sum().sqrt();
const safe = where(x.gt(0), x.log(), tensor(0));
const loss = n.add(safe.sum());
loss.backward();
console.log(x.grad);
