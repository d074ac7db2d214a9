# micrograd's test_sanity_check and test_more_ops (their PyTorch side), as micrograd.ts ports them.
import torch

x = torch.Tensor([-4.0]).double()
x.requires_grad = True
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
y.backward()
print('sanity y', y.item(), type(y.grad_fn).__name__, 'x.grad', x.grad.item())

a = torch.Tensor([-4.0]).double()
b = torch.Tensor([2.0]).double()
a.requires_grad = True
b.requires_grad = True
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f
g.backward()
print('c', c.item(), 'd', d.item(), 'e', e.item(), 'f', f.item())
print('g', g.item(), type(g.grad_fn).__name__, 'a.grad', a.grad.item(), 'b.grad', b.grad.item())
