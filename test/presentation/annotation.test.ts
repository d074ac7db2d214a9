import * as assert from 'node:assert/strict';
import { annotationText, bindingParts, lineAnnotation } from '../../extension/presentation/annotation';
import { binding, snap } from '../host/fixtures';

const O = { precision: 4, maxLength: 80 };
const text = (b: Parameters<typeof lineAnnotation>[0], o = O) => annotationText(lineAnnotation(b, o));

describe('presentation: annotations', () => {
  it('a gradient not known here shows as ∇ ?, never as no gradient', () => {
    const b = binding('w', { value: snap([], [0.5]), gradUnknown: 'may be changed by code not evaluated at line 7' });
    assert.equal(text([b]), '0.5000  ∇ ?');
    assert.equal(text([binding('v', { value: snap([], [0.5]) })]), '0.5000');
  });

  it('a scalar binding shows value and gradient', () => {
    const b = binding('z2', { value: snap([], [0.8]), grad: snap([], [1]) });
    assert.equal(text([b]), '0.8000  ∇ 1.0000');
    assert.deepEqual(lineAnnotation([b], O), { value: '0.8000', grad: '∇ 1.0000' });
    assert.deepEqual(bindingParts(b, 4), { name: 'z2', value: '0.8000', grad: '∇ 1.0000', unknown: undefined });
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

  it('an unknown value shows a question mark', () => {
    const y = binding('y', { value: null, unknown: 'depends on fs' });
    assert.equal(text([y]), '?');
    assert.equal(bindingParts(y, 4).unknown, 'depends on fs');
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

describe('presentation: a value changed later in place', () => {
  it('shows its final value, marked, and a final it cannot know as ?', () => {
    const w = binding('w', { value: snap([1, 1], [3]), finalValue: snap([1, 1], [2.9957]), grad: snap([1, 1], [0.5]) });
    assert.equal(text([w]), 'final [1×1] [[2.9957]]  ∇ ‖·‖=0.5');
    assert.equal(text([binding('v', { value: snap([], [1]), finalUnknown: 'changed by code not evaluated' })]), 'final ?');
  });
});
