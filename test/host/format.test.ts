import * as assert from 'node:assert/strict';
import { annotationParts, annotationText, formatCompact, formatScalar, sparkline } from '../../extension/host/format';
import { binding, snap } from './fixtures';

const O = { precision: 4, maxLength: 80 };
const text = (b: Parameters<typeof annotationParts>[0], o = O) => annotationText(annotationParts(b, o));

describe('format: annotation texts', () => {
  const scalars: [number, number, string][] = [
    [0.8, 4, '0.8000'], [-1.25, 2, '-1.25'], [0, 4, '0.0000'], [1e-6, 2, '1.00e-6'], [3e9, 1, '3.0e+9'], [NaN, 4, 'nan'], [-Infinity, 4, '-inf'],
  ];
  for (const [x, p, want] of scalars) it(`scalar ${x} at precision ${p} → ${want}`, () => assert.equal(formatScalar(x, p), want));

  it('integer and bool dtypes print without decimals', () => {
    assert.equal(formatScalar(3, 4, 'int64'), '3');
    assert.equal(formatScalar(1, 4, 'bool'), 'true');
  });

  it('compact numbers drop trailing zeros', () => {
    assert.equal(formatCompact(0.5, 4), '0.5');
    assert.equal(formatCompact(-1.2, 4), '-1.2');
    assert.equal(formatCompact(2, 4), '2');
  });

  it('a gradient not known here shows as ∇ ?, never as no gradient', () => {
    const b = binding('w', { value: snap([], [0.5]), gradUnknown: 'may be changed by code not evaluated at line 7' });
    assert.equal(text([b]), '0.5000  ∇ ?');
    assert.equal(text([binding('v', { value: snap([], [0.5]) })]), '0.5000');
  });

  it('a scalar binding shows value and gradient', () => {
    const b = binding('z2', { value: snap([], [0.8]), grad: snap([], [1]) });
    assert.equal(text([b]), '0.8000  ∇ 1.0000');
    assert.deepEqual(annotationParts([b], O), { value: '0.8000', grad: '∇ 1.0000' });
  });

  it('a tensor shows its shape, a preview and the gradient norm', () => {
    const b = binding('w', { value: snap([2, 3], [0.5, -1.2, 3, 4, 5, 6]), grad: snap([2, 3], [0.3, 0.4, 0, 0, 0, 0]) });
    assert.equal(text([b]), '[2×3] [[0.5, -1.2, 3, …]]  ∇ ‖·‖=0.5');
  });

  it('a short vector has no ellipsis', () => {
    assert.equal(text([binding('v', { value: snap([2], [1, 2]) })]), '[2] [1, 2]');
  });

  it('a loop binding adds a sparkline of its history and the iteration count', () => {
    const b = binding('loss', { value: snap([], [0.1]), iterations: 4, history: [4, 3, 2, 1] });
    assert.equal(text([b]), '0.1000 █▆▃▁ ×4');
  });

  it('sparklines scale between min and max and mark non-finite values', () => {
    assert.equal(sparkline([0, 7]), '▁█');
    assert.equal(sparkline([1, 1, 1]), '▅▅▅');
    assert.equal(sparkline([0, 'NaN', 1]), '▁·█');
    assert.equal(sparkline(Array.from({ length: 40 }, (_, i) => i)).length, 16);
  });

  it('an unknown value shows a question mark', () => {
    assert.equal(text([binding('y', { value: null, unknown: 'depends on fs' })]), '?');
  });

  it('several bindings on one line share one annotation, each named', () => {
    const a = binding('a', { value: snap([], [1]) });
    const b = binding('b', { value: snap([], [2]), grad: snap([], [0.5]) });
    assert.equal(text([a, b], { precision: 1, maxLength: 80 }), 'a 1.0  b 2.0 ∇ 0.5');
  });

  it('long text is cut at maxLength with an ellipsis', () => {
    const b = binding('w', { value: snap([1, 100], Array.from({ length: 100 }, (_, i) => i + 0.123456)), grad: snap([], [1]) });
    for (const maxLength of [10, 20, 26]) {
      const t = text([b], { precision: 4, maxLength });
      assert.ok(t.length <= maxLength, `${JSON.stringify(t)} longer than ${maxLength}`);
      assert.ok(t.endsWith('…'), t);
    }
  });
});
