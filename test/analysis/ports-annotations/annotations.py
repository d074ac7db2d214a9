"""What PyTorch 1.13 holds for variables the new ports' annotations show: run with
`/usr/bin/python3 test/analysis/ports-annotations/annotations.py`; writes annotations.json beside it.

Each port's PyTorch original (examples/ports/<name>.py) runs to its end; for each TypeScript binding
name the table gives the expressions, over the Python program's globals, of the value its annotation
shows (the last run of the site, or the value at the end of the file when an in-place op changed it
later) and of its gradient (`None`: the row does not check one). test/analysis/ports-annotations.test.ts
compares them with the trace.
"""
import contextlib
import io
import json
import os
import runpy
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
PORTS = os.path.join(HERE, '..', '..', '..', 'examples', 'ports')

# port -> TypeScript binding name (`name@line` where several sites bind the name) -> (value expression,
# gradient expression or None)
TABLE = {
    'autograd-mechanics': {
        'a': ('a', None), 'b': ('b', None), 'h': ('h', None), 'hid': ('hid', None), 'out': ('out', None),
        'loss': ('loss', None), 'u': ('u', 'u.grad'), 'w': ('w', 'w.grad'), 'n': ('n', None), 'e': ('e', None),
    },
    'linear-regression-concise': {
        'features': ('features', None), 'labels': ('labels', None), 'noise': ('noise', None),
        'w': ('w', None), 'b': ('b', None),
    },
    'weight-decay-scratch': {
        'features': ('features', None), 'labels': ('labels', None),
    },
    'makemore-mlp': {
        'X': ('X', None), 'Y': ('Y', None), 'e': ('emb', None), 'h': ('h', None), 'logits': ('logits', None),
        'loss': ('loss', None), 'C': ('C', 'C.grad'), 'W1': ('W1', 'W1.grad'), 'b1': ('b1', 'b1.grad'),
        'W2': ('W2', 'W2.grad'), 'b2': ('b2', 'b2.grad'),
    },
    'double-backward-custom': {
        'x@82': ('x', 'x.grad'), 'y@83': ('y', None), 'g@85': ('g', None),
    },
}


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def main():
    torch.set_num_threads(1)
    out = {'torch': torch.__version__, 'ports': {}}
    for port, rows in TABLE.items():
        with contextlib.redirect_stdout(io.StringIO()):
            g = runpy.run_path(os.path.join(PORTS, port + '.py'), run_name='__main__')
        out['ports'][port + '.ts'] = {
            name: {'value': flat(eval(v, g)), 'grad': flat(eval(gr, g)) if gr else None}
            for name, (v, gr) in rows.items()
        }
    with open(os.path.join(HERE, 'annotations.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


main()
