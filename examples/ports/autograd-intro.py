# "A Gentle Introduction to torch.autograd", as autograd-intro.ts ports it (same literals).
import json
import torch

def show(label, *values):
    print(label, *values)

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
show('Q', json.dumps(Q.tolist(), separators=(',', ':')), type(Q.grad_fn).__name__)
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
show('a.grad', json.dumps(a.grad.tolist(), separators=(',', ':')))
show('b.grad', json.dumps(b.grad.tolist(), separators=(',', ':')))
show('9a^2==a.grad', json.dumps((9 * a ** 2 == a.grad).tolist(), separators=(',', ':')))
show('-2b==b.grad', json.dumps((-2 * b == b.grad).tolist(), separators=(',', ':')))
x = torch.tensor([[0.1, 0.2], [0.3, 0.4]])
y = torch.tensor([[0.5, 0.6], [0.7, 0.8]])
z = torch.tensor([[0.9, 1.0], [1.1, 1.2]], requires_grad=True)
sum1 = x + y
sum2 = x + z
show('sum1.requiresGrad', json.dumps(sum1.requires_grad))
show('sum2.requiresGrad', json.dumps(sum2.requires_grad), type(sum2.grad_fn).__name__)
