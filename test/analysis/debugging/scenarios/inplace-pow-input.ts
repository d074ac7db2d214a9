// pow saves its input; add_ changes it after pow used it.
import { tensor } from 'gradlens';

const x = tensor([-1, 2, 3], { requiresGrad: true });
const h = x.mul(1.5);
const cube = h.pow(3);
h.add_(1);
cube.sum().backward();
const after = h.sum();
