"""Writes expected.json beside it: nn.BatchNorm1d/2d in torch 1.13 on the inputs of
test/engine/nn-batchnorm.test.ts (run with PyTorch 1.13: /usr/bin/python3 expected.py)."""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)


def wave(shape, a, b=0.0):
    """sin(a * i + b) * 2 over the elements in row-major order, as the test builds them."""
    n = math.prod(shape)
    return torch.tensor([math.sin(a * i + b) * 2 for i in range(n)]).reshape(shape)


def flat(t):
    return [float(v) for v in t.detach().flatten().tolist()]


def scenario_1d():
    m = torch.nn.BatchNorm1d(3)
    out = {}
    for step, (a, b) in enumerate([(0.37, 0.0), (0.81, 1.0)]):
        x = wave([4, 3], a, b)
        y = m(x)
        (y * wave([4, 3], 0.5, 0.2)).sum().backward()
        out[f"y{step}"] = flat(y)
    out.update(weight_grad=flat(m.weight.grad), bias_grad=flat(m.bias.grad), running_mean=flat(m.running_mean),
               running_var=flat(m.running_var), tracked=int(m.num_batches_tracked))
    m.eval()
    out["eval"] = flat(m(wave([2, 3], 0.9)))
    return out


def scenario_2d_cumulative():
    m = torch.nn.BatchNorm2d(2, momentum=None, affine=False)
    for a in (0.3, 0.7, 1.1):
        m(wave([2, 2, 3, 2], a))
    m.eval()
    return {"running_mean": flat(m.running_mean), "running_var": flat(m.running_var), "tracked": int(m.num_batches_tracked),
            "eval": flat(m(wave([1, 2, 3, 2], 0.45)))}


def scenario_untracked_eval():
    m = torch.nn.BatchNorm1d(2, track_running_stats=False)
    m.eval()
    return {"eval": flat(m(wave([3, 2, 4], 0.6)))}


reprs = [str(torch.nn.BatchNorm1d(3)), str(torch.nn.BatchNorm2d(4, eps=1e-3, momentum=None, affine=False, track_running_stats=False))]
doc = {"bn1d": scenario_1d(), "bn2d_cumulative": scenario_2d_cumulative(), "untracked_eval": scenario_untracked_eval(), "reprs": reprs}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json"), "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
