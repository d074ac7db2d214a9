"""Writes expected.json: what PyTorch 1.13 gives for sample.ts (float32, the analyzer's default).

Run with /usr/bin/python3 (Debian's python3-torch) from the repo root:
  /usr/bin/python3 test/analysis/ops-ports/expected.py
"""
import json
import os

import torch
import torch.nn.functional as F

x = torch.tensor([[0.5, -1.25, 2.0], [0.75, -0.3, 1.1]], requires_grad=True)
mask = torch.tensor([[False, True, True], [False, False, True]])
filled = x.masked_fill(mask, 0.5)
lower = x.tril()
rounded = x.round()
running = x.cumsum(1)
size = x.norm()
row_prod = x.prod(1)
best = x.topk(2).values
parts = x.chunk(3, 1)
soft = x.abs().log1p().clamp_min(0.5)
labels = F.one_hot(torch.tensor([2, 0, 1]), 4)
wide = labels.float().flip(1)
loss = (filled.sum() + lower.square().sum() + running.sum() + size + row_prod.sum()
        + best.sum() + parts[1].sum() + soft.sum() + rounded.sum() + (wide * x.sum()).sum())
loss.backward()

flat = lambda t: t.detach().reshape(-1).tolist()
out = {
    "values": {k: flat(v) for k, v in [("filled", filled), ("lower", lower), ("rounded", rounded), ("running", running),
                                        ("size", size), ("rowProd", row_prod), ("best", best), ("soft", soft),
                                        ("labels", labels), ("wide", wide), ("loss", loss)]},
    "grad_fn": {k: v.grad_fn.name() for k, v in [("filled", filled), ("lower", lower), ("running", running), ("size", size),
                                                  ("rowProd", row_prod), ("best", best), ("soft", soft)]},
    "x_grad": flat(x.grad),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json"), "w") as f:
    json.dump(out, f, indent=1, allow_nan=False)
    f.write("\n")
