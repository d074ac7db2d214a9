// A port of d2l.ai's "Automatic Differentiation" (section 2.5, PyTorch tab): y = 2 x·x and its gradient
// 4x, zeroing the gradient, backward of a non-scalar y with a gradient argument, detach (u = y.detach(),
// z = u * x gives x.grad == u), and a function with a data-dependent while loop and branch whose
// gradient is still d/a. d2l draws a with torch.randn; here a is fixed (once positive, once negative so
// both branches run). torch.arange(4.0) is a float tensor; JavaScript cannot tell 4.0 from 4, so the port
// asks for float32, and a bool tensor's item() is a number here (1 for true), so the port compares it with
// 1. d2l-autograd.py beside it is the same program in PyTorch.
import { arange, mul, ones, tensor, type Tensor } from 'gradlens';

const x = arange(4, { dtype: 'float32' });
x.requiresGrad_(true);
console.log('x.grad is null', JSON.stringify(x.grad === null));
let y = mul(2, x.dot(x));
console.log('y', y.item(), y.gradFn!.name);
y.backward();
console.log('x.grad', JSON.stringify(x.grad!.tolist()), JSON.stringify(x.grad!.eq(mul(4, x)).tolist()));

x.grad!.zero_(); // reset the gradient
y = x.sum();
y.backward();
console.log('x.grad after sum', JSON.stringify(x.grad!.tolist()));

// backward of a non-scalar y needs a gradient argument: the vector-Jacobian product with ones
x.grad!.zero_();
y = x.mul(x);
y.backward(ones(y.shape[0]));
console.log('x.grad of x*x', JSON.stringify(x.grad!.tolist()));

// detaching computation: u is a constant for the graph of z
x.grad!.zero_();
y = x.mul(x);
const u = y.detach();
const z = u.mul(x);
z.sum().backward();
console.log('x.grad == u', JSON.stringify(x.grad!.eq(u).tolist()));
x.grad!.zero_();
y.sum().backward();
console.log('x.grad == 2x', JSON.stringify(x.grad!.eq(mul(2, x)).tolist()));

// gradients through Python control flow
function f(a: Tensor): Tensor {
  let b = a.mul(2);
  while (b.norm().item() < 1000) {
    b = b.mul(2);
  }
  let c: Tensor;
  if (b.sum().item() > 0) {
    c = b;
  } else {
    c = mul(100, b);
  }
  return c;
}
for (const start of [0.37, -1.3]) {
  const a = tensor(start, { requiresGrad: true });
  const d = f(a);
  d.backward();
  console.log('a', start, 'd', d.item(), d.gradFn!.name, 'a.grad', a.grad!.item(), JSON.stringify(a.grad!.eq(d.div(a)).item() === 1));
}
