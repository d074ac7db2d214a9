# d2l.ai "Weight Decay" from scratch (PyTorch), as weight-decay-scratch.ts ports it.
import torch

n_train, num_inputs, batch_size = 10, 20, 5
true_w, true_b = torch.ones((num_inputs, 1)) * 0.01, 0.05
features = torch.tensor([[((i * 7 + j * 3) % 17) / 8.5 - 1 for j in range(num_inputs)] for i in range(n_train)])
noise = torch.tensor([[0.01 * (((i * 5) % 7) / 3.5 - 1)] for i in range(n_train)])
labels = torch.matmul(features, true_w) + true_b + noise

def init_params():
    w = torch.tensor([[((j * 11) % 13) / 6.5 - 1] for j in range(num_inputs)], requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    return [w, b]

def l2_penalty(w):
    return torch.sum(w.pow(2)) / 2

def linreg(X, w, b):
    return torch.matmul(X, w) + b

def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()

def train(lambd):
    w, b = init_params()
    num_epochs, lr = 10, 0.05
    for epoch in range(num_epochs):
        for start in range(0, n_train, batch_size):
            X = features[start:start + batch_size]
            y = labels[start:start + batch_size]
            l = squared_loss(linreg(X, w, b), y) + lambd * l2_penalty(w)
            l.sum().backward()
            sgd([w, b], lr, batch_size)
        if (epoch + 1) % 5 == 0:
            with torch.no_grad():
                train_l = squared_loss(linreg(features, w, b), labels).mean()
            print('lambd', lambd, 'epoch', epoch + 1, 'train loss', train_l.item())
    print('L2 norm of w:', torch.norm(w).item())

train(lambd=0)
train(lambd=3)
