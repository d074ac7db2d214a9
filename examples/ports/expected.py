"""Runs every PyTorch program of examples/ports/ and writes what each prints to expected.json.

With PyTorch 1.13 installed: `/usr/bin/python3 examples/ports/expected.py`. Each `<name>.py` is the
PyTorch original of `<name>.ts`; test/analysis/ports.test.ts checks that the analyzer and a real run
of the TypeScript port print the same lines, with numbers equal within float32 tolerance.
"""
import contextlib
import io
import json
import os
import runpy
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    torch.set_num_threads(1)
    out = {'torch': torch.__version__, 'ports': {}}
    for name in sorted(os.listdir(HERE)):
        if not name.endswith('.py') or name == 'expected.py':
            continue
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            runpy.run_path(os.path.join(HERE, name), run_name='__main__')
        out['ports'][name[:-3] + '.ts'] = buf.getvalue().splitlines()
    with open(os.path.join(HERE, 'expected.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


main()
