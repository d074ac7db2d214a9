// Higher-order gradients with autograd.grad and createGraph: for y = x^3,
// dy/dx = 3x^2 and d2y/dx2 = 6x.
import { tensor, autograd } from 'gradlens';

const x = tensor(2.0, { requiresGrad: true });
const y = x.pow(3);

const [dydx] = autograd.grad([y], [x], { createGraph: true });
const [d2ydx2] = autograd.grad([dydx!], [x]);

console.log('y', y.item()); // 8
console.log('dy/dx', dydx?.item()); // 12
console.log('d2y/dx2', d2ydx2?.item()); // 12

// sin(x) * x: first and second derivatives.
const u = tensor(0.5, { requiresGrad: true, dtype: 'float64' });
const f = u.sin().mul(u);
const [df] = autograd.grad([f], [u], { createGraph: true });
const [d2f] = autograd.grad([df!], [u]);
console.log('df', df?.item().toFixed(6)); // cos(u)*u + sin(u)
console.log('d2f', d2f?.item().toFixed(6)); // 2cos(u) - u*sin(u)
