// The tutorial before backward() is typed: values only, no gradient (x.grad is still null here).
import { tensor } from 'gradlens';
const x = tensor(1.0, { requiresGrad: true });
const z0 = x.mul(2);
const z2 = z0.div(5);
console.log(z2.item());
