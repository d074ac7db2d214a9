# "Softmax Regression Implementation from Scratch" (d2l), as softmax-regression-scratch.ts ports it.
import json
import torch

def js(v):
    return json.dumps(v, separators=(',', ':'))

num_inputs, num_outputs, n = 4, 3, 12
rows, label_list = [], []
for i in range(n):
    k = i % num_outputs
    rows.append([(1.5 if j == k else 0) + (((i * 7 + j * 5) % 11) / 11 - 0.5) for j in range(4)])
    label_list.append(k)
features = torch.tensor(rows)
labels = torch.tensor(label_list)
W = torch.tensor([[0.01 * (((i * 3 + j * 5) % 7) - 3) for j in range(3)] for i in range(4)], requires_grad=True)
b = torch.zeros(num_outputs, requires_grad=True)

def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition

def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)

def cross_entropy(y_hat, y):
    return - torch.log(y_hat[range(len(y_hat)), y])

def accuracy(y_hat, y):
    y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())

lr, batch_size = 0.5, 6
for epoch in range(8):
    for start in range(0, n, batch_size):
        X = features[start:start + batch_size]
        y = labels[start:start + batch_size]
        l = cross_entropy(net(X), y)
        l.mean().backward()
        with torch.no_grad():
            W -= lr * W.grad
            b -= lr * b.grad
        W.grad.zero_()
        b.grad.zero_()
    with torch.no_grad():
        y_hat = net(features)
    print('epoch', epoch + 1, 'loss', cross_entropy(y_hat, labels).mean().item(), 'accuracy', accuracy(y_hat, labels) / n)
print('W', js(W.tolist()))
print('b', js(b.tolist()))
