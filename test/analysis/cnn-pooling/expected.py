"""Writes expected.json: what PyTorch 1.13 gives for sample.ts (float32, the analyzer's default).

Run with /usr/bin/python3 (Debian's python3-torch) from the repo root:
  /usr/bin/python3 test/analysis/cnn-pooling/expected.py
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([
    0.2, -0.5, 1.1, 0.0, 0.7, -1.3,
    0.9, 0.4, -0.2, 1.5, -0.8, 0.3,
    -1.0, 0.6, 0.8, -0.4, 0.1, 1.2,
    0.5, -0.9, 0.3, 0.7, -0.6, 0.4,
    1.3, 0.2, -1.1, 0.6, 0.9, -0.2,
    -0.3, 0.8, 0.5, -0.7, 0.2, 1.0,
]).reshape([1, 1, 6, 6])
kernel = torch.tensor([
    0.3, -0.2, 0.5, 0.1, 0.4, -0.3, -0.1, 0.2, 0.6,
    -0.4, 0.3, 0.2, 0.5, -0.6, 0.1, 0.2, 0.1, -0.3,
]).reshape([2, 1, 3, 3]).requires_grad_()
bias = torch.tensor([0.05, -0.1], requires_grad=True)
fc = torch.tensor([
    0.1, -0.2, 0.3, 0.05, -0.1, 0.2, 0.15, -0.05, 0.25, -0.3, 0.1, 0.2, -0.15, 0.05, 0.3, -0.2, 0.1, 0.0,
    -0.1, 0.3, 0.05, 0.2, -0.25, 0.1, 0.0, 0.15, -0.2, 0.1, 0.3, -0.05, 0.2, -0.1, 0.05, 0.25, -0.3, 0.1,
]).reshape([2, 18]).requires_grad_()

conv = F.conv2d(x, kernel, bias, 1, 1)
act = conv.relu()
pool = nn.MaxPool2d(2)
pooled = pool(act)
flat = pooled.flatten(1)
logits = F.linear(flat, fc)
smooth = F.adaptive_avg_pool2d(F.elu(conv, 0.5), [2, 3])
avg = F.avg_pool2d(F.hardtanh(conv, -0.5, 0.5), 3, 2, 1)
loss = F.cross_entropy(logits, torch.tensor([1])) + smooth.sum() + avg.mean()
loss.backward()

flat_list = lambda t: t.detach().reshape(-1).tolist()
named = [("conv", conv), ("pooled", pooled), ("flat", flat), ("logits", logits), ("smooth", smooth), ("avg", avg), ("loss", loss)]
out = {
    "values": {k: flat_list(v) for k, v in named},
    "grad_fn": {k: v.grad_fn.name() for k, v in named},
    "grads": {k: flat_list(v.grad) for k, v in [("kernel", kernel), ("bias", bias), ("fc", fc)]},
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json"), "w") as f:
    json.dump(out, f, indent=1, allow_nan=False)
    f.write("\n")
