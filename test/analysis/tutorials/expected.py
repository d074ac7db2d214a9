"""Expected values for test/analysis/tutorials.test.ts: the two examples, run in real PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 test/analysis/tutorials/expected.py
Writes expected.json beside this file: per example, the loss of every step, the last step's output and
loss with their grad_fn chains, and every parameter (by its named_parameters name) with its gradient
after the last backward, in named_parameters order. It mirrors examples/custom-module.ts and
examples/sequential-model.ts line for line; weights come from the same formula, so nothing is random.
"""
import json
import os
import torch
import torch.nn as nn


def fill(p, seed):
    n = p.numel()
    values = [(((37 * k + seed) % 17) - 8) / 20 for k in range(n)]
    with torch.no_grad():
        p.copy_(torch.tensor(values).reshape(p.shape))


def chain(t):
    """grad_fn names breadth-first from t, each function once (AccumulateGrad as the engine names it)."""
    out, seen, queue = [], set(), [t.grad_fn]
    while queue:
        fn = queue.pop(0)
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        out.append(fn.name().replace('torch::autograd::', ''))
        queue.extend(n for n, _ in fn.next_functions)
    return out


def summary(model, losses, output, loss, at_backward):
    return {
        'losses': losses,
        'output': output.tolist(),
        'outputChain': chain(output),
        'loss': loss.item(),
        'lossChain': chain(loss),
        'parameters': [[n, p.tolist(), p.grad.tolist()] for n, p in model.named_parameters()],
        # the values the last backward saw (before the optimizer's last step): what the graph draws
        'parametersAtLastBackward': at_backward,
        'repr': repr(model),
    }


class TwoLayerNet(nn.Module):
    def __init__(self, d_in, h, d_out):
        super().__init__()
        self.linear1 = nn.Linear(d_in, h)
        self.linear2 = nn.Linear(h, d_out)

    def forward(self, x):
        h_relu = self.linear1(x).clamp(min=0)
        return self.linear2(h_relu)


def custom_module():
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-2.0, 1.0, 0.75], [0.0, -0.5, 1.25]])
    y = torch.tensor([[1.0, -1.0], [0.5, 0.0], [-1.5, 2.0], [0.25, 0.75]])
    model = TwoLayerNet(3, 5, 2)
    for i, (_, p) in enumerate(model.named_parameters()):
        fill(p, i)
    criterion = nn.MSELoss(reduction='sum')
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    losses = []
    for _ in range(20):
        y_pred = model(x)
        loss = criterion(y_pred, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        at_backward = [[n, p.tolist()] for n, p in model.named_parameters()]
        optimizer.step()
    return summary(model, losses, y_pred, loss, at_backward)


def sequential_model():
    words = ['emma', 'olivia', 'ava', 'isabella', 'sophia']
    chars = sorted(set(''.join(words)))
    stoi = {'.': 0, **{c: i + 1 for i, c in enumerate(chars)}}
    xs, ys = [], []
    for w in words:
        seq = ['.', *w, '.']
        for a, b in zip(seq, seq[1:]):
            xs.append(stoi[a])
            ys.append(stoi[b])
    inputs, targets = torch.tensor(xs), torch.tensor(ys)
    vocab = len(stoi)
    model = nn.Sequential(nn.Embedding(vocab, 4), nn.LayerNorm(4), nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, vocab))
    for i, (_, p) in enumerate(model.named_parameters()):
        fill(p, i)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    losses = []
    for _ in range(10):
        logits = model(inputs)
        loss = loss_fn(logits, targets)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        at_backward = [[n, p.tolist()] for n, p in model.named_parameters()]
        optimizer.step()
    return summary(model, losses, logits, loss, at_backward)


def main():
    out = {'torch': torch.__version__, 'custom-module.ts': custom_module(), 'sequential-model.ts': sequential_model()}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json'), 'w') as f:
        json.dump(out, f)
        f.write('\n')


main()
