# Karpathy's "makemore part 2: MLP" (Building makemore Part 2), as makemore-mlp.ts ports it.
import json
import torch
import torch.nn.functional as F

def js(v):
    return json.dumps(v, separators=(',', ':'))

words = ['mom', 'boa']
chars = sorted(list(set(''.join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi['.'] = 0
itos = {i: s for s, i in stoi.items()}
print('vocabulary', js([itos[i] for i in range(len(itos))]))

block_size = 3  # context length: how many characters predict the next one
X, Y = [], []
for w in words:
    context = [0] * block_size
    for ch in w + '.':
        ix = stoi[ch]
        X.append(context)
        Y.append(ix)
        context = context[1:] + [ix]
X = torch.tensor(X)
Y = torch.tensor(Y)
print('X', js(list(X.shape)), X.dtype, 'Y', js(Y.tolist()))

vocab, dim, hidden = len(itos), 2, 4
C = torch.tensor([[((i * 3 + j * 5) % 7) / 3.5 - 1 for j in range(dim)] for i in range(vocab)])
W1 = torch.tensor([[((i * 5 + j * 3) % 11) / 5.5 - 1 for j in range(hidden)] for i in range(block_size * dim)])
b1 = torch.tensor([((j * 7) % 5) / 10 - 0.2 for j in range(hidden)])
W2 = torch.tensor([[((i * 3 + j * 7) % 13) / 6.5 - 1 for j in range(vocab)] for i in range(hidden)])
b2 = torch.tensor([((j * 3) % 4) / 8 for j in range(vocab)])
parameters = [C, W1, b1, W2, b2]
print('parameters', sum(p.nelement() for p in parameters))
for p in parameters:
    p.requires_grad = True

emb = C[X]
print('emb', js(list(emb.shape)), type(emb.grad_fn).__name__)
lr = 0.5
for step in range(5):
    # forward pass
    emb = C[X]  # [8, 3, 2]
    h = torch.tanh(emb.view(-1, block_size * dim) @ W1 + b1)  # [8, 4]
    logits = h @ W2 + b2  # [8, 5]
    loss = F.cross_entropy(logits, Y)
    print('step', step, 'loss', loss.item(), type(loss.grad_fn).__name__)
    # backward pass
    for p in parameters:
        p.grad = None
    loss.backward()
    # update
    for p in parameters:
        p.data += -lr * p.grad
print('C.grad', js(C.grad.tolist()))
print('b2', js(b2.tolist()))
