/**
 * The analyzer on a file that trains a Conv2d + Flatten + ModuleList + LogSoftmax/NLLLoss classifier
 * for two AdamW steps (test/fixtures/nn-training/conv-adamw.ts): it prints what a real run of the file
 * prints, and both print what PyTorch 1.13 printed for the same program (conv-adamw.py, its output
 * committed as conv-adamw.expected.txt): words and grad_fn names equal, numbers within float32 tolerance.
 * Also: a ModuleList whose append is not known here makes the list unknown rather than wrong.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding, errors, logTexts, runInProcess } from './helpers';

const DIR = path.join(ROOT, 'test', 'fixtures', 'nn-training');

/** Printed text as lines of words (a module's repr printed by one console.log spans several lines). */
function words(lines: readonly string[]): string[][] {
  return lines.join('\n').split('\n').map((l) => l.split(' '));
}

function closeWord(a: string, e: string, where: string): void {
  const parse = (w: string): unknown => {
    try {
      return JSON.parse(w) as unknown;
    } catch {
      return w;
    }
  };
  const x = parse(a), y = parse(e);
  if (typeof y === 'number') {
    assert.ok(typeof x === 'number' && Math.abs(x - y) <= 1e-5 + 2e-4 * Math.abs(y), `${where}: ${a} vs PyTorch ${e}`);
  } else if (Array.isArray(y)) {
    assert.ok(Array.isArray(x) && x.length === y.length, `${where}: ${a} vs PyTorch ${e}`);
    y.forEach((v, i) => closeWord(JSON.stringify((x as unknown[])[i]), JSON.stringify(v), `${where}[${i}]`));
  } else {
    assert.strictEqual(a, e, where);
  }
}

describe('nn modules and optimizers in an analysed file: the analyzer, a real run and PyTorch agree', function () {
  this.timeout(60000);

  it('conv-adamw.ts: Conv2d, Flatten, a ModuleList iterated in forward, NLLLoss and two AdamW steps', async () => {
    const source = fs.readFileSync(path.join(DIR, 'conv-adamw.ts'), 'utf8');
    const expected = fs.readFileSync(path.join(DIR, 'conv-adamw.expected.txt'), 'utf8').trimEnd().split('\n');
    const trace = analyzeChecked(source, { fileName: 'conv-adamw.ts' });
    assert.deepStrictEqual(errors(trace).map((d) => `${d.line}: ${d.message}`), [], 'no errors');
    const real = await runInProcess(source);
    assert.deepStrictEqual(logTexts(trace), real, 'the analyzer prints what the real run prints');
    const got = words(real), want = expected.map((l) => l.split(' '));
    assert.strictEqual(got.length, want.length, `${got.length} lines, PyTorch printed ${want.length}:\n${real.join('\n')}`);
    want.forEach((line, i) => {
      assert.strictEqual(got[i].length, line.length, `line ${i + 1}: '${got[i].join(' ')}' vs PyTorch '${line.join(' ')}'`);
      line.forEach((w, k) => closeWord(got[i][k], w, `line ${i + 1} word ${k + 1}`));
    });
    const loss = binding(trace, 'loss');
    assert.strictEqual(loss.value?.dtype, 'float32');
    assert.strictEqual(loss.gradFn, 'NllLossBackward0');
  });

  it('an append to a ModuleList with an argument not known here: the list and a forward through it are unknown', () => {
    const source = [
      `import { nn, tensor } from 'gradlens';`,
      `declare const size: number;`,
      `const list = new nn.ModuleList([new nn.Identity()]);`,
      `list.append(new nn.Linear(2, size));`,
      `let h = tensor([[1.0, 2.0]]);`,
      `for (const m of list) h = m.forward(h);`,
      `const y = h;`,
      `console.log(list.length);`,
    ].join('\n');
    const trace = analyzeChecked(source);
    assert.strictEqual(binding(trace, 'y').value, null, 'no value shown for y (the real run went through a Linear the analysis did not make)');
    assert.ok(!logTexts(trace).includes('1'), 'the length is not printed as 1');
  });

  it('code not evaluated that constructs a conv or appends to a ModuleList: later draws and the list are unknown', () => {
    const source = [
      `import { nn, randn, manualSeed, tensor } from 'gradlens';`,
      `declare const flag: boolean;`,
      `manualSeed(1);`,
      `const list = new nn.ModuleList([new nn.Identity()]);`,
      `if (flag) {`,
      `  const c = new nn.Conv2d(1, 1, 1);`,
      `  list.append(new nn.ReLU());`,
      `}`,
      `const r = randn([2]);`,
      `let h = tensor([[1.0, -2.0]]);`,
      `for (const m of list) h = m.forward(h);`,
      `const y = h;`,
    ].join('\n');
    const trace = analyzeChecked(source);
    assert.strictEqual(binding(trace, 'r').value, null, 'the real run may have drawn the conv\'s parameters first');
    assert.strictEqual(binding(trace, 'y').value, null, 'the real run may have gone through a ReLU');
  });
});
