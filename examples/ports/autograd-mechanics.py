# PyTorch's "Autograd mechanics" note (torch 1.13), as autograd-mechanics.ts ports it.
import json
import torch
from torch import nn, optim

def js(v):
    return json.dumps(v, separators=(',', ':'))

# requires_grad spreads: an op's output requires grad when any input does
x = torch.tensor([[0.5, -1.5], [2.5, 1.25]])
y = torch.tensor([[1.5, 0.25], [-0.75, 2.0]])
z = torch.tensor([[0.1, 0.2], [0.3, 0.4]], requires_grad=True)
a = x + y
print('a.requires_grad', js(a.requires_grad))
b = a + z
print('b.requires_grad', js(b.requires_grad), type(b.grad_fn).__name__)

# freezing part of a model: only the last layer's parameters get .grad
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[((i * 3 + j) % 7) / 7 - 0.4 for j in range(3)] for i in range(4)]))
    model[0].bias.copy_(torch.tensor([0.1, -0.2, 0.05, 0.0]))
    model[2].weight.copy_(torch.tensor([[((i * 5 + j) % 9) / 9 - 0.5 for j in range(4)] for i in range(2)]))
    model[2].bias.copy_(torch.tensor([0.3, -0.1]))
for param in model[0].parameters():
    param.requires_grad_(False)
optimizer = optim.SGD(model[2].parameters(), lr=1e-2, momentum=0.9)
inp = torch.tensor([[0.2, -0.4, 0.6], [1.0, 0.5, -0.3]])
h = model[0](inp)
print('h.requires_grad', js(h.requires_grad), js(h.grad_fn is None))
hid = model[1](h)
out = model[2](hid)
print('out.requires_grad', js(out.requires_grad), type(out.grad_fn).__name__)
out.retain_grad()
loss = out.pow(2).sum()
loss.backward()
print('frozen grads are None', js(model[0].weight.grad is None), js(model[0].bias.grad is None))
print('out.grad', js(out.grad.tolist()))
print('last weight.grad', js(model[2].weight.grad.tolist()))
print('last bias.grad', js(model[2].bias.grad.tolist()))
optimizer.step()
print('last bias after a step', js(model[2].bias.tolist()))
optimizer.zero_grad()  # torch 1.13: zeros in place
print('after zero_grad()', js(model[2].bias.grad.tolist()))
optimizer.zero_grad(set_to_none=True)
print('after zero_grad(set_to_none=True)', js(model[2].bias.grad is None))

# retain_grad on an intermediate, and a hook that doubles the gradient flowing into v
w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
u = w * w
u.retain_grad()
v = u * 3
v.register_hook(lambda grad: grad * 2)
v.sum().backward()
print('u.grad', js(u.grad.tolist()))
print('w.grad', js(w.grad.tolist()))

# no_grad and detach: no graph is recorded
with torch.no_grad():
    n = w * 2
print('under no_grad', js(n.requires_grad), js(n.grad_fn is None))
d = w.detach()
print('detach', js(d.requires_grad), js(d.is_leaf))

# the in-place correctness check: exp saves its output, and mul_ changes it before backward
s = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
e = s.exp()
e.mul_(2)
print('e', js(e.tolist()), type(e.grad_fn).__name__)
try:
    e.sum().backward()
except RuntimeError as err:
    print(str(err).split(' Hint:')[0])
