/** Snapshots: copies of a tensor's values as the trace carries them (SPEC §4). */
import type { Dtype, JsonNumber, ValueSnapshot } from './trace';
import { tensorData, type TensorLike } from './engine-bridge';

export function jsonNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

export function fromJsonNumber(x: JsonNumber): number {
  return typeof x === 'number' ? x : Number(x);
}

function asDtype(d: string): Dtype {
  return d === 'float64' || d === 'int64' || d === 'bool' ? d : 'float32';
}

export function snapshotTensor(t: TensorLike, dataCap: number): ValueSnapshot {
  const src = tensorData(t);
  const n = Math.min(src.length, dataCap);
  const data = new Array<JsonNumber>(n);
  for (let i = 0; i < n; i++) data[i] = jsonNumber(Number(src[i]));
  const snap: ValueSnapshot = { kind: 'tensor', shape: [...t.shape], dtype: asDtype(t.dtype), data, text: t.toString() };
  if (src.length > n) snap.truncated = true;
  return snap;
}

/** A number taken from a tensor (`loss.item()`): shape [] and printed the way Node prints numbers. */
export function snapshotNumber(x: number): ValueSnapshot {
  return { kind: 'number', shape: [], dtype: 'float64', data: [jsonNumber(x)], text: String(x) };
}

/** The scalar a sparkline shows: the value itself, or the mean of a non-scalar. */
export function summaryScalar(s: ValueSnapshot): JsonNumber {
  if (s.data.length === 1) return s.data[0];
  let sum = 0;
  for (const v of s.data) sum += fromJsonNumber(v);
  return jsonNumber(s.data.length === 0 ? NaN : sum / s.data.length);
}

export function sameData(a: ValueSnapshot, b: ValueSnapshot): boolean {
  if (a.data.length !== b.data.length || a.shape.length !== b.shape.length) return false;
  for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return a.text === b.text;
}
