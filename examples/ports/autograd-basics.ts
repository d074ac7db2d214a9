// A port of "Automatic Differentiation with torch.autograd" from PyTorch's "Learn the Basics": a
// one-layer network z = x·w + b with a binary cross-entropy-with-logits loss, the grad_fn of z and of
// the loss, w.grad and b.grad; requiresGrad under noGrad and after detach; then "Tensor Gradients and
// Jacobian Products": out = (inp + 1)²ᵀ for inp = eye(4, 5), three backward calls with a vector of
// ones (the gradient accumulates, then zero_ and once more). The tutorial draws w and b with
// torch.randn; here they are formulas. It prints tensors with print(); the port prints their values
// as JSON lists. autograd-basics.py beside it is the same program in PyTorch.
import { F, eye, ones, onesLike, tensor, zeros, noGrad } from 'gradlens';

const x = ones(5); // input tensor
const y = zeros(3); // expected output
const w = tensor([0, 1, 2, 3, 4].map((i) => [0, 1, 2].map((j) => (((i * 3 + j * 5) % 7) - 3) / 4)), { requiresGrad: true });
const b = tensor([0.5, -0.25, 0.125], { requiresGrad: true });
const z = x.matmul(w).add(b);
const loss = F.binaryCrossEntropyWithLogits(z, y);
console.log('Gradient function for z =', z.gradFn!.name);
console.log('Gradient function for loss =', loss.gradFn!.name);
console.log('loss', loss.item());

loss.backward();
console.log('w.grad', JSON.stringify(w.grad!.tolist()));
console.log('b.grad', JSON.stringify(b.grad!.tolist()));

// Disabling gradient tracking
let z2 = x.matmul(w).add(b);
console.log('requiresGrad', JSON.stringify(z2.requiresGrad));
z2 = noGrad(() => x.matmul(w).add(b));
console.log('requiresGrad under noGrad', JSON.stringify(z2.requiresGrad));
const z3 = x.matmul(w).add(b);
const zDet = z3.detach();
console.log('requiresGrad after detach', JSON.stringify(zDet.requiresGrad));

// Tensor gradients and Jacobian products: backward(v) computes vᵀ·J, and gradients accumulate
const inp = eye(4, 5, { requiresGrad: true });
const out = inp.add(1).pow(2).t();
console.log('out', out.gradFn!.name, JSON.stringify(out.shape));
out.backward(onesLike(out), { retainGraph: true });
console.log('First call', JSON.stringify(inp.grad!.tolist()));
out.backward(onesLike(out), { retainGraph: true });
console.log('Second call', JSON.stringify(inp.grad!.tolist()));
inp.grad!.zero_();
out.backward(onesLike(out), { retainGraph: true });
console.log('Call after zeroing gradients', JSON.stringify(inp.grad!.tolist()));
