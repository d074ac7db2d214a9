"""Regenerates expected.json: the numbers the debugging examples' diagnostics state, computed by PyTorch 1.13.

Run: /usr/bin/python3 test/analysis/debugging/expected.py
Each entry mirrors one file of examples/debugging/, written the way PyTorch writes it.
"""
import json
import os

import torch

from torch_json import num

assert torch.__version__.startswith('1.13'), torch.__version__
torch.set_num_threads(1)




def flat(t):
    return [num(v) for v in t.detach().reshape(-1).tolist()]


def sqrt_where_graph():
    x = torch.tensor([0., 1., 4.], requires_grad=True)
    r = x.sqrt()
    n = r.pow(2).sum().sqrt()
    lx = x.log()
    safe = torch.where(x.gt(0), lx, torch.tensor(0.))
    return x, r, n, lx, safe, n.add(safe.sum())


def nan_sqrt_where():
    # each origin's own contribution to x.grad, each on a fresh graph (retain_grad hooks also fire in autograd.grad)
    x, _, n, _, _, _ = sqrt_where_graph()
    via_sqrt = torch.autograd.grad(n, x)[0]
    x, _, _, _, safe, _ = sqrt_where_graph()
    via_log = torch.autograd.grad(safe.sum(), x)[0]
    x, r, _, lx, _, loss = sqrt_where_graph()
    r.retain_grad()
    lx.retain_grad()
    loss.backward()
    return {
        'x': flat(x), 'log_x': flat(lx), 'sqrt_upstream': flat(r.grad), 'log_upstream': flat(lx.grad),
        'via_sqrt': flat(via_sqrt), 'via_log': flat(via_log), 'x_grad': flat(x.grad),
    }


def nan_zero_norm():
    v = torch.tensor([0., 0., 0.], requires_grad=True)
    s = v.pow(2).sum()
    s.retain_grad()
    norm = s.sqrt()
    norm.backward()
    return {'sum': flat(s), 'sum_grad': flat(s.grad), 'norm_grad': 1.0, 'v_grad': flat(v.grad)}


def unused_parameter():
    w = torch.tensor([0.5, -1.0], requires_grad=True)
    b = torch.tensor(0.5, requires_grad=True)
    x = torch.tensor([2.0, 3.0])
    loss = w.mul(x).sum().pow(2)
    loss.backward()
    return {'w_grad': flat(w.grad), 'b_grad': None if b.grad is None else flat(b.grad)}


def detach_cut():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    c = torch.tensor([2.0, 3.0], requires_grad=True)
    y = w.detach().mul(3)
    loss = c.mul(y).sum()
    loss.backward()
    return {'c_grad': flat(c.grad), 'w_grad': None if w.grad is None else flat(w.grad), 'y_requires_grad': y.requires_grad}


def inplace_error():
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    e = a.mul(2)
    f = e.pow(2)
    e.mul_(2)
    loss = f.sum()
    try:
        loss.backward()
        message = None
    except RuntimeError as err:
        message = str(err)
    return {'message': message, 'a_grad': None if a.grad is None else flat(a.grad)}


def second_backward():
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    loss = a.exp().sum()
    loss.backward()
    first = flat(a.grad)
    try:
        loss.backward()
        message = None
    except RuntimeError as err:
        message = str(err)
    return {'a_grad': first, 'message': message}


def forgot_zero_grad():
    x = torch.tensor([[1., 2.], [3., 4.], [5., 6.]])
    y = torch.tensor([5., 11., 17.])
    w = torch.tensor([0., 0.], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.01)
    losses = []
    for _ in range(5):
        loss = x.matmul(w).sub(y).pow(2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return {'losses': losses, 'w': flat(w), 'w_grad': flat(w.grad)}


def lost_graph():
    w = torch.tensor([0.5, -0.3], requires_grad=True)
    x = torch.tensor([[1., 2.], [3., 4.]])
    logits = x.matmul(w)
    probs = torch.tensor(logits.sigmoid().tolist())
    loss = probs.sub(torch.tensor([1., 0.])).pow(2).mean()
    try:
        loss.backward()
        message = None
    except RuntimeError as err:
        message = str(err)
    return {'message': message, 'probs': flat(probs), 'loss': num(loss), 'w_grad': None if w.grad is None else flat(w.grad)}


def linear_in_features():
    x = torch.tensor([[1., 2., 3., 4.], [0., 1., 0., 1.]], requires_grad=True)
    weight = torch.ones(2, 3).mul(0.5)
    try:
        torch.nn.functional.linear(x, weight)
        message = None
    except RuntimeError as err:
        message = str(err)
    fixed = torch.nn.functional.linear(x, torch.ones(2, 4).mul(0.5)).sum()
    fixed.backward()
    return {'message': message, 'fixed': num(fixed), 'x_grad': flat(x.grad)}


OUT = {
    'torch': torch.__version__,
    'nan-sqrt-where.ts': nan_sqrt_where(),
    'nan-zero-norm.ts': nan_zero_norm(),
    'unused-parameter.ts': unused_parameter(),
    'detach-cut.ts': detach_cut(),
    'inplace-error.ts': inplace_error(),
    'second-backward.ts': second_backward(),
    'forgot-zero-grad.ts': forgot_zero_grad(),
    'lost-graph.ts': lost_graph(),
    'linear-in-features.ts': linear_in_features(),
}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json'), 'w') as f:
    json.dump(OUT, f, indent=1, sort_keys=True)
    f.write('\n')
