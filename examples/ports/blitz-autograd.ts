// A port of "Autograd: Automatic Differentiation" from PyTorch's "Deep Learning with PyTorch: A 60
// Minute Blitz" (the 2019 edition): out = mean(3(x + 2)²) with x all ones gives d(out)/dx = 4.5;
// requiresGrad_; a vector-Jacobian product through a data-dependent loop; noGrad and detach.
// The tutorial's torch.randn inputs are literals here. blitz-autograd.py is the same in PyTorch.
import { ones, tensor, noGrad } from 'gradlens';

const x = ones(2, 2, { requiresGrad: true });
const y = x.add(2);
console.log('y', JSON.stringify(y.tolist()), y.gradFn!.name);
const z = y.mul(y).mul(3);
const out = z.mean();
console.log('z', JSON.stringify(z.tolist()), z.gradFn!.name, 'out', out.item(), out.gradFn!.name);
out.backward();
console.log('x.grad', JSON.stringify(x.grad!.tolist()));

let a = tensor([[0.3, -1.2], [2.5, 0.7]]);
a = a.mul(3).div(a.sub(1));
console.log('a.requiresGrad', JSON.stringify(a.requiresGrad));
a.requiresGrad_(true);
console.log('a.requiresGrad', JSON.stringify(a.requiresGrad));
const b = a.mul(a).sum();
console.log('b', b.item(), b.gradFn!.name);

// y doubles until its norm reaches 1000; backward() with a vector v gives the product vᵀ·J
const x3 = tensor([0.5, -1.5, 0.25], { requiresGrad: true });
let y3 = x3.mul(2);
let doublings = 0;
while (y3.detach().pow(2).sum().sqrt().item() < 1000) {
  y3 = y3.mul(2);
  doublings++;
}
console.log('doublings', doublings, 'y3', JSON.stringify(y3.tolist()));
const v = tensor([0.1, 1.0, 0.0001]);
y3.backward(v);
console.log('x3.grad', JSON.stringify(x3.grad!.tolist()));

console.log('x3.requiresGrad', JSON.stringify(x3.requiresGrad), JSON.stringify(x3.pow(2).requiresGrad));
noGrad(() => console.log('noGrad', JSON.stringify(x3.pow(2).requiresGrad)));
const d = x3.detach();
console.log('detach', JSON.stringify(d.requiresGrad), JSON.stringify(x3.eq(d).all().item() === 1));
