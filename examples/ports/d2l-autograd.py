# d2l.ai "Automatic Differentiation" (section 2.5, PyTorch), as d2l-autograd.ts ports it.
import json
import torch

def js(v):
    return json.dumps(v, separators=(',', ':'))

x = torch.arange(4.0)
x.requires_grad_(True)
print('x.grad is null', js(x.grad is None))
y = 2 * torch.dot(x, x)
print('y', y.item(), type(y.grad_fn).__name__)
y.backward()
print('x.grad', js(x.grad.tolist()), js((x.grad == 4 * x).tolist()))

x.grad.zero_()
y = x.sum()
y.backward()
print('x.grad after sum', js(x.grad.tolist()))

x.grad.zero_()
y = x * x
y.backward(gradient=torch.ones(len(y)))
print('x.grad of x*x', js(x.grad.tolist()))

x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print('x.grad == u', js((x.grad == u).tolist()))
x.grad.zero_()
y.sum().backward()
print('x.grad == 2x', js((x.grad == 2 * x).tolist()))

def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

for start in [0.37, -1.3]:
    a = torch.tensor(start, requires_grad=True)
    d = f(a)
    d.backward()
    print('a', start, 'd', d.item(), type(d.grad_fn).__name__, 'a.grad', a.grad.item(), js((a.grad == d / a).item()))
