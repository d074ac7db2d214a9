"""torch 1.13's gradcheck on the custom Functions of check-cases.ts, for the analyzer's automatic check.

Each case is a Function (forward, backward) and float32 inputs; like the analyzer, torch checks
float64 copies of them. Written: the verdict, and for a failing case the first element where the
analytical and numerical Jacobians differ (torch's order: per output, per input, row-major) with both
values. Run with Debian's python3-torch: /usr/bin/python3 check_oracle.py
"""
import json
import math
import os

import torch
from torch.autograd.gradcheck import get_analytical_jacobian, get_numerical_jacobian


def fn(name, forward, backward, saves=False):
    class F(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *args):
            out = forward(*args)
            ctx.save_for_backward(*args, out)
            return out

        @staticmethod
        def backward(ctx, g):
            *args, out = ctx.saved_tensors
            return backward(g, out, *args)
    F.__name__ = name
    return F


CASES = {
    "legendre-right": (fn("P3", lambda x: 0.5 * (5 * x ** 3 - 3 * x), lambda g, o, x: g * 1.5 * (5 * x ** 2 - 1)), [[-0.5, 0.25, 1.5]]),
    "legendre-wrong": (fn("P3", lambda x: 0.5 * (5 * x ** 3 - 3 * x), lambda g, o, x: g * (5 * x ** 2 - 1)), [[-0.5, 0.25, 1.5]]),
    "exp-right": (fn("Exp", lambda x: x.exp(), lambda g, o, x: g * o), [[0.5, -1.0, 2.0]]),
    "exp-wrong": (fn("Exp", lambda x: x.exp(), lambda g, o, x: g), [[0.5, -1.0, 2.0]]),
    "mul-right": (fn("Mul", lambda a, b: a * b, lambda g, o, a, b: (g * b, g * a)), [[1.0, 2.0], [3.0, -4.0]]),
    "mul-swapped": (fn("Mul", lambda a, b: a * b, lambda g, o, a, b: (g * a, g * b)), [[1.0, 2.0], [3.0, -4.0]]),
    # right below 0.35, 0.5 too much above: the first mismatch is element [1, 0]
    "sin-2d-wrong": (fn("Sin", lambda x: x.sin(), lambda g, o, x: g * x.cos() + (x > 0.35) * 0.5 * g), [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]]),
    "square-right": (fn("Sq", lambda x: x * x, lambda g, o, x: 2 * g * x), [[[0.1, -0.2], [0.3, 0.4]]]),
}


def first_mismatch(f, inputs):
    out = f.apply(*inputs)
    # torch 1.13 calls fn with the tuple of inputs
    num = get_numerical_jacobian(lambda inp: f.apply(*inp), tuple(inputs), eps=1e-6)
    ana = get_analytical_jacobian(tuple(inputs), out)[0]
    for j, (a, n) in enumerate(zip(ana, num)):
        close = torch.isclose(a, n, rtol=1e-3, atol=1e-5)
        bad = (~close).nonzero()
        if len(bad) > 0:
            r, c = bad[0].tolist()
            return {"input": j, "input_element": r, "output_element": c, "analytical": a[r, c].item(), "numerical": n[r, c].item()}
    return None


def example_wrong_backward():
    """examples/debugging/wrong-backward.ts: its Function's first call, P3(c + d x) at c = 0, d = 0.3."""
    x = torch.linspace(-math.pi, math.pi, 100)
    inp = (torch.full((), 0.0) + torch.full((), 0.3) * x).double().requires_grad_()
    f, _ = CASES["legendre-wrong"]
    return {"passes": torch.autograd.gradcheck(f.apply, [inp], raise_exception=False), "mismatch": first_mismatch(f, [inp])}


def main():
    out = {}
    for name, (f, data) in CASES.items():
        inputs = [torch.tensor(d, dtype=torch.float32).double().requires_grad_() for d in data]
        passes = torch.autograd.gradcheck(f.apply, inputs, raise_exception=False)
        case = {"passes": passes}
        if not passes:
            case["mismatch"] = first_mismatch(f, inputs)
        out[name] = case
    out["example-wrong-backward"] = example_wrong_backward()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-oracle.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
