/**
 * Comparison rules of the oracle README: shapes (and dtypes, when the fixture records them)
 * exactly; a float element passes when |actual - expected| <= atol + rtol * |expected|; NaN
 * matches NaN, infinities and bools exactly.
 */
import type { ExpectedTensor, Tolerance } from './format';
import { decodeElement } from './format';

/** What the runner needs from an engine tensor (or an observation of one) to compare it. */
export interface ComparableTensor {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly data: ArrayLike<number>;
}

function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function short(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(10);
}

function elementPasses(actual: number, expected: number | boolean, tol: Tolerance): boolean {
  if (typeof expected === 'boolean') return actual === (expected ? 1 : 0);
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** null when equal within tolerance, else a short "expected ... got ..." description. */
export function compareTensor(expected: ExpectedTensor, actual: ComparableTensor, tol: Tolerance): { expected: string; actual: string } | null {
  const shapeOk = expected.shape.length === actual.shape.length && expected.shape.every((d, i) => d === actual.shape[i]);
  if (!shapeOk) return { expected: `shape ${fmtShape(expected.shape)}`, actual: `shape ${fmtShape(actual.shape)}` };
  if (expected.dtype !== undefined && expected.dtype !== actual.dtype) return { expected: `dtype ${expected.dtype}`, actual: `dtype ${actual.dtype}` };
  let firstBad = -1;
  let bad = 0;
  for (let i = 0; i < expected.data.length; i++) {
    if (!elementPasses(actual.data[i], decodeElement(expected.data[i]), tol)) {
      if (firstBad < 0) firstBad = i;
      bad++;
    }
  }
  if (firstBad < 0) return null;
  const e = decodeElement(expected.data[firstBad]);
  const where = `[${firstBad}]${bad > 1 ? ` (+${bad - 1} more)` : ''}`;
  return { expected: `${where} ${typeof e === 'boolean' ? String(e) : short(e)}`, actual: `${where} ${short(actual.data[firstBad])}` };
}
