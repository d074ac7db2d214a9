# d2l.ai "Implementation of Multilayer Perceptrons from Scratch" (section 5.2), as mlp-scratch.ts ports it.
import json
import torch
from torch import nn

def js(v):
    return json.dumps(v, separators=(',', ':'))

num_inputs, num_outputs, num_hiddens = 6, 3, 5
def grid(rows, cols, seed):
    return [[((i * 7 + j * 3 + seed) % 11 - 5) / 10 for j in range(cols)] for i in range(rows)]
W1 = nn.Parameter(torch.tensor(grid(num_inputs, num_hiddens, 1)))
b1 = nn.Parameter(torch.zeros(num_hiddens))
W2 = nn.Parameter(torch.tensor(grid(num_hiddens, num_outputs, 4)))
b2 = nn.Parameter(torch.zeros(num_outputs))
params = [W1, b1, W2, b2]

def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)

def net(X):
    X = X.reshape((-1, num_inputs))
    H = relu(X @ W1 + b1)
    return H @ W2 + b2

images = torch.tensor([[[((n * 5 + r * 3 + c * 2) % 9 - 4) / 4 + 0.05 for c in range(3)] for r in range(2)] for n in range(8)])
labels = torch.tensor([(n * 2) % 3 for n in range(8)])
loss = nn.CrossEntropyLoss(reduction='none')
updater = torch.optim.SGD(params, lr=0.5)

for step in range(6):
    y_hat = net(images)
    l = loss(y_hat, labels)
    updater.zero_grad()
    l.mean().backward()
    updater.step()
    correct = (y_hat.argmax(1) == labels).sum().item()
    print('step', step, 'loss', l.mean().item(), 'accuracy', correct / 8, type(l.grad_fn).__name__, type(y_hat.grad_fn).__name__)
print('W2.grad', js(W2.grad.tolist()))
print('b1', js(b1.tolist()))
