# "Extending torch.autograd" (the Exp example of the torch.autograd.Function docs, and a two-output
# Function), as extending-autograd.ts ports it.
import json
import torch
from torch.autograd import Function

def js(v):
    return json.dumps(v, separators=(',', ':'))

class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

class SinCos(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin(), x.cos()

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        x, = ctx.saved_tensors
        return grad_sin * x.cos() - grad_cos * x.sin()

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = Exp.apply(x)
print('y', js(y.tolist()), type(y.grad_fn).__name__)
z = Exp.apply(y * 0.1)
(z * y).sum().backward()
print('x.grad', js(x.grad.tolist()))

t = torch.tensor([0.3, 1.2], requires_grad=True)
s, c = SinCos.apply(t)
print('sincos', js(s.tolist()), js(c.tolist()), type(s.grad_fn).__name__)
(s * 2 + c ** 2).sum().backward()
print('t.grad', js(t.grad.tolist()))
