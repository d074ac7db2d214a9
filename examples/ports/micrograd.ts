// A port of the two tests micrograd (Andrej Karpathy's scalar autograd engine) checks against PyTorch,
// test_sanity_check and test_more_ops, in their PyTorch form: one-element float64 tensors, relu, powers,
// a number divided by a tensor, and the values and gradients micrograd must reproduce. Python's operators
// become method calls (`a + b` is a.add(b), `3 * d` is mul(3, d), `10.0 / f` is div(10, f)); the tests'
// asserts become printed lines. micrograd.py beside it is the same program in PyTorch.
import { tensor, mul, div } from 'gradlens';

// test_sanity_check
const x = tensor([-4.0], { dtype: 'float64' });
x.requiresGrad = true;
const z = x.mul(2).add(2).add(x);
const q = z.relu().add(z.mul(x));
const h = z.mul(z).relu();
const y = h.add(q).add(q.mul(x));
y.backward();
console.log('sanity y', y.item(), y.gradFn!.name, 'x.grad', x.grad!.item());

// test_more_ops
const a = tensor([-4.0], { dtype: 'float64' });
const b = tensor([2.0], { dtype: 'float64' });
a.requiresGrad = true;
b.requiresGrad = true;
let c = a.add(b);
let d = a.mul(b).add(b.pow(3));
c = c.add(c).add(1);
c = c.add(1).add(c).add(a.neg());
d = d.add(d.mul(2)).add(b.add(a).relu());
d = d.add(mul(3, d)).add(b.sub(a).relu());
const e = c.sub(d);
const f = e.pow(2);
let g = f.div(2.0);
g = g.add(div(10.0, f));
g.backward();
console.log('c', c.item(), 'd', d.item(), 'e', e.item(), 'f', f.item());
console.log('g', g.item(), g.gradFn!.name, 'a.grad', a.grad!.item(), 'b.grad', b.grad!.item());
