# PyTorch's "Double Backward with Custom Functions" tutorial, as double-backward-custom.ts ports it.
import json
import torch

def js(v):
    return json.dumps(v, separators=(',', ':'))

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        # Because we are saving one of the inputs use `save_for_backward`
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, grad_out):
        # A function supports double backward automatically if autograd
        # is able to record the computations performed in backward
        x, = ctx.saved_tensors
        return grad_out * 2 * x

class Exp(torch.autograd.Function):
    # Simple case where everything goes well
    @staticmethod
    def forward(ctx, x):
        # This time we save the output
        result = torch.exp(x)
        # Note that we should use `save_for_backward` here when
        # the tensor saved is an output (or an input).
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_out):
        result, = ctx.saved_tensors
        return result * grad_out

class Sinh(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        expx = torch.exp(x)
        expnegx = torch.exp(-x)
        ctx.save_for_backward(expx, expnegx)
        # In order to be able to save the intermediate results, a trick is to
        # include them as our outputs, so that the backward graph is constructed
        return (expx - expnegx) / 2, expx, expnegx

    @staticmethod
    def backward(ctx, grad_out, _grad_out_exp, _grad_out_negexp):
        expx, expnegx = ctx.saved_tensors
        grad_input = grad_out * (expx + expnegx) / 2
        # We cannot skip accumulating these even though we won't use the outputs
        # directly. They will be used later in the second backward.
        grad_input += _grad_out_exp * expx
        grad_input -= _grad_out_negexp * expnegx
        return grad_input

def sinh(x):
    # Create a wrapper that only returns the first output
    return Sinh.apply(x)[0]

def point():
    # the tutorial's torch.rand(3, 3, requires_grad=True, dtype=torch.double), as a formula
    return torch.tensor([[((i * 3 + j) % 9) / 9 + 0.05 for j in range(3)] for i in range(3)], dtype=torch.double, requires_grad=True)

for name, f in [('Square', Square.apply), ('Exp', Exp.apply), ('Sinh', sinh)]:
    x = point()
    # Use gradcheck to verify the first derivative, gradgradcheck the second
    assert torch.autograd.gradcheck(f, x)
    assert torch.autograd.gradgradcheck(f, x)
    y = f(x)
    print(name, 'y', js(y[0].tolist()), type(y.grad_fn).__name__)
    g, = torch.autograd.grad(y.sum(), x, create_graph=True)
    print(name, 'dy/dx', js(g[0].tolist()), type(g.grad_fn).__name__)
    g.sum().backward()
    print(name, 'd2y/dx2', js(x.grad[0].tolist()))
