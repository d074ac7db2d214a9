# "Automatic Differentiation with torch.autograd" (Learn the Basics), as autograd-basics.ts ports it.
import json
import torch

def js(v):
    return json.dumps(v, separators=(',', ':'))

x = torch.ones(5)  # input tensor
y = torch.zeros(3)  # expected output
w = torch.tensor([[(((i * 3 + j * 5) % 7) - 3) / 4 for j in range(3)] for i in range(5)], requires_grad=True)
b = torch.tensor([0.5, -0.25, 0.125], requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
print('Gradient function for z =', type(z.grad_fn).__name__)
print('Gradient function for loss =', type(loss.grad_fn).__name__)
print('loss', loss.item())

loss.backward()
print('w.grad', js(w.grad.tolist()))
print('b.grad', js(b.grad.tolist()))

z = torch.matmul(x, w) + b
print('requiresGrad', js(z.requires_grad))
with torch.no_grad():
    z = torch.matmul(x, w) + b
print('requiresGrad under noGrad', js(z.requires_grad))
z = torch.matmul(x, w) + b
z_det = z.detach()
print('requiresGrad after detach', js(z_det.requires_grad))

inp = torch.eye(4, 5, requires_grad=True)
out = (inp + 1).pow(2).t()
print('out', type(out.grad_fn).__name__, js(list(out.shape)))
out.backward(torch.ones_like(out), retain_graph=True)
print('First call', js(inp.grad.tolist()))
out.backward(torch.ones_like(out), retain_graph=True)
print('Second call', js(inp.grad.tolist()))
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print('Call after zeroing gradients', js(inp.grad.tolist()))
