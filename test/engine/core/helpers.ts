/** Small assertions shared by the engine core tests. */
import * as assert from 'assert';
import type { Tensor } from '../../../engine/index';

/** Elementwise |a - e| <= atol + rtol*|e|, and equal shapes. */
export function assertClose(t: Tensor, expected: readonly number[], shape?: readonly number[], rtol = 1e-6, atol = 1e-7): void {
  if (shape) assert.deepStrictEqual([...t.shape], [...shape]);
  assert.strictEqual(t.dataSync().length, expected.length, `length ${t.dataSync().length} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = t.dataSync()[i], e = expected[i];
    assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `element ${i}: got ${a}, expected ${e}`);
  }
}

/** grad_fn names of the next_functions of t's grad_fn (null for empty slots). */
export function nextNames(t: Tensor): (string | null)[] {
  return t.gradFn!.nextFunctions.map(([f]) => (f === null ? null : f.name));
}
