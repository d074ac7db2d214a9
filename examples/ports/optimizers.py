# The optimizer loop of "Optimizing Model Parameters" with SGD and Adam variants, as optimizers.ts ports it.
import json
import torch
from torch import nn

def js(v):
    return json.dumps(v, separators=(',', ':'))

X = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-2.0, 1.0], [0.0, -0.5], [1.0, 1.0], [-0.5, 2.0]])
Y = torch.tensor([[1.0], [2.0], [-1.5], [0.25], [1.5], [0.5]])

def fresh():
    model = nn.Linear(2, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.3, -0.2]]))
        model.bias.copy_(torch.tensor([0.1]))
    return model

def train(name, model, optimizer):
    loss_fn = nn.MSELoss()
    for t in range(25):
        loss = loss_fn(model(X), Y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(name, loss.item(), js(model.weight.tolist()), js(model.bias.tolist()))

m = fresh(); train('sgd', m, torch.optim.SGD(m.parameters(), lr=0.05))
m = fresh(); train('sgd-momentum', m, torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9))
m = fresh(); train('sgd-nesterov-wd', m, torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01))
m = fresh(); train('sgd-dampening', m, torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.5, dampening=0.3))
m = fresh(); train('adam', m, torch.optim.Adam(m.parameters(), lr=0.05))
m = fresh(); train('adam-wd', m, torch.optim.Adam(m.parameters(), lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1))
