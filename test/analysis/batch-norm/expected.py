"""Writes expected.json beside it: sample.ts run by torch 1.13 (/usr/bin/python3 expected.py)."""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
x = torch.tensor([[0.5, -1.2, 0.3], [1.4, 0.2, -0.7], [-0.3, 0.8, 1.1], [0.9, -0.4, -1.5]])
target = torch.tensor([[0.2], [-0.4], [0.7], [0.1]])
w1 = torch.tensor([[0.3, -0.5, 0.2, 0.4], [0.1, 0.6, -0.3, -0.2], [-0.4, 0.2, 0.5, 0.3]], requires_grad=True)
w2 = torch.tensor([[0.5], [-0.3], [0.2], [0.6]], requires_grad=True)
bn = torch.nn.BatchNorm1d(4)
opt = torch.optim.SGD([w1, w2, *bn.parameters()], lr=0.1)
for step in range(2):
    opt.zero_grad()
    hidden = bn(x.matmul(w1)).relu()
    loss = hidden.matmul(w2).sub(target).pow(2).mean()
    loss.backward()
    opt.step()
bn.eval()
eval_out = bn(x.matmul(w1)).relu().matmul(w2)


def flat(t):
    return [float(v) for v in t.detach().flatten().tolist()]


doc = {
    "values": {"hidden": flat(hidden), "loss": flat(loss), "runningMean": flat(bn.running_mean), "runningVar": flat(bn.running_var),
               "gamma": flat(bn.weight), "evalOut": flat(eval_out), "w1Trained": flat(w1)},
    "grad_fn": {"loss": loss.grad_fn.name(), "evalOut": eval_out.grad_fn.name()},
    "grads": {"w2": flat(w2.grad), "gamma": flat(bn.weight.grad)},
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json"), "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
