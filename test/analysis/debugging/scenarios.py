"""Regenerates scenarios.json: what PyTorch 1.13 does in each file of scenarios/ (the mistakes users make).

Run: /usr/bin/python3 test/analysis/debugging/scenarios.py
Each function mirrors one scenarios/*.ts line by line. `err(fn)` runs the line of the mistake and keeps torch's
error text; the lines after it still run (the analyzer annotates them), as they do when the mistake is fixed.
Values are the tensors bound by name at the end of the file, flattened (None for a None `.grad`), with their
repr (what a hover shows); `loss.history` is the loss of each step of a loop.
"""
import json
import os
import warnings

import torch

from torch_json import num
import torch.nn.functional as F

assert torch.__version__.startswith('1.13'), torch.__version__
torch.set_num_threads(1)




def flat(t):
    if t is None:
        return None
    if not isinstance(t, torch.Tensor):
        return [num(t)]
    return [num(v) for v in t.detach().reshape(-1).tolist()]


class Run:
    """One scenario: the first error torch raised, the warnings it gave, and the named values."""

    def __init__(self):
        self.error = None
        self.warnings = []
        self.values = {}

    def err(self, fn):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            try:
                out = fn()
            except (RuntimeError, ValueError, IndexError, TypeError) as e:
                if self.error is None:
                    self.error = str(e).split('\n')[0]
                out = None
        self.warnings += [str(w.message) for w in caught]
        return out

    def out(self, **values):
        self.values.update({k: flat(v) for k, v in values.items()})
        reprs = {k: repr(v) for k, v in values.items() if isinstance(v, torch.Tensor)}
        return {'error': self.error, 'warnings': self.warnings, 'values': self.values, 'reprs': reprs}


def T(data, **kw):
    return torch.tensor(data, dtype=kw.pop('dtype', torch.float32), **kw)


def backward_non_scalar(r):
    x = T([1, 2, 3], requires_grad=True)
    y = x.mul(2)
    r.err(lambda: y.backward())
    loss = y.sum()
    loss.backward()
    return r.out(x=x, y=y, loss=loss, g=x.grad)


def backward_twice_retain(r):
    a = T([1, 2, 3], requires_grad=True)
    loss = a.exp().sum()
    loss.backward(retain_graph=True)
    r.err(lambda: loss.backward())
    return r.out(loss=loss, g=a.grad)


def backward_options_first(r):
    # torch has keyword arguments; the mistake is Gradlens's own (Gradlens's text, no torch error)
    a = T([1, 2, 3], requires_grad=True)
    loss = a.exp().sum()
    loss.backward()
    return r.out(loss=loss, g=a.grad)


def backward_twice_exp(r):
    a = T([1, 2, 3], requires_grad=True)
    h = a.pow(2)
    loss = h.sum()
    loss.backward()
    r.err(lambda: loss.backward())
    return r.out(h=h, loss=loss, g=a.grad, after=a.mul(3))


def inplace_leaf(r):
    w = T([1, 2, 3], requires_grad=True)
    r.err(lambda: w.add_(1))
    loss = w.mul(2).sum()
    loss.backward()
    return r.out(w=w, loss=loss, g=w.grad)


def inplace_exp(r):
    x = T([0.5, 1, 1.5], requires_grad=True)
    y = x.exp()
    y.add_(1)
    loss = y.sum()
    r.err(lambda: loss.backward())
    return r.out(y=y, loss=loss, after=x.mul(2))


def inplace_sigmoid(r):
    x = T([-1, 0, 2], requires_grad=True)
    s = x.sigmoid()
    s.mul_(2)
    loss = s.sum()
    r.err(lambda: loss.backward())
    return r.out(s=s, loss=loss, after=x.add(1))


def inplace_tanh(r):
    x = T([-2, 0.5, 3], requires_grad=True)
    t = x.tanh()
    loss = t.pow(2).sum()
    t.mul_(0.5)
    r.err(lambda: loss.backward())
    return r.out(t=t, loss=loss, after=x.neg())


def inplace_mul_operand(r):
    x = T([1, 2, 3], requires_grad=True)
    w = T([0.5, -1, 2], requires_grad=True)
    h = x.add(1)
    p = h.mul(w)
    h.sub_(1)
    r.err(lambda: p.sum().backward())
    return r.out(h=h, p=p, gw=w.grad)


def inplace_pow_input(r):
    x = T([-1, 2, 3], requires_grad=True)
    h = x.mul(1.5)
    cube = h.pow(3)
    h.add_(1)
    r.err(lambda: cube.sum().backward())
    return r.out(h=h, cube=cube, after=h.sum())


def inplace_after_backward(r):
    x = T([0.5, 1, 1.5], requires_grad=True)
    y = x.exp()
    loss = y.sum()
    loss.backward()
    y.add_(1)
    return r.out(y=y, loss=loss, g=x.grad)


def nonleaf_grad(r):
    x = T([1, 2, 3], requires_grad=True)
    h = x.mul(2)
    loss = h.pow(2).sum()
    loss.backward()
    hg = r.err(lambda: h.grad)
    return r.out(loss=loss, hg=hg, xg=x.grad)


def retain_grad(r):
    x = T([1, 2, 3], requires_grad=True)
    h = x.mul(2)
    h.retain_grad()
    loss = h.pow(2).sum()
    loss.backward()
    hg = r.err(lambda: h.grad)
    return r.out(loss=loss, hg=hg, xg=x.grad)


def item_cut(r):
    w = T([1, 2], requires_grad=True)
    c = T([3, 4], requires_grad=True)
    scale = w.sum().item()
    loss = c.mul(scale).sum()
    loss.backward()
    return r.out(scale=scale, loss=loss, cg=c.grad, wg=w.grad)


def number_cut(r):
    w = T([0.5], requires_grad=True)
    b = T([2], requires_grad=True)
    m = float(w.mul(3).item()) * 2
    loss = b.mul(m).sum()
    loss.backward()
    return r.out(m=m, loss=loss, bg=b.grad, wg=w.grad)


def tolist_cut(r):
    w = T([1, 2, 3], requires_grad=True)
    h = w.mul(2)
    copy = T(h.tolist())
    loss = r.err(lambda: copy.pow(2).sum())
    r.err(lambda: loss.backward())
    return r.out(copy=copy, loss=loss, wg=w.grad)


def nograd_forward(r):
    w = T([1, 2, 3], requires_grad=True)
    with torch.no_grad():
        loss = w.mul(2).sum()
    r.err(lambda: loss.backward())
    return r.out(loss=loss, wg=w.grad, after=w.mul(2).sum())


def nograd_backward(r):
    w = T([1, 2, 3], requires_grad=True)
    loss = w.pow(2).sum()
    with torch.no_grad():
        loss.backward()
    return r.out(loss=loss, wg=w.grad)


def int_requires_grad(r):
    r.err(lambda: torch.tensor([1, 2, 3], dtype=torch.int64, requires_grad=True))
    x = T([1, 2, 3], requires_grad=True)
    return r.out(after=x.mul(2))


def int_set_requires_grad(r):
    n = torch.tensor([1, 2, 3], dtype=torch.int64)
    r.err(lambda: setattr(n, 'requires_grad', True))
    x = T([1, 2, 3], requires_grad=True)
    return r.out(n=n, after=x.mul(2))


def sgd_loop(r, zero_grad):
    w = T([1, -1], requires_grad=True)
    x = T([2, 3])
    opt = torch.optim.SGD([w], lr=0.1)
    losses = []
    for _ in range(3):
        if zero_grad:
            opt.zero_grad()
        loss = w.mul(x).sum().pow(2)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    r.values['loss.history'] = [num(v) for v in losses]
    return r.out(loss=loss, final=w.add(0), g=w.grad)


def manual_update_no_reset(r):
    w = T([1, -1], requires_grad=True)
    x = T([2, 3])
    losses = []
    for _ in range(3):
        loss = w.mul(x).sum().pow(2)
        loss.backward()
        with torch.no_grad():
            w.sub_(w.grad.mul(0.1))
        losses.append(loss.item())
    r.values['loss.history'] = [num(v) for v in losses]
    return r.out(loss=loss, final=w.add(0), g=w.grad)


def grad_accumulation_steps(r):
    w = T([1, -1], requires_grad=True)
    xs = [T([2, 3]), T([1, -1])]
    opt = torch.optim.SGD([w], lr=0.05)
    for _ in range(3):
        for x in xs:
            loss = w.mul(x).sum().pow(2)
            loss.backward()
        opt.step()
        opt.zero_grad()
    return r.out(final=w.add(0))


def matmul_shapes(r):
    a = T([[1, 2, 3], [4, 5, 6]], requires_grad=True)
    b = T([[1, 0, 1], [0, 1, 0]])
    r.err(lambda: a.matmul(b))
    return r.out(d=a.matmul(b.t()))


def broadcast_shapes(r):
    a = T([1, 2, 3], requires_grad=True)
    b = T([1, 2, 3, 4])
    r.err(lambda: a.add(b))
    return r.out(d=a.add(b.narrow(0, 0, 3)))


def view_size(r):
    a = T([[1, 2, 3], [4, 5, 6]], requires_grad=True)
    r.err(lambda: a.view(4, 2))
    return r.out(ok=a.view(3, 2))


def view_noncontiguous(r):
    a = T([[1, 2, 3], [4, 5, 6]], requires_grad=True)
    t = a.t()
    r.err(lambda: t.view(6))
    return r.out(t=t, r=t.reshape(6))


def cat_shapes(r):
    a = T([[1, 2, 3], [4, 5, 6]], requires_grad=True)
    b = torch.zeros(2, 2)
    r.err(lambda: torch.cat([a, b]))
    return r.out(d=torch.cat([a, b], 1))


def stack_shapes(r):
    a = T([[1, 2, 3], [4, 5, 6]], requires_grad=True)
    b = torch.zeros(2, 2)
    r.err(lambda: torch.stack([a, b]))
    return r.out(ok=torch.stack([a, a.mul(2)]))


def linear_shapes(r):
    x = T([[1, 2, 3], [4, 5, 6]], requires_grad=True)
    w = torch.ones(4, 5)
    r.err(lambda: F.linear(x, w))
    return r.out(z=F.linear(x, torch.ones(4, 3)))


def conv_channels(r):
    x = torch.ones([1, 2, 5, 5], requires_grad=True)
    w = torch.ones(4, 3, 3, 3)
    r.err(lambda: F.conv2d(x, w))
    return r.out(z=F.conv2d(x, torch.ones(4, 2, 3, 3)).sum())


LOGITS = [[1, 2, 0.5], [0.1, 0.2, 3]]


def ce_target_range(r):
    logits = T(LOGITS, requires_grad=True)
    target = torch.tensor([0, 5])
    r.err(lambda: F.cross_entropy(logits, target))
    return r.out(ok=F.cross_entropy(logits, torch.tensor([0, 2])))


def ce_float_target(r):
    logits = T(LOGITS, requires_grad=True)
    target = T([0, 2])
    r.err(lambda: F.cross_entropy(logits, target))
    return r.out(ok=F.cross_entropy(logits, T([[1, 0, 0], [0, 0, 1]])))


def ce_batch(r):
    logits = T(LOGITS, requires_grad=True)
    target = torch.tensor([0, 2, 1])
    r.err(lambda: F.cross_entropy(logits, target))
    return r.out(after=logits.sum())


def nan_log_zero(r):
    p = T([0, 0.5, 1], requires_grad=True)
    t = T([0, 1, 1])
    l = p.log()
    loss = t.mul(l).sum().neg()
    loss.backward()
    return r.out(l=l, loss=loss, g=p.grad)


def nan_sqrt_negative(r):
    x = T([-1, 4], requires_grad=True)
    s = x.sqrt()
    loss = s.sum()
    loss.backward()
    return r.out(r=s, loss=loss, g=x.grad)


def nan_zero_div(r):
    x = T([0, 0], requires_grad=True)
    n = x.abs().sum()
    u = x.div(n)
    loss = u.sum()
    loss.backward()
    return r.out(n=n, u=u, loss=loss, g=x.grad)


def optim_nonleaf(r):
    w = T([1, 2], requires_grad=True)
    scaled = w.mul(2)
    r.err(lambda: torch.optim.SGD([scaled], lr=0.1))
    torch.optim.SGD([w], lr=0.1)
    return r.out(after=w.sum())


def step_before_backward(r):
    w = T([1, 2], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)
    opt.step()
    loss = w.pow(2).sum()
    loss.backward()
    return r.out(loss=loss, same=w.add(0), g=w.grad)


def update_without_nograd(r):
    w = T([1, 2], requires_grad=True)
    loss = w.pow(2).sum()
    loss.backward()
    r.err(lambda: w.sub_(w.grad.mul(0.1)))
    with torch.no_grad():
        w.sub_(w.grad.mul(0.1))
    return r.out(loss=loss, after=w.add(0))


def data_inplace(r):
    w = T([1, 2], requires_grad=True)
    loss = w.mul(w).sum()
    w.data.mul_(10)
    loss.backward()
    return r.out(loss=loss, g=w.grad, v=w.add(0))


def backward_no_grad_tensor(r):
    x = T([1, 2, 3])
    loss = x.pow(2).sum()
    r.err(lambda: loss.backward())
    return r.out(loss=loss, after=x.sum())


SCENARIOS = {
    'backward-non-scalar': backward_non_scalar,
    'backward-twice-retain': backward_twice_retain,
    'backward-options-first': backward_options_first,
    'backward-twice-exp': backward_twice_exp,
    'inplace-leaf': inplace_leaf,
    'inplace-exp': inplace_exp,
    'inplace-sigmoid': inplace_sigmoid,
    'inplace-tanh': inplace_tanh,
    'inplace-mul-operand': inplace_mul_operand,
    'inplace-pow-input': inplace_pow_input,
    'inplace-after-backward': inplace_after_backward,
    'nonleaf-grad': nonleaf_grad,
    'retain-grad': retain_grad,
    'item-cut': item_cut,
    'number-cut': number_cut,
    'tolist-cut': tolist_cut,
    'nograd-forward': nograd_forward,
    'nograd-backward': nograd_backward,
    'int-requires-grad': int_requires_grad,
    'int-set-requires-grad': int_set_requires_grad,
    'no-zero-grad': lambda r: sgd_loop(r, False),
    'zero-grad-loop': lambda r: sgd_loop(r, True),
    'manual-update-no-reset': manual_update_no_reset,
    'grad-accumulation-steps': grad_accumulation_steps,
    'matmul-shapes': matmul_shapes,
    'broadcast-shapes': broadcast_shapes,
    'view-size': view_size,
    'view-noncontiguous': view_noncontiguous,
    'cat-shapes': cat_shapes,
    'stack-shapes': stack_shapes,
    'linear-shapes': linear_shapes,
    'conv-channels': conv_channels,
    'ce-target-range': ce_target_range,
    'ce-float-target': ce_float_target,
    'ce-batch': ce_batch,
    'nan-log-zero': nan_log_zero,
    'nan-sqrt-negative': nan_sqrt_negative,
    'nan-zero-div': nan_zero_div,
    'optim-nonleaf': optim_nonleaf,
    'step-before-backward': step_before_backward,
    'update-without-nograd': update_without_nograd,
    'data-inplace': data_inplace,
    'backward-no-grad-tensor': backward_no_grad_tensor,
}

OUT = {'torch': torch.__version__}
OUT.update({f'{name}.ts': fn(Run()) for name, fn in SCENARIOS.items()})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'scenarios.json'), 'w') as f:
    json.dump(OUT, f, indent=1, sort_keys=True)
    f.write('\n')
