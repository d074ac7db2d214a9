// A React-style file: the tensor code around the JSX is analysed; the JSX itself is not evaluated.
import { tensor } from 'gradlens';
const x = tensor(2.0, { requiresGrad: true });
const y = x.mul(x).add(1);
export const view = <span className="loss">{String(y.item())}</span>;
const z = y.mul(3);
z.backward();
