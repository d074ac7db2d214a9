// The seed example: z = (2x + 2) / 5 at x = 1, then backward.
// Annotated: z2 = 0.8000 with ∇ 1, z1 = 4, z0 = 2 with ∇ 0.2, and x with ∇ 0.4.
import { tensor } from 'gradlens';

const x = tensor(1.0, { requiresGrad: true });
const z0 = x.mul(2);
const z1 = z0.add(2);
const z2 = z1.div(5);
z2.backward();

console.log(x.grad?.toString()); // tensor(0.4000)
console.log(z2.gradFn?.name); // DivBackward0
console.log(z2.gradFn?.nextFunctions[0][0]?.name); // AddBackward0
console.log(z1.gradFn?.nextFunctions[0][0]?.name); // MulBackward0
