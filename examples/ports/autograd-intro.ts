// A port of "A Gentle Introduction to torch.autograd" (PyTorch tutorials, beginner/blitz): the
// gradient of Q = 3a³ − b² by Q.backward() with an explicit gradient, checked against the
// derivatives written by hand, and which results require gradients in a DAG.
// autograd-intro.py beside this file is the same program in PyTorch.
import { tensor } from 'gradlens';

const a = tensor([2.0, 3.0], { requiresGrad: true });
const b = tensor([6.0, 4.0], { requiresGrad: true });
const Q = a.pow(3).mul(3).sub(b.pow(2));
console.log('Q', JSON.stringify(Q.tolist()), Q.gradFn!.name);

// Q is a vector: backward() needs the gradient of some scalar with respect to Q, here dQ/dQ = 1
const externalGrad = tensor([1.0, 1.0]);
Q.backward(externalGrad);
console.log('a.grad', JSON.stringify(a.grad!.tolist()));
console.log('b.grad', JSON.stringify(b.grad!.tolist()));
// collected gradients equal the derivatives written by hand: 9a² and −2b
console.log('9a^2==a.grad', JSON.stringify(a.pow(2).mul(9).eq(a.grad!).tolist()));
console.log('-2b==b.grad', JSON.stringify(b.mul(-2).eq(b.grad!).tolist()));

// an op's result requires gradients if any of its inputs does
const x = tensor([[0.1, 0.2], [0.3, 0.4]]);
const y = tensor([[0.5, 0.6], [0.7, 0.8]]);
const z = tensor([[0.9, 1.0], [1.1, 1.2]], { requiresGrad: true });
const sum1 = x.add(y);
const sum2 = x.add(z);
console.log('sum1.requiresGrad', JSON.stringify(sum1.requiresGrad));
console.log('sum2.requiresGrad', JSON.stringify(sum2.requiresGrad), sum2.gradFn!.name);
