/**
 * An MLP with nn.BatchNorm1d in an analysed file, two SGD steps in training mode then evaluation:
 * what the analyzer shows (outputs, the running statistics the module moved in place, the updated
 * weights and their gradients) equals a real run of the same file and PyTorch 1.13
 * (batch-norm/expected.json, written by expected.py).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding, errors } from './helpers';
import { itAgreesWithRealRun, itAgreesWithTorch, readExpected } from './torch-expected';

const DIR = path.join(ROOT, 'test', 'analysis', 'batch-norm');
const SOURCE = fs.readFileSync(path.join(DIR, 'sample.ts'), 'utf8');

describe('analysis: batch normalisation in a training loop agrees with a real run and PyTorch 1.13', function () {
  this.timeout(30000);
  const expected = readExpected(DIR);
  const trace = analyzeChecked(SOURCE);

  it('runs without errors', () => assert.deepStrictEqual(errors(trace), []));

  itAgreesWithTorch(trace, expected);

  // a leaf's value is shown at its line (the real run's object moves on with the optimizer): gradients only for those
  itAgreesWithRealRun(SOURCE, trace, { values: Object.keys(expected.values), grads: Object.keys(expected.grads) });

  // a real run moves the running statistics in each of these: shown, they would be zeros and ones, wrong
  const NOT_SHOWN: [string, string[], string[]][] = [
    ['a forward whose input is not known here', [
      `declare const scale: number;`,
      `const bn = new nn.BatchNorm1d(2, { dtype: 'float64' });`,
      `const y = bn.forward(x.mul(scale));`,
    ], ['rm', 'rv', 'ev']],
    ['a forward in a branch not evaluated', [
      `declare const flag: boolean;`,
      `const bn = new nn.BatchNorm1d(2, { dtype: 'float64' });`,
      `if (flag) { bn.forward(x); }`,
    ], ['rm', 'rv', 'ev']],
    ['a forward in a file function not evaluated, through a field', [
      `declare const flag: boolean;`,
      `class Net { bn = new nn.BatchNorm1d(2, { dtype: 'float64' }); run(h: Tensor): Tensor { return this.bn.forward(h); } }`,
      `const net = new Net();`,
      `const bn = net.bn;`,
      `if (flag) net.run(x);`,
    ], ['rm', 'rv', 'ev']],
  ];
  for (const [what, lines, unknown] of NOT_SHOWN) {
    it(`leaves the running statistics unknown after ${what}`, () => {
      const t = analyzeChecked([
        `import { nn, tensor, type Tensor } from 'gradlens';`,
        `const x = tensor([[1.0, 2.0], [3.0, 5.0]], { dtype: 'float64' });`,
        ...lines,
        `const rm = bn.runningMean;`,
        `const rv = bn.runningVar;`,
        `const ev = bn.eval().forward(x);`,
      ].join('\n'));
      for (const name of unknown) assert.strictEqual(binding(t, name).value, null, `${name} is not shown`);
    });
  }

  it('leaves F.batchNorm\'s running statistics unknown after a call in code not evaluated', () => {
    const t = analyzeChecked([
      `import { F, tensor, zeros, ones } from 'gradlens';`,
      `declare const flag: boolean;`,
      `const runMean = zeros([2], { dtype: 'float64' });`,
      `const runVar = ones([2], { dtype: 'float64' });`,
      `const x = tensor([[1.0, 2.0], [3.0, 5.0]], { dtype: 'float64' });`,
      `if (flag) { F.batchNorm(x, runMean, runVar, null, null, true); }`,
      `const after = runMean.add(runVar);`,
    ].join('\n'));
    assert.strictEqual(binding(t, 'after').value, null);
  });

  it('still shows the running statistics after an evaluation-mode forward not evaluated (it does not update them)', () => {
    const t = analyzeChecked([
      `import { nn, tensor } from 'gradlens';`,
      `declare const scale: number;`,
      `const x = tensor([[1.0, 2.0], [3.0, 5.0]], { dtype: 'float64' });`,
      `const bn = new nn.BatchNorm1d(2, { dtype: 'float64' }).eval();`,
      `const y = bn.forward(x.mul(scale));`,
      `const rm = bn.runningMean;`,
    ].join('\n'));
    assert.deepStrictEqual(binding(t, 'rm').value?.data, [0, 0]);
  });
});
