# "What is torch.nn really?" (from scratch, then F.cross_entropy), as nn-from-scratch.ts ports it.
import math
import torch
import torch.nn.functional as F

n = 8
xs = [[((i * 13 + j * 7) % 10) / 5 - 1 for j in range(5)] for i in range(n)]
ys = [(i * 3) % 4 for i in range(n)]
x_train = torch.tensor(xs)
y_train = torch.tensor(ys)
weights = torch.tensor([[(((i * 5 + j * 3) % 9) - 4) / 4 for j in range(4)] for i in range(5)]) / math.sqrt(5)
weights.requires_grad_()
bias = torch.zeros(4, requires_grad=True)

def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)

def model(xb):
    return log_softmax(xb @ weights + bias)

def nll(input, target):
    return -input[range(target.shape[0]), target].mean()

def accuracy(out, yb):
    preds = torch.argmax(out, dim=1)
    return (preds == yb).float().mean().item()

bs, lr = 4, 0.5
first = model(x_train[0:bs])
print('before', nll(first, y_train[0:bs]).item(), accuracy(first, y_train[0:bs]))
for epoch in range(5):
    for i in range((n - 1) // bs + 1):
        xb = x_train[i * bs: i * bs + bs]
        yb = y_train[i * bs: i * bs + bs]
        loss = nll(model(xb), yb)
        loss.backward()
        with torch.no_grad():
            weights -= weights.grad * lr
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()
loss = nll(model(x_train), y_train)
print('after', loss.item(), type(loss.grad_fn).__name__, accuracy(model(x_train), y_train))
logits = x_train @ weights + bias
ce = F.cross_entropy(logits, y_train)
print('crossEntropy', ce.item(), type(ce.grad_fn).__name__)
