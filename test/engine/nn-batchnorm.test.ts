/**
 * nn.BatchNorm1d / nn.BatchNorm2d against torch 1.13 (values written by nn-batchnorm/expected.py):
 * training steps move the running statistics (a fixed momentum, and momentum null's cumulative
 * average), gradients reach weight and bias, evaluation normalises with the running statistics (or,
 * without them, with the batch's), the modules print as torch prints them, and wrong ranks are refused.
 * F.batch_norm itself: test/fixtures/oracle/batch-norm.json.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fromFlat, nn } from '../../engine/index';
import type { Tensor } from '../../engine/index';
import { ROOT } from '../analysis/helpers';

interface Expected {
  bn1d: Record<'y0' | 'y1' | 'weight_grad' | 'bias_grad' | 'running_mean' | 'running_var' | 'eval', number[]> & { tracked: number };
  bn2d_cumulative: Record<'running_mean' | 'running_var' | 'eval', number[]> & { tracked: number };
  untracked_eval: { eval: number[] };
  reprs: string[];
}
const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/engine/nn-batchnorm/expected.json'), 'utf8')) as Expected;

/** sin(a * i + b) * 2 over the elements, row-major (expected.py's wave). */
function wave(shape: number[], a: number, b = 0): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return fromFlat(Array.from({ length: n }, (_, i) => Math.sin(a * i + b) * 2), shape, { dtype: 'float64' });
}

/** Equal to torch's within float64 reduction-order rounding. */
function close(actual: Tensor | null, expected: number[], what: string): void {
  assert.ok(actual !== null, `${what} is missing`);
  const a = Array.from(actual.dataSync());
  assert.strictEqual(a.length, expected.length, `${what}: length`);
  a.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-12 + 1e-9 * Math.abs(expected[i]), `${what}[${i}]: ${v} vs torch ${expected[i]}`));
}

describe('engine/nn: BatchNorm1d and BatchNorm2d', () => {
  it('two training steps then evaluation, as torch 1.13', () => {
    const m = new nn.BatchNorm1d(3, { dtype: 'float64' });
    const e = EXPECTED.bn1d;
    for (const [step, [a, b]] of [[0.37, 0], [0.81, 1]].entries()) {
      const y = m.forward(wave([4, 3], a, b));
      y.mul(wave([4, 3], 0.5, 0.2)).sum().backward();
      close(y, step === 0 ? e.y0 : e.y1, `y${step}`);
    }
    close(m.weight!.grad, e.weight_grad, 'weight.grad');
    close(m.bias!.grad, e.bias_grad, 'bias.grad');
    close(m.runningMean, e.running_mean, 'runningMean');
    close(m.runningVar, e.running_var, 'runningVar');
    assert.strictEqual(m.numBatchesTracked!.item(), e.tracked);
    m.eval();
    close(m.forward(wave([2, 3], 0.9)), e.eval, 'eval output');
  });

  it('momentum null keeps the cumulative average of the batches seen', () => {
    const m = new nn.BatchNorm2d(2, { momentum: null, affine: false, dtype: 'float64' });
    for (const a of [0.3, 0.7, 1.1]) m.forward(wave([2, 2, 3, 2], a));
    const e = EXPECTED.bn2d_cumulative;
    close(m.runningMean, e.running_mean, 'runningMean');
    close(m.runningVar, e.running_var, 'runningVar');
    assert.strictEqual(m.numBatchesTracked!.item(), e.tracked);
    m.eval();
    close(m.forward(wave([1, 2, 3, 2], 0.45)), e.eval, 'eval output');
  });

  it('without running statistics, evaluation normalises with the batch statistics', () => {
    const m = new nn.BatchNorm1d(2, { trackRunningStats: false, dtype: 'float64' }).eval();
    assert.strictEqual(m.runningMean, null);
    close(m.forward(wave([3, 2, 4], 0.6)), EXPECTED.untracked_eval.eval, 'eval output');
  });

  it('weight and bias are its parameters; the running statistics and the batch counter its buffers, as torch names them', () => {
    const m = new nn.BatchNorm1d(3);
    assert.deepStrictEqual(m.namedParameters().map(([k]) => k), ['weight', 'bias']);
    assert.deepStrictEqual(m.namedBuffers().map(([k]) => k), ['runningMean', 'runningVar', 'numBatchesTracked']);
    const net = new nn.Sequential(new nn.Linear(2, 3), new nn.BatchNorm1d(3, { trackRunningStats: false }), new nn.BatchNorm1d(3));
    // torch: 2.running_mean, 2.running_var, 2.num_batches_tracked (no buffers without tracking: they are None)
    assert.deepStrictEqual(net.namedBuffers().map(([k]) => k), ['2.runningMean', '2.runningVar', '2.numBatchesTracked']);
    assert.strictEqual(net.buffers(false).length, 0);
  });

  it("prints as torch 1.13's repr", () => {
    assert.deepStrictEqual([String(new nn.BatchNorm1d(3)), String(new nn.BatchNorm2d(4, { eps: 1e-3, momentum: null, affine: false, trackRunningStats: false }))], EXPECTED.reprs);
  });

  const ERRORS: [string, () => unknown, RegExp][] = [
    ['a 4-d input to BatchNorm1d', () => new nn.BatchNorm1d(3).forward(wave([2, 3, 2, 2], 1)), /\[BatchNorm1d\] expected 2D or 3D input \(got 4D input\)/],
    ['a 3-d input to BatchNorm2d', () => new nn.BatchNorm2d(3).forward(wave([2, 3, 2], 1)), /\[BatchNorm2d\] expected 4D input \(got 3D input\)/],
    ['a channel count that differs', () => new nn.BatchNorm1d(3).forward(wave([2, 4], 1)), /\[batch_norm\] running_mean should contain 4 elements not 3/],
    ['a non-integer feature count', () => new nn.BatchNorm1d(2.5), /\[BatchNorm1d\] argument 'numFeatures'/],
  ];
  for (const [what, f, re] of ERRORS) it(`refuses ${what}, naming the op`, () => assert.throws(f, re));
});
