# d2l.ai "Concise Implementation of Linear Regression" (PyTorch), as linear-regression-concise.ts ports it.
import json
import torch
from torch import nn

def js(v):
    return json.dumps(v, separators=(',', ':'))

true_w = torch.tensor([2, -3.4])
true_b = 4.2
rows = [[((i * 7 + 3) % 11) / 5.5 - 1, ((i * 5 + 2) % 13) / 6.5 - 1] for i in range(10)]
features = torch.tensor(rows)
noise = torch.tensor([[0.01 * (p - q) * (p + q)] for p, q in rows])
labels = torch.matmul(features, true_w).reshape((-1, 1)) + true_b + noise

net = nn.Sequential(nn.Linear(2, 1))
net[0].weight.data.copy_(torch.tensor([[0.01, -0.005]]))
net[0].bias.data.fill_(0)
loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.3)

num_epochs = 8
batch_size = 5
for epoch in range(num_epochs):
    for start in range(0, len(rows), batch_size):
        X = features[start:start + batch_size]
        y = labels[start:start + batch_size]
        l = loss(net(X), y)
        trainer.zero_grad()
        l.backward()
        trainer.step()
    l = loss(net(features), labels)
    print('epoch', epoch + 1, 'loss', l.item(), type(l.grad_fn).__name__)
w = net[0].weight.data
print('error in w:', js((true_w - w.reshape(true_w.shape)).tolist()))
b = net[0].bias.data
print('error in b:', js((true_b - b).tolist()))
print('weight.grad', js(net[0].weight.grad.tolist()))
