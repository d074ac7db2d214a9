// A port of PyTorch's "Autograd mechanics" note (torch 1.13): requires_grad spreading from any input
// that requires it, freezing part of a model (requires_grad_(False) on the first layer's parameters,
// an optimizer over the last layer only, so only it gets .grad), retain_grad() on an intermediate, a
// hook doubling the gradient that flows into a tensor, no_grad and detach, the in-place correctness
// check (a saved output changed by mul_ before backward, and its error text), and zero_grad with and
// without set_to_none. The note draws tensors with torch.randn and freezes a torchvision resnet18; here
// tensors are literals, the model is a small Sequential with weights set by a formula. Changed:
// Gradlens has no Tensor.register_hook, so the hook (`v.register_hook(lambda g: g * 2)` in the .py) is
// a custom Function DoubleGrad that is the identity forward and doubles the gradient backward: the same
// gradients reach u and w, but v's grad_fn is DoubleGradBackward here and MulBackward0 in PyTorch (the
// port does not print it). `model(x)` is model.forward(x); `model[0]` needs a cast to nn.Linear; torch
// 1.13's zero_grad() (zeros in place) is zeroGrad({ setToNone: false }); an engine error's message starts
// with `[op] ` and omits torch's closing hint about anomaly detection, so the port prints what follows
// the op. autograd-mechanics.py is the same program in PyTorch.
import { autograd, nn, noGrad, optim, tensor, type FunctionCtx, type Tensor } from 'gradlens';

function js(v: unknown): string {
  return JSON.stringify(v);
}

// requires_grad spreads: an op's output requires grad when any input does
const x = tensor([[0.5, -1.5], [2.5, 1.25]]);
const y = tensor([[1.5, 0.25], [-0.75, 2.0]]);
const z = tensor([[0.1, 0.2], [0.3, 0.4]], { requiresGrad: true });
const a = x.add(y);
console.log('a.requires_grad', js(a.requiresGrad));
const b = a.add(z);
console.log('b.requires_grad', js(b.requiresGrad), b.gradFn!.name);

// freezing part of a model: only the last layer's parameters get .grad
const model = new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 2));
const first = model[0] as nn.Linear;
const last = model[2] as nn.Linear;
const grid = (rows: number, cols: number, f: (i: number, j: number) => number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i, j)));
noGrad(() => {
  first.weight.copy_(tensor(grid(4, 3, (i, j) => ((i * 3 + j) % 7) / 7 - 0.4)));
  first.bias!.copy_(tensor([0.1, -0.2, 0.05, 0.0]));
  last.weight.copy_(tensor(grid(2, 4, (i, j) => ((i * 5 + j) % 9) / 9 - 0.5)));
  last.bias!.copy_(tensor([0.3, -0.1]));
});
for (const param of first.parameters()) param.requiresGrad_(false);
const optimizer = new optim.SGD(last.parameters(), { lr: 1e-2, momentum: 0.9 });
const inp = tensor([[0.2, -0.4, 0.6], [1.0, 0.5, -0.3]]);
const h = first.forward(inp);
console.log('h.requires_grad', js(h.requiresGrad), js(h.gradFn === null));
const hid = (model[1] as nn.Tanh).forward(h);
const out = last.forward(hid);
console.log('out.requires_grad', js(out.requiresGrad), out.gradFn!.name);
out.retainGrad();
const loss = out.pow(2).sum();
loss.backward();
console.log('frozen grads are None', js(first.weight.grad === null), js(first.bias!.grad === null));
console.log('out.grad', js(out.grad!.tolist()));
console.log('last weight.grad', js(last.weight.grad!.tolist()));
console.log('last bias.grad', js(last.bias!.grad!.tolist()));
optimizer.step();
console.log('last bias after a step', js(last.bias!.tolist()));
optimizer.zeroGrad({ setToNone: false }); // torch 1.13's zero_grad(): zeros in place
console.log('after zero_grad()', js(last.bias!.grad!.tolist()));
optimizer.zeroGrad({ setToNone: true });
console.log('after zero_grad(set_to_none=True)', js(last.bias!.grad === null));

// retain_grad on an intermediate, and (in place of a hook) a Function doubling the gradient into v
class DoubleGrad extends autograd.Function {
  static override forward(_ctx: FunctionCtx, t: Tensor): Tensor {
    return t.clone();
  }

  static override backward(_ctx: FunctionCtx, grad: Tensor): Tensor {
    return grad.mul(2);
  }
}
const w = tensor([1.0, -2.0, 0.5], { requiresGrad: true });
const u = w.mul(w);
u.retainGrad();
const v = DoubleGrad.apply(u.mul(3)) as Tensor;
v.sum().backward();
console.log('u.grad', js(u.grad!.tolist()));
console.log('w.grad', js(w.grad!.tolist()));

// no_grad and detach: no graph is recorded
const n = noGrad(() => w.mul(2));
console.log('under no_grad', js(n.requiresGrad), js(n.gradFn === null));
const d = w.detach();
console.log('detach', js(d.requiresGrad), js(d.isLeaf));

// the in-place correctness check: exp saves its output, and mul_ changes it before backward
const s = tensor([0.5, -1.0, 2.0], { requiresGrad: true });
const e = s.exp();
e.mul_(2);
console.log('e', js(e.tolist()), e.gradFn!.name);
try {
  e.sum().backward();
} catch (err) {
  const message = (err as Error).message;
  console.log(message.slice(message.indexOf('] ') + 2));
}
