# "Neural Networks" of the 60 Minute Blitz, as blitz-neural-networks.ts ports it.
import json
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


def js(v):
    return json.dumps(v, separators=(',', ':'))


def filled(shape, seed):
    n = math.prod(shape)
    return torch.arange(n, dtype=torch.float32).mul(0.7 + seed * 0.13).add(seed).sin().mul(0.5).reshape(shape)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 2, 3)
        self.conv2 = nn.Conv2d(2, 4, 2)
        self.bn = nn.BatchNorm2d(4)
        self.fc1 = nn.Linear(4 * 2 * 2, 8)
        self.fc2 = nn.Linear(8, 4)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        h = F.max_pool2d(F.relu(self.bn(self.conv2(h))), 2)
        h = torch.flatten(h, 1)
        h = F.relu(self.fc1(h))
        return self.fc2(h)


net = Net()
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(filled(list(p.shape), i + 1))
print(net.conv1)
print(net.bn)
print('parameters', len(list(net.parameters())), js(list(net.conv1.weight.shape)))

inp = filled([2, 1, 12, 12], 11)
out = net(inp)
print('out', js(out.tolist()))

target = filled([2, 4], 12)
criterion = nn.MSELoss()
loss = criterion(out, target)
print('loss', loss.item(), type(loss.grad_fn).__name__)
print('next', type(loss.grad_fn.next_functions[0][0]).__name__, type(loss.grad_fn.next_functions[0][0].next_functions[0][0]).__name__)

net.zero_grad()
print('conv1.bias.grad before backward', js(None if net.conv1.bias.grad is None else net.conv1.bias.grad.tolist()))
loss.backward()
print('conv1.bias.grad after backward', js(net.conv1.bias.grad.tolist()))

optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
optimizer.zero_grad()
loss2 = criterion(net(inp), target)
loss2.backward()
optimizer.step()
print('after a step', criterion(net(inp), target).item())
print('running mean', js(net.bn.running_mean.tolist()))
