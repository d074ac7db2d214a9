"""Expected parameters after each optimizer step, from real PyTorch 1.13 (Debian's python3-torch).

Run from the repository root:  /usr/bin/python3 test/engine/optim-steps/expected.py
Writes expected.json beside this file for test/engine/optim-steps.test.ts. Each run: parameters w
[2, 3], b [3] and an unused u [2] (never a gradient, so never stepped) from literals; per step the
loss sum(tanh(x @ w + b) * c) + 0.5 * sum(w²), backward, step (foreach=False: torch 1.13's CPU path),
zero_grad(set_to_none=True). Options are written with the library's camelCase names.
"""
import json
import os
import re
import torch

X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]]
C = [[1.0, -2.0, 0.5], [0.3, 0.8, -1.2], [2.0, 0.1, 0.7]]
W0 = [[0.2, -0.4, 0.6], [-0.1, 0.3, 0.05]]
B0 = [0.1, -0.2, 0.0]
STEPS = 4

CONFIGS = {
    'SGD': [{'lr': 0.1}, {'lr': 0.1, 'momentum': 0.9}, {'lr': 0.05, 'momentum': 0.9, 'nesterov': True, 'weightDecay': 0.01},
            {'lr': 0.1, 'momentum': 0.5, 'dampening': 0.3, 'weightDecay': 0.1, 'maximize': True}],
    'Adam': [{'lr': 0.01}, {'lr': 0.01, 'weightDecay': 0.1, 'amsgrad': True}, {'lr': 0.02, 'betas': [0.8, 0.9], 'eps': 1e-3, 'maximize': True}],
    'AdamW': [{'lr': 0.01}, {'lr': 0.01, 'weightDecay': 0.1, 'amsgrad': True}, {'lr': 0.02, 'betas': [0.8, 0.9], 'maximize': True}],
    'RMSprop': [{'lr': 0.01}, {'lr': 0.01, 'momentum': 0.9}, {'lr': 0.01, 'centered': True, 'weightDecay': 0.1},
                {'lr': 0.005, 'alpha': 0.9, 'centered': True, 'momentum': 0.5, 'eps': 1e-4, 'maximize': True}],
    'Adagrad': [{'lr': 0.1}, {'lr': 0.1, 'lrDecay': 0.1, 'weightDecay': 0.05, 'initialAccumulatorValue': 0.2},
                {'lr': 0.05, 'eps': 1e-6, 'maximize': True}],
}


def snake(name):
    return re.sub(r'([A-Z])', lambda m: '_' + m.group(1).lower(), name)


def loss_of(w, b, x, c):
    return (torch.tanh(x @ w + b) * c).sum() + 0.5 * (w * w).sum()


def run(name, options, dtype):
    w = torch.tensor(W0, dtype=dtype, requires_grad=True)
    b = torch.tensor(B0, dtype=dtype, requires_grad=True)
    u = torch.tensor([1.0, 2.0], dtype=dtype, requires_grad=True)
    x, c = torch.tensor(X, dtype=dtype), torch.tensor(C, dtype=dtype)
    kw = {snake(k): tuple(v) if isinstance(v, list) else v for k, v in options.items()}
    opt = getattr(torch.optim, name)([w, b, u], foreach=False, **kw)
    steps = []
    for _ in range(STEPS):
        loss_of(w, b, x, c).backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        steps.append({'w': w.tolist(), 'b': b.tolist(), 'u': u.tolist()})
    return steps


def clip_cases():
    out = []
    for norm_type in [2.0, 1.0, float('inf'), 3.0]:
        for max_norm in [0.5, 100.0]:
            w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
            b = torch.tensor(B0, dtype=torch.float64, requires_grad=True)
            u = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
            loss_of(w, b, torch.tensor(X, dtype=torch.float64), torch.tensor(C, dtype=torch.float64)).backward()
            total = torch.nn.utils.clip_grad_norm_([w, b, u], max_norm, norm_type=norm_type)
            out.append({'normType': 'inf' if norm_type == float('inf') else norm_type, 'maxNorm': max_norm,
                        'total': total.item(), 'gradW': w.grad.tolist(), 'gradB': b.grad.tolist()})
    w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(B0, dtype=torch.float64, requires_grad=True)
    loss_of(w, b, torch.tensor(X, dtype=torch.float64), torch.tensor(C, dtype=torch.float64)).backward()
    torch.nn.utils.clip_grad_value_([w, b], 0.3)
    return out, {'clipValue': 0.3, 'gradW': w.grad.tolist(), 'gradB': b.grad.tolist()}


def main():
    runs = []
    for name, configs in CONFIGS.items():
        for options in configs:
            runs.append({'optimizer': name, 'options': options, 'dtype': 'float64', 'steps': run(name, options, torch.float64)})
        runs.append({'optimizer': name, 'options': configs[-1], 'dtype': 'float32', 'steps': run(name, configs[-1], torch.float32)})
    norms, value = clip_cases()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')
    with open(out, 'w') as f:
        json.dump({'torch': torch.__version__, 'x': X, 'c': C, 'w0': W0, 'b0': B0, 'runs': runs, 'clipNorm': norms, 'clipValue': value}, f)
        f.write('\n')


main()
