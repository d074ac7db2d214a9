// sigmoid saves its output; mul_ changes it before backward.
import { tensor } from 'gradlens';

const x = tensor([-1, 0, 2], { requiresGrad: true });
const s = x.sigmoid();
s.mul_(2);
const loss = s.sum();
loss.backward();
const after = x.add(1);
