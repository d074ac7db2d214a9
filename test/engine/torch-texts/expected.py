"""Regenerates expected.json: PyTorch 1.13's error texts for shape and argument mistakes, and cross_entropy
with class-probability targets (values, gradients, grad_fn chain).

Run: /usr/bin/python3 test/engine/torch-texts/expected.py
Each key of 'errors' names a row of test/engine/torch-texts.test.ts, which makes the same call in Gradlens.
"""
import json
import os

import torch
import torch.nn.functional as F

assert torch.__version__.startswith('1.13'), torch.__version__
o = torch.ones


def error(fn):
    try:
        fn()
    except (RuntimeError, ValueError, IndexError) as e:
        return str(e).split('\n')[0]
    raise AssertionError('no error')


ERRORS = {
    'matmul 1-d by 1-d': lambda: o(3) @ o(4),
    'matmul 2-d by 1-d': lambda: o(2, 3) @ o(4),
    'matmul 1-d by 2-d': lambda: o(3) @ o(4, 2),
    'matmul 2-d by 2-d': lambda: o(2, 3) @ o(2, 2),
    'matmul 3-d by 2-d (rows folded)': lambda: o(5, 2, 3) @ o(4, 2),
    'matmul 3-d by 1-d': lambda: o(5, 2, 3) @ o(4),
    'matmul 1-d by 3-d': lambda: o(3) @ o(5, 4, 2),
    'matmul 2-d by 3-d': lambda: o(2, 3) @ o(5, 4, 2),
    'matmul batched': lambda: o(5, 2, 3) @ o(5, 4, 2),
    'matmul batched, batch dims broadcast': lambda: o(4, 2, 3) @ o(5, 3, 2),
    'mm': lambda: torch.mm(o(2, 3), o(2, 2)),
    'bmm inner size': lambda: torch.bmm(o(5, 2, 3), o(5, 4, 2)),
    'bmm batch size': lambda: torch.bmm(o(5, 2, 3), o(4, 3, 2)),
    'mv': lambda: torch.mv(o(2, 3), o(4)),
    'dot': lambda: torch.dot(o(3), o(4)),
    'addmm': lambda: torch.addmm(o(2, 2), o(2, 3), o(2, 2)),
    'linear 2-d': lambda: F.linear(o(2, 3), o(4, 5), o(4)),
    'linear 1-d': lambda: F.linear(o(3), o(4, 5)),
    'linear 3-d': lambda: F.linear(o(7, 2, 3), o(4, 5)),
    'cat sizes': lambda: torch.cat([o(2, 3), o(2, 2)]),
    'cat sizes along dim 1': lambda: torch.cat([o(2, 3), o(3, 3)], 1),
    'cat dims': lambda: torch.cat([o(2, 3), o(3)]),
    'conv2d channels': lambda: F.conv2d(o(1, 2, 5, 5), o(4, 3, 3, 3)),
    'conv1d channels': lambda: F.conv1d(o(1, 2, 5), o(4, 3, 3)),
    'nll_loss batch': lambda: F.nll_loss(o(2, 3), torch.tensor([0, 1, 2])),
    'nll_loss float target': lambda: F.nll_loss(o(2, 3), torch.tensor([0., 1.])),
    'nll_loss int32 target': lambda: F.nll_loss(o(2, 3), torch.tensor([0, 1], dtype=torch.int32)),
    'nll_loss 1-d input': lambda: F.nll_loss(o(3), torch.tensor([1])),
    'cross_entropy batch before dtype': lambda: F.cross_entropy(o(2, 3), torch.tensor([0., 1., 2.])),
    'cross_entropy float target of another shape': lambda: F.cross_entropy(o(2, 3), torch.tensor([0., 1.])),
    'requires grad on int64': lambda: torch.tensor([1, 2], dtype=torch.int64, requires_grad=True),
    'optimizer on a non-leaf': lambda: torch.optim.SGD([torch.ones(2, requires_grad=True).mul(2)], lr=0.1),
    'neg of a bool tensor': lambda: -torch.tensor([True, False]),
    'neg_ of a bool tensor': lambda: torch.tensor([True, False]).neg_(),
    'sub of two bool tensors': lambda: torch.tensor([True, False]) - torch.tensor([False, False]),
    'sub of a bool tensor and a number': lambda: torch.tensor([True, False]) - 1,
    'number minus a bool tensor': lambda: 1 - torch.tensor([True, False]),
    'sub_ with a bool tensor': lambda: torch.tensor([1., 2.]).sub_(torch.tensor([True, False])),
}


def chain(fn):
    names = []
    while fn is not None:
        names.append(type(fn).__name__)
        fn = fn.next_functions[0][0] if fn.next_functions else None
    return names


def probs(shape_2d, reduction):
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]], requires_grad=True)
    t = torch.tensor([[0.7, 0.2, 0.1], [0., 0.5, 0.5]])
    xi, ti = (x, t) if shape_2d else (x[0], t[0])
    loss = F.cross_entropy(xi, ti, reduction=reduction)
    loss.sum().backward()
    return {'value': loss.detach().reshape(-1).tolist(), 'grad': x.grad.reshape(-1).tolist(), 'chain': chain(loss.grad_fn)}


OUT = {
    'torch': torch.__version__,
    'errors': {k: error(f) for k, f in ERRORS.items()},
    'cross_entropy_probs': {
        'mean': probs(True, 'mean'), 'sum': probs(True, 'sum'), 'none': probs(True, 'none'), '1-d mean': probs(False, 'mean'),
    },
}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json'), 'w') as f:
    json.dump(OUT, f, indent=1, sort_keys=True)
    f.write('\n')
