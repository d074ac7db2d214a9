"""Expected values for test/engine/nn-modules.test.ts, from real PyTorch 1.13 (Debian's python3-torch).

Run from the repository root:  /usr/bin/python3 test/engine/nn-modules/expected.py
Writes expected.json beside this file. Weights are set from literals (the library's generator is not
torch's), so every number here is what torch computes for the same literals.
"""
import json
import os
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)


def grad_fn_chain(t):
    """grad_fn name and the names of its next functions (None for an empty slot)."""
    def name(f):
        return None if f is None else f.name().replace('torch::autograd::', '')
    return [name(t.grad_fn), [name(n) for n, _ in t.grad_fn.next_functions]]


def set_(param, values):
    with torch.no_grad():
        param.copy_(torch.tensor(values))


def case_linear():
    lin = nn.Linear(3, 2)
    set_(lin.weight, [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]])
    set_(lin.bias, [0.05, -0.15])
    x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], requires_grad=True)
    y = lin(x)
    loss = y.pow(2).sum()
    loss.backward()
    return {'x': x.tolist(), 'weight': lin.weight.tolist(), 'bias': lin.bias.tolist(), 'y': y.tolist(), 'gradFn': grad_fn_chain(y),
            'gradWeight': lin.weight.grad.tolist(), 'gradBias': lin.bias.grad.tolist(), 'gradX': x.grad.tolist()}


def case_linear_no_bias_3d():
    lin = nn.Linear(2, 2, bias=False)
    set_(lin.weight, [[1.5, -0.5], [0.25, 2.0]])
    x = torch.tensor([[[1.0, 2.0], [3.0, -1.0]]], requires_grad=True)
    y = lin(x)
    (y * y).sum().backward()
    return {'x': x.tolist(), 'weight': lin.weight.tolist(), 'y': y.tolist(), 'gradFn': grad_fn_chain(y), 'gradWeight': lin.weight.grad.tolist()}


def case_embedding():
    emb = nn.Embedding(4, 3, padding_idx=1)
    set_(emb.weight, [[0.1, 0.2, 0.3], [0.0, 0.0, 0.0], [1.0, -1.0, 0.5], [2.0, 0.25, -0.75]])
    idx = torch.tensor([[0, 1], [3, 1], [0, 2]])
    out = emb(idx)
    coef = torch.arange(18.0).reshape(3, 2, 3)
    (out * coef).sum().backward()
    return {'weight': emb.weight.tolist(), 'idx': idx.tolist(), 'out': out.tolist(), 'gradFn': grad_fn_chain(out), 'gradWeight': emb.weight.grad.tolist()}


def case_layer_norm():
    ln = nn.LayerNorm(3)
    set_(ln.weight, [1.0, 0.5, 2.0])
    set_(ln.bias, [0.0, 0.1, -0.1])
    x = torch.tensor([[1.0, 2.0, 4.0], [-1.0, 0.0, 3.0]], requires_grad=True)
    y = ln(x)
    (y * torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 1.0]])).sum().backward()
    return {'x': x.tolist(), 'y': y.tolist(), 'gradFn': grad_fn_chain(y), 'gradX': x.grad.tolist(), 'gradWeight': ln.weight.grad.tolist(), 'gradBias': ln.bias.grad.tolist()}


def case_activations():
    out = {}
    for name, mod in [('ReLU', nn.ReLU()), ('Tanh', nn.Tanh()), ('Sigmoid', nn.Sigmoid()), ('GELU', nn.GELU()), ('GELUtanh', nn.GELU(approximate='tanh'))]:
        x = torch.tensor([-1.5, -0.25, 0.5, 2.0], requires_grad=True)
        y = mod(x)
        (y * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
        out[name] = {'y': y.tolist(), 'gradFn': grad_fn_chain(y)[0], 'gradX': x.grad.tolist()}
    return {'x': [-1.5, -0.25, 0.5, 2.0], 'modules': out}


def case_losses():
    logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, -0.3, 0.8]], requires_grad=True)
    target = torch.tensor([2, 0])
    ce = {}
    for red in ['mean', 'sum', 'none']:
        logits.grad = None
        l = nn.CrossEntropyLoss(reduction=red)(logits, target)
        l.sum().backward()
        ce[red] = {'loss': l.tolist(), 'gradFn': l.grad_fn.name(), 'grad': logits.grad.tolist()}
    # the module's weight and label smoothing, as F.cross_entropy takes them
    for key, kw in [('weighted', {'weight': torch.tensor([0.5, 1.0, 2.0])}), ('smoothed', {'label_smoothing': 0.1})]:
        logits.grad = None
        l = nn.CrossEntropyLoss(**kw)(logits, target)
        l.backward()
        ce[key] = {'weight': kw['weight'].tolist() if 'weight' in kw else None, 'labelSmoothing': kw.get('label_smoothing', 0.0),
                   'loss': l.tolist(), 'gradFn': l.grad_fn.name(), 'grad': logits.grad.tolist()}
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = torch.tensor([[0.5, 2.5], [2.0, 5.0]])
    mse = {}
    for red in ['mean', 'sum', 'none']:
        a.grad = None
        l = nn.MSELoss(reduction=red)(a, b)
        l.sum().backward()
        mse[red] = {'loss': l.tolist(), 'gradFn': l.grad_fn.name(), 'grad': a.grad.tolist()}
    return {'logits': logits.tolist(), 'target': target.tolist(), 'ce': ce, 'a': a.tolist(), 'b': b.tolist(), 'mse': mse}


def case_sequential():
    seq = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
    set_(seq[0].weight, [[0.5, -1.0], [0.25, 0.75], [-0.5, 0.1]])
    set_(seq[0].bias, [0.1, 0.0, -0.2])
    set_(seq[2].weight, [[1.0, -2.0, 0.5]])
    set_(seq[2].bias, [0.3])
    x = torch.tensor([[1.0, 2.0], [0.5, -1.0]])
    y = seq(x)
    y.sum().backward()
    return {'x': x.tolist(), 'names': [n for n, _ in seq.named_parameters()], 'y': y.tolist(), 'gradFn': grad_fn_chain(y),
            'grads': {n: p.grad.tolist() for n, p in seq.named_parameters()}}


def case_reprs():
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(nn.Linear(2, 3), nn.GELU(), nn.Dropout(0.25))
            self.norm = nn.LayerNorm([2, 3], eps=1e-6, elementwise_affine=False)
            self.head = nn.Linear(3, 1, bias=False)

        def forward(self, x):
            return x

    class Empty(nn.Module):
        pass

    return {'Net': repr(Net()), 'Empty': repr(Empty()), 'Embedding': repr(nn.Embedding(10, 4, padding_idx=-1)),
            'losses': repr(nn.CrossEntropyLoss()) + ' ' + repr(nn.MSELoss()), 'acts': ' '.join(repr(m) for m in [nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.GELU(approximate='tanh')])}


def main():
    cases = {name[5:]: fn() for name, fn in sorted(globals().items()) if name.startswith('case_')}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')
    with open(out, 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': cases}, f)
        f.write('\n')


main()
