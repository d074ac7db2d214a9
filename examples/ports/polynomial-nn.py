# "PyTorch: nn" and "PyTorch: optim" (Learning PyTorch with Examples), as polynomial-nn.ts ports them.
import math
import torch

x = torch.linspace(-math.pi, math.pi, 200)
y = torch.sin(x)

p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)
print('xx', list(xx.shape).__repr__().replace(' ', ''), xx.dtype)


def make_model():
    model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.3, -0.1, 0.05]]))
        model[0].bias.copy_(torch.tensor([0.2]))
    return model


def result(model):
    linear_layer = model[0]
    return f'Result: y = {linear_layer.bias.item()} + {linear_layer.weight[:, 0].item()} x + {linear_layer.weight[:, 1].item()} x^2 + {linear_layer.weight[:, 2].item()} x^3'


model = make_model()
loss_fn = torch.nn.MSELoss(reduction='sum')
learning_rate = 1e-5
for t in range(300):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print('nn', t, loss.item(), type(loss.grad_fn).__name__, type(y_pred.grad_fn).__name__)
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
print(result(model))

model2 = make_model()
optimizer = torch.optim.RMSprop(model2.parameters(), lr=1e-3)
for t in range(300):
    y_pred = model2(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print('optim', t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(result(model2))
