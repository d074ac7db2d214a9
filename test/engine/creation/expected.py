"""torch.linspace as PyTorch 1.13 computes it, for test/engine/creation.test.ts.

Run with PyTorch installed: `/usr/bin/python3 test/engine/creation/expected.py` rewrites expected.json
beside it. torch's CPU kernel computes in the dtype: the ends converted first, the first half counted
up from start and the second half down from end; its vectorised and fused (FMA) paths can differ from
that formula by one unit in the last place, and which path runs depends on the CPU (AVX2 here).
"""
import json
import math
import os
import torch

CASES = [(-math.pi, math.pi, n) for n in (1, 2, 3, 5, 6, 7, 10, 100, 2000)] + [
    (0, 1, 7), (0.1, 0.7, 11), (-1e-3, 2.5, 9), (1, -1, 4), (0, 0, 3), (-1e30, 1e30, 5)]


def main():
    out = {'torch': torch.__version__, 'cpu': torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') else None, 'cases': []}
    for start, end, steps in CASES:
        for dtype in ('float32', 'float64'):
            t = torch.linspace(start, end, steps, dtype=getattr(torch, dtype))
            out['cases'].append({'start': start, 'end': end, 'steps': steps, 'dtype': dtype, 'values': t.tolist()})
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json'), 'w') as f:
        json.dump(out, f)
        f.write('\n')


main()
