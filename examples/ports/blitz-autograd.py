# "Autograd: Automatic Differentiation" (60 Minute Blitz), as blitz-autograd.ts ports it.
import json
import torch

def js(v):
    return json.dumps(v, separators=(',', ':'))

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
print('y', js(y.tolist()), type(y.grad_fn).__name__)
z = y * y * 3
out = z.mean()
print('z', js(z.tolist()), type(z.grad_fn).__name__, 'out', out.item(), type(out.grad_fn).__name__)
out.backward()
print('x.grad', js(x.grad.tolist()))

a = torch.tensor([[0.3, -1.2], [2.5, 0.7]])
a = ((a * 3) / (a - 1))
print('a.requiresGrad', js(a.requires_grad))
a.requires_grad_(True)
print('a.requiresGrad', js(a.requires_grad))
b = (a * a).sum()
print('b', b.item(), type(b.grad_fn).__name__)

x3 = torch.tensor([0.5, -1.5, 0.25], requires_grad=True)
y3 = x3 * 2
doublings = 0
while y3.data.norm() < 1000:
    y3 = y3 * 2
    doublings += 1
print('doublings', doublings, 'y3', js(y3.tolist()))
v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y3.backward(v)
print('x3.grad', js(x3.grad.tolist()))

print('x3.requiresGrad', js(x3.requires_grad), js((x3 ** 2).requires_grad))
with torch.no_grad():
    print('noGrad', js((x3 ** 2).requires_grad))
d = x3.detach()
print('detach', js(d.requires_grad), js(x3.eq(d).all().item()))
