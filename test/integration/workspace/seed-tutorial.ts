// The seed tutorial's example: z2 = (2x + 2) / 5 at x = 1 gives z2 = 0.8 and dz2/dx = 0.4.
import { tensor } from 'gradlens';
const x = tensor(1.0, { requiresGrad: true });
const z0 = x.mul(2);
const z1 = z0.add(2);
const z2 = z1.div(5);
z2.backward();
console.log(x.grad?.toString());
