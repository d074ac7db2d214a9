"""Expected values for test/engine/nn-modules-more.test.ts, from real PyTorch 1.13 (Debian's python3-torch).

Run from the repository root:  /usr/bin/python3 test/engine/nn-modules-more/expected.py
Writes expected.json beside this file. Parameters are set from literals (the library's generator is
not torch's), so every number here is what torch computes for the same literals.
"""
import json
import os
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)


def fn_name(f):
    return None if f is None else f.name().replace('torch::autograd::', '')


def grad_fn_chain(t):
    """grad_fn name and the names of its next functions (None for an empty slot)."""
    return [fn_name(t.grad_fn), [fn_name(n) for n, _ in t.grad_fn.next_functions]]


def arange(*shape, scale=0.1, shift=0.0):
    n = 1
    for s in shape:
        n *= s
    return (torch.arange(float(n)) * scale + shift).reshape(*shape)


def run_conv(mod, x_shape):
    """Weights and bias from literals (a cosine pattern); loss = sum(y * coef)."""
    with torch.no_grad():
        mod.weight.copy_(torch.cos(arange(*mod.weight.shape, scale=0.7)))
        if mod.bias is not None:
            mod.bias.copy_(arange(*mod.bias.shape, scale=0.3, shift=-0.2))
    x = torch.sin(arange(*x_shape, scale=0.37)).requires_grad_()
    y = mod(x)
    coef = torch.cos(arange(*y.shape, scale=0.11))
    (y * coef).sum().backward()
    return {'y': y.tolist(), 'shape': list(y.shape), 'gradFn': grad_fn_chain(y), 'gradX': x.grad.tolist(),
            'gradWeight': mod.weight.grad.tolist(), 'gradBias': None if mod.bias is None else mod.bias.grad.tolist(), 'repr': repr(mod)}


def case_conv():
    return {
        'conv1d': run_conv(nn.Conv1d(2, 3, 3), [2, 2, 7]),
        'conv1d_strided': run_conv(nn.Conv1d(2, 2, 2, stride=2, padding=1, dilation=2, bias=False), [1, 2, 9]),
        'conv2d': run_conv(nn.Conv2d(1, 2, 3), [2, 1, 5, 5]),
        'conv2d_rect': run_conv(nn.Conv2d(2, 3, (2, 3), stride=2, padding=1), [1, 2, 6, 7]),
    }


def case_activations():
    out = {}
    x0 = [[-2.0, -0.5, 0.25, 1.5], [3.0, -1.0, 0.0, 0.75], [0.1, 0.2, -0.3, 2.5]]
    mods = [('Softmax1', nn.Softmax(dim=1)), ('Softmax0', nn.Softmax(dim=0)), ('SoftmaxNone', nn.Softmax()),
            ('LogSoftmax1', nn.LogSoftmax(dim=1)), ('LogSoftmaxNone', nn.LogSoftmax()),
            ('LeakyReLU', nn.LeakyReLU()), ('LeakyReLU02', nn.LeakyReLU(0.2)),
            ('Softplus', nn.Softplus()), ('Softplus2', nn.Softplus(beta=2, threshold=1)), ('Identity', nn.Identity())]
    coef = torch.tensor([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 2.0, 1.0], [0.3, -0.7, 1.1, 0.2]])
    for name, mod in mods:
        x = torch.tensor(x0, requires_grad=True)
        y = mod(x)
        (y * coef).sum().backward()
        out[name] = {'y': y.tolist(), 'gradFn': fn_name(y.grad_fn), 'gradX': x.grad.tolist(), 'repr': repr(mod)}
    return {'x': x0, 'coef': coef.tolist(), 'modules': out}


def case_flatten():
    out = {}
    for name, mod in [('default', nn.Flatten()), ('all', nn.Flatten(0, -1)), ('middle', nn.Flatten(1, 2))]:
        x = arange(2, 3, 2, 2).requires_grad_()
        y = mod(x)
        y.pow(2).sum().backward()
        out[name] = {'shape': list(y.shape), 'gradFn': grad_fn_chain(y), 'gradX': x.grad.tolist(), 'repr': repr(mod)}
    return out


def case_losses():
    out = {}
    a = [[0.2, -1.0, 1.5], [0.7, 0.1, -0.4]]
    b = [[0.0, -0.3, 2.5], [0.1, 0.2, -2.0]]
    probs = [[0.2, 0.9, 0.5], [0.7, 0.01, 0.35]]
    labels = [[0.0, 1.0, 1.0], [1.0, 0.0, 0.5]]
    logp = torch.log_softmax(torch.tensor([[1.0, 2.0, 0.5], [0.1, -0.3, 0.8], [0.0, 0.4, -1.2]]), 1).tolist()
    nll_target = [2, 0, 1]
    for red in ['mean', 'sum', 'none']:
        cases = [
            ('L1Loss', nn.L1Loss(reduction=red), a, b),
            ('SmoothL1Loss', nn.SmoothL1Loss(reduction=red, beta=0.5), a, b),
            ('HuberLoss', nn.HuberLoss(reduction=red, delta=0.5), a, b),
            ('BCELoss', nn.BCELoss(reduction=red), probs, labels),
            ('BCELossWeighted', nn.BCELoss(reduction=red, weight=torch.tensor([1.0, 2.0, 0.5])), probs, labels),
            ('BCEWithLogitsLoss', nn.BCEWithLogitsLoss(reduction=red), a, labels),
            ('NLLLoss', nn.NLLLoss(reduction=red), logp, None),
            ('NLLLossWeighted', nn.NLLLoss(reduction=red, weight=torch.tensor([0.5, 1.0, 2.0]), ignore_index=0), logp, None),
        ]
        for name, mod, x0, t0 in cases:
            x = torch.tensor(x0, requires_grad=True)
            t = torch.tensor(nll_target) if t0 is None else torch.tensor(t0)
            l = mod(x, t)
            l.sum().backward()
            out.setdefault(name, {'input': x0, 'target': nll_target if t0 is None else t0, 'repr': repr(mod)})[red] = \
                {'loss': l.tolist(), 'gradFn': fn_name(l.grad_fn), 'grad': x.grad.tolist()}
    return out


def case_module_list():
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(2, 3), nn.Linear(3, 3)])
            self.layers.append(nn.Linear(3, 1))
            self.act = nn.ReLU()

        def forward(self, x):
            for layer in self.layers:
                x = self.act(layer(x))
            return x

    net = Net()
    return {'names': [n for n, _ in net.named_parameters()], 'len': len(net.layers), 'repr': repr(net)}


def case_reprs():
    return {'Conv2dPadded': repr(nn.Conv2d(3, 6, 5, padding=2, dilation=2, bias=False)),
            'losses': ' '.join(repr(m) for m in [nn.L1Loss(), nn.NLLLoss(), nn.BCELoss(), nn.BCEWithLogitsLoss(), nn.SmoothL1Loss(), nn.HuberLoss()])}


def main():
    cases = {name[5:]: fn() for name, fn in sorted(globals().items()) if name.startswith('case_')}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')
    with open(out, 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': cases}, f)
        f.write('\n')


main()
