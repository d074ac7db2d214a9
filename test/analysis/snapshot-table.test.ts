/** Snapshots printed once per distinct content (snapshot-table.ts): sharing must never change what a trace says. */
import * as assert from 'assert';
import { tensor, ones } from '../../engine';
import { Snap } from '../../extension/analysis/snapshot';
import { SnapshotTable } from '../../extension/analysis/snapshot-table';
import { analyzeChecked } from './helpers';

describe('analysis: shared snapshots', function () {
  this.timeout(20000);
  it('equal tensors share one trace form; any difference in values or metadata does not', () => {
    const table = new SnapshotTable(1000);
    const of = (t: ReturnType<typeof tensor>) => Snap.ofTensor(t, 1000).toTrace(table);
    const a = of(tensor([[1.5, -2], [0.25, 3]]));
    assert.strictEqual(of(tensor([[1.5, -2], [0.25, 3]])), a);
    assert.notStrictEqual(of(tensor([[1.5, -2], [0.25, 3.0001]])), a);
    assert.notStrictEqual(of(tensor([1.5, -2, 0.25, 3])), a, 'same values, other shape');
    const needsGrad = of(tensor([[1.5, -2], [0.25, 3]], { requiresGrad: true }));
    assert.notStrictEqual(needsGrad, a);
    assert.strictEqual(needsGrad.text, tensor([[1.5, -2], [0.25, 3]], { requiresGrad: true }).toString());
    assert.notStrictEqual(of(tensor([0, 1], { dtype: 'float64' })), of(tensor([0, 1])), 'other dtype');
    assert.notStrictEqual(of(tensor([0])), of(tensor([-0])), '-0 prints differently from 0');
    assert.strictEqual(a.text, tensor([[1.5, -2], [0.25, 3]]).toString());
  });

  it('a snapshot matches its tensor until the tensor changes in place', () => {
    const t = tensor([1, 2, 3]);
    const snap = Snap.ofTensor(t, 1000);
    assert.ok(snap.matchesTensor(t));
    assert.ok(!snap.matchesTensor(tensor([1, 2])), 'other shape');
    assert.ok(!snap.matchesTensor(tensor([1, 2, 3], { requiresGrad: true })), 'requires grad now');
    t.dataSync()[1] = 5;
    assert.ok(!snap.matchesTensor(t));
    const trace = analyzeChecked("import { tensor } from 'gradlens';\nconst a = tensor([1, 2]);\nconst b = tensor([1, 2]);\na.mul_(3);\n");
    assert.deepStrictEqual(trace.bindings.map((b) => [b.name, b.finalValue?.data ?? null]), [['a', [3, 6]], ['b', null], ['a', null]]); // a.mul_ is a binding of a too
  });

  it('a large tensor whose text was made eagerly is not shared on its first dataCap values', () => {
    const table = new SnapshotTable(10);
    const big = ones([200_001]);
    const other = ones([200_001]);
    other.dataSync()[200_000] = 2;
    const x = Snap.ofTensor(big, 10).toTrace(table);
    const y = Snap.ofTensor(other, 10).toTrace(table);
    assert.notStrictEqual(x.text, y.text);
    assert.strictEqual(y.text, other.toString());
  });

  it('in a trace, a gradient passed on unchanged is the next step\'s incoming gradient, printed once', () => {
    const src = [
      "import { tensor } from 'gradlens';",
      'const x = tensor([1, 2, 3], { requiresGrad: true });',
      'const y = x.mul(2).tanh().sum();',
      'y.backward();',
    ].join('\n');
    const trace = analyzeChecked(src);
    const [sum, tanh] = trace.backwardSteps;
    assert.deepStrictEqual([sum.gradFn, tanh.gradFn], ['SumBackward0', 'TanhBackward0']);
    assert.strictEqual(sum.gradsOut[0], tanh.gradIn[0]);
    assert.strictEqual(tanh.gradIn[0].text, 'tensor([1., 1., 1.])');
  });
});
