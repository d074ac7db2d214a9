import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { FormatError, parseCaseFile } from './oracle/format';
import type { CaseFile, OracleCase } from './oracle/format';
import { runCase } from './oracle/runner';
import { fixturePath } from './oracle/fixtures';
import { ANOMALY_HINT } from './oracle/errors';

/** The runner must notice every kind of difference, so these tests corrupt real cases and expect failures. */
const file = parseCaseFile(JSON.parse(fs.readFileSync(fixturePath('cases.json'), 'utf8')));
const byId = (id: string): OracleCase => {
  const c = file.cases.find((k) => k.id === id);
  assert.ok(c, `fixture case ${id} exists`);
  return JSON.parse(JSON.stringify(c)) as OracleCase;
};
const fields = (c: OracleCase): string[] => runCase(c).mismatches.map((m) => `${m.field}:${m.name}`);

/** exp's saved result modified in place: torch's version error at the backward step (format of inplace-errors.json). */
const errorCase = (): OracleCase => ({
  id: 'runner_error_case', tags: ['inplace'],
  inputs: { a: { shape: [3], dtype: 'float64', data: [0.5, -1, 2], requires_grad: true } },
  program: [
    { out: 'e', op: 'exp', args: ['a'], kwargs: {} },
    { op: 'mul_', args: ['e', 2], kwargs: {} },
    { out: 's', op: 'sum', args: ['e'], kwargs: {} },
    { op: 'backward', args: ['s'], kwargs: {}, raises: true },
  ],
  output: null,
  expected: {
    values: {}, grads: {}, grad_fn: {}, next_functions: {}, requires_grad: {},
    error: { step: 3, type: 'RuntimeError', message: `one of the variables needed for gradient computation has been modified by an inplace operation: [torch.DoubleTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.${ANOMALY_HINT}` },
  },
});

describe('oracle runner: detects each kind of difference', () => {
  it('passes the unmodified seed example', () => {
    const r = runCase(byId('seed_example'));
    assert.deepStrictEqual(r.mismatches, []);
    assert.ok(r.passed);
  });
  it('reports a wrong value', () => {
    const c = byId('seed_example');
    c.expected.values.z2.data[0] = 0.8 + 1e-6;
    assert.deepStrictEqual(fields(c), ['value:z2']);
  });
  it('reports a wrong shape', () => {
    const c = byId('seed_example');
    c.expected.values.z1.shape = [1];
    assert.deepStrictEqual(fields(c), ['value:z1']);
  });
  it('reports a wrong leaf gradient, and a gradient where None was expected', () => {
    const c = byId('seed_example');
    c.expected.grads.x = { shape: [], data: [0.5] };
    assert.deepStrictEqual(fields(c), ['grad:x']);
    c.expected.grads.x = null;
    assert.deepStrictEqual(fields(c), ['grad:x']);
  });
  it('requires .grad to be None for an unused leaf', () => {
    const c = byId('unused_leaf_grad_none_3');
    assert.ok(runCase(c).passed);
    c.expected.grads.u = { shape: [3], data: [0, 0, 0] };
    assert.deepStrictEqual(fields(c), ['grad:u']);
  });
  it('reports grad_fn names, next_functions edges and requires_grad', () => {
    const c = byId('seed_example');
    c.expected.grad_fn.z1 = 'SubBackward0';
    c.expected.next_functions.z2 = [['AddBackward0', 'z0'], [null, null]];
    c.expected.requires_grad.z0 = false;
    assert.deepStrictEqual(fields(c), ['grad_fn:z1', 'next_functions:z2', 'requires_grad:z0']);
  });
  it('honours the per-case tolerance', () => {
    const c = byId('seed_example');
    c.expected.values.z2.data[0] = 0.8 * (1 + 1e-7);
    assert.deepStrictEqual(fields(c), ['value:z2']);
    c.tolerance = { rtol: 1e-6, atol: 0 };
    assert.deepStrictEqual(fields(c), []);
  });
  it('compares grad_fn names exactly: reshape is ReshapeAliasBackward0 as in torch 1.13, nothing else passes', () => {
    const c = byId('reshape_shape34_2x6');
    const r = runCase(c);
    assert.ok(r.passed);
    assert.deepStrictEqual(r.deviations, []);
    for (const other of ['ViewBackward0', 'UnsafeViewBackward0']) {
      c.expected.grad_fn.t0 = other;
      assert.deepStrictEqual(fields(c), ['grad_fn:t0'], other);
    }
  });
  it('checks gradients of retain_grad intermediates', () => {
    const c = byId('retain_grad_intermediate_2x3');
    assert.ok(runCase(c).passed);
    const h = c.expected.grads.h;
    assert.ok(h);
    h.data[0] = Number(h.data[0]) + 1;
    assert.deepStrictEqual(fields(c), ['grad:h']);
  });
  it('turns an unknown op or a thrown engine error into an error result naming the step', () => {
    const c = byId('seed_example');
    c.program[1].op = 'frobnicate';
    const r = runCase(c);
    assert.strictEqual(r.mismatches[0].field, 'error');
    assert.match(r.mismatches[0].actual, /step 1 \(frobnicate\): unknown op frobnicate/);
  });
  it('checks torch\'s error: the step, the message (only torch\'s anomaly hint and the "[op] " prefix removed)', () => {
    const ok = errorCase();
    assert.ok(runCase(ok).passed, JSON.stringify(runCase(ok).mismatches));
    const wrongText = errorCase();
    wrongText.expected.error!.message = wrongText.expected.error!.message.replace('ExpBackward0', 'MulBackward0');
    assert.deepStrictEqual(fields(wrongText), ['error:step 3']);
    const noHintRemovalForOthers = errorCase();
    noHintRemovalForOthers.expected.error!.message = noHintRemovalForOthers.expected.error!.message.replace(ANOMALY_HINT, ' Hint: something else.');
    assert.deepStrictEqual(fields(noHintRemovalForOthers), ['error:step 3']);
  });
  it('fails a step marked raises that does not raise, and an error at an unmarked step', () => {
    const quiet = errorCase();
    quiet.program.splice(1, 1); // no in-place op: backward succeeds
    quiet.expected.error!.step = 2;
    quiet.program[2].raises = true;
    assert.match(runCase(quiet).mismatches[0].actual, /step 2 \(backward\): expected torch's error, but it did not raise/);
    const unmarked = errorCase();
    delete unmarked.program[3].raises;
    delete unmarked.expected.error;
    assert.match(runCase(unmarked).mismatches[0].actual, /step 3 \(backward\): \[backward\] one of the variables needed/);
  });
  it('decodes "nan"/"inf" data and compares dtypes when the fixture records them', () => {
    const c = errorCase();
    c.inputs.a.data = ['nan', 'inf', '-inf'];
    c.program = [{ out: 'e', op: 'exp', args: ['a'], kwargs: {} }];
    c.expected = { values: { e: { shape: [3], dtype: 'float64', data: ['nan', 'inf', 0] } }, grads: {}, grad_fn: {}, next_functions: {}, requires_grad: {} };
    assert.deepStrictEqual(fields(c), []);
    c.expected.values.e.data[1] = 1e308;
    assert.deepStrictEqual(fields(c), ['value:e']);
    c.expected.values.e.data[1] = 'inf';
    c.expected.values.e.dtype = 'float32';
    assert.deepStrictEqual(fields(c), ['value:e']);
  });
  it('rejects files that are not in the oracle format', () => {
    assert.throws(() => parseCaseFile({ format: 2, cases: [] }), FormatError);
    assert.throws(() => parseCaseFile({ format: 1 }), FormatError);
    const bad = JSON.parse(JSON.stringify({ format: 1, cases: [byId('seed_example')] })) as CaseFile;
    bad.cases[0].inputs.x.data = [1, 2];
    assert.throws(() => parseCaseFile(bad), /data has 2 elements, shape needs 1/);
  });
});

describe('oracle CLI: output and exit codes', () => {
  const cli = path.resolve(__dirname, 'oracle-cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-oracle-'));
  const write = (name: string, content: unknown): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };
  const run = (p: string) => spawnSync(process.execPath, [cli, p], { encoding: 'utf8' });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and ends with "N passed, 0 failed" when every case passes', () => {
    const r = run(write('ok.json', { format: 1, cases: [byId('seed_example'), byId('diamond_4')] }));
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.strictEqual(r.stdout.trim().split('\n').pop(), '2 passed, 0 failed');
  });
  it('prints one line per failing case and exits 1', () => {
    const broken = byId('diamond_4');
    broken.expected.grad_fn.c = 'CosBackward0';
    const r = run(write('fail.json', { format: 1, cases: [byId('seed_example'), broken] }));
    assert.strictEqual(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.deepStrictEqual(lines, ['FAIL diamond_4: grad_fn c: expected CosBackward0, got SinBackward0', 'failed by family: autograd 1', '1 passed, 1 failed']);
  });
  it('exits 2 on an unreadable or malformed file', () => {
    assert.strictEqual(run(path.join(dir, 'missing.json')).status, 2);
    assert.strictEqual(run(write('garbage.json', '{not json')).status, 2);
    assert.strictEqual(run(write('wrong.json', { format: 1, cases: 'no' })).status, 2);
  });
});
