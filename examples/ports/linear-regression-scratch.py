# "Linear Regression Implementation from Scratch" (d2l), as linear-regression-scratch.ts ports it.
import json
import torch

def js(v):
    return json.dumps(v, separators=(',', ':'))

true_w = torch.tensor([[2.0], [-3.4]])
true_b = 4.2
n = 40
rows = [[((i * 37 + 11) % 23) / 11.5 - 1, ((i * 53 + 7) % 29) / 14.5 - 1] for i in range(n)]
features = torch.tensor(rows)
noise = torch.tensor([[0.01 * (p * q - 0.1)] for p, q in rows])
labels = features @ true_w + true_b + noise

def linreg(X, w, b):
    return X @ w + b

def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()

w = torch.tensor([[0.01], [-0.005]], requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
batch_size = 10
for epoch in range(10):
    for start in range(0, n, batch_size):
        X = features[start:start + batch_size]
        y = labels[start:start + batch_size]
        l = squared_loss(linreg(X, w, b), y)
        l.sum().backward()
        sgd([w, b], lr, batch_size)
    with torch.no_grad():
        train_l = squared_loss(linreg(features, w, b), labels)
    print('epoch', epoch + 1, 'loss', train_l.mean().item())
print('error in w', js((true_w - w.reshape(true_w.shape)).tolist()))
print('error in b', true_b - b.item())
