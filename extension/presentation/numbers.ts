/**
 * Number and tensor text, the one rule the CLI, the editor (annotations and hover) and the graph panel
 * share (docs/extension.md):
 *   scalar:  `precision` decimals (`0.8000`), exponent form below 1e-4 or from 1e8 (`1.0000e-6`);
 *            integer dtypes as integers, bool as PyTorch prints it (`True`), `nan`, `inf`, `-inf`
 *   tensor:  the shape, then the first elements of the first row nested as deep as the tensor, each without
 *            trailing zeros: `[2×3] [[0.5, -1.2, 3, …]]`
 *   ∇:       a scalar's as a scalar (`∇ 0.4000`), a tensor's as its L2 norm (`∇ ‖·‖=0.83`)
 * The full text as PyTorch prints it is `ValueSnapshot.text`, made by the engine; nothing here changes it.
 */
import type { Dtype, JsonNumber, ValueSnapshot } from '../analysis/trace';
import { DEFAULTS } from '../settings';

/** Where no setting reaches (the CLI, the graph panel, DOT), the `gradlens.precision` default. */
export const DEFAULT_PRECISION = DEFAULTS.precision;

const PREVIEW_ELEMENTS = 3;
const ELLIPSIS = '…';
const SPARK = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 16;

/** A trace number (non-finite values travel as strings in JSON) as a JavaScript number. */
export function toNumber(x: JsonNumber): number {
  return typeof x === 'number' ? x : x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : -Infinity;
}

/** A scalar with a fixed number of decimals (PyTorch's style), exponent form when very large or small. */
export function scalarText(x: JsonNumber, precision: number, dtype: Dtype | null = null): string {
  const n = toNumber(x);
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  // PyTorch prints a bool tensor's elements as Python's True/False (and the hover shows that print).
  if (dtype === 'bool') return n !== 0 ? 'True' : 'False';
  if (dtype === 'int64' || dtype === 'int32') return String(Math.round(n));
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-4 || a >= 1e8)) return n.toExponential(precision);
  return n.toFixed(precision);
}

/** A short number for previews: at most `precision` decimals, trailing zeros dropped (0.5000 → 0.5). */
export function compactText(x: JsonNumber, precision: number, dtype: Dtype | null = null): string {
  const s = scalarText(x, precision, dtype);
  if (s.includes('e') || !s.includes('.')) return s;
  return s.replace(/\.?0+$/, '');
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join('×')}]`;
}

/** `[[0.5, -1.2, 3, …]]`: the first elements of the first row, nested as deep as the tensor. */
function elementsText(v: ValueSnapshot, precision: number): string {
  const numel = v.shape.reduce((a, b) => a * b, 1);
  const shown = v.data.slice(0, Math.min(PREVIEW_ELEMENTS, v.shape[v.shape.length - 1] ?? 0));
  const items = shown.map((x) => compactText(x, precision, v.dtype));
  if (numel > shown.length) items.push(ELLIPSIS);
  return `${'['.repeat(v.shape.length)}${items.join(', ')}${']'.repeat(v.shape.length)}`;
}

/** A value in one short piece: `0.8000`, or `[2×3] [[0.5, -1.2, 3, …]]`. */
export function valueText(v: ValueSnapshot, precision: number): string {
  if (v.shape.length === 0) return scalarText(v.data[0] ?? 'NaN', precision, v.dtype);
  return `${shapeText(v.shape)} ${elementsText(v, precision)}`;
}

/** The value without its shape, for a sentence (the hover's `initial … → final …`): `0.8000`, `[[0.5, …]]`. */
export function inlineValueText(v: ValueSnapshot, precision: number): string {
  return v.shape.length === 0 ? valueText(v, precision) : elementsText(v, precision);
}

/** A graph node's value or gradient line (panel, SVG and DOT): '' when there is none. */
export function labelText(v: ValueSnapshot | null | undefined, precision = DEFAULT_PRECISION): string {
  return v ? valueText(v, precision) : '';
}

/** L2 norm of the stored elements (all of them unless the snapshot was truncated). */
export function l2norm(data: readonly JsonNumber[]): number {
  let s = 0;
  for (const x of data) s += toNumber(x) ** 2;
  return Math.sqrt(s);
}

/** `∇ 0.4000` for a scalar; `∇ ‖·‖=0.83` for a tensor (`≈` when only part of it was kept). */
export function gradText(g: ValueSnapshot, precision: number): string {
  if (g.shape.length === 0) return `∇ ${scalarText(g.data[0] ?? 'NaN', precision, g.dtype)}`;
  return `∇ ‖·‖${g.truncated ? '≈' : '='}${compactText(l2norm(g.data), precision)}`;
}

/** Sparkline of the last SPARK_WIDTH values, scaled between their min and max; `·` marks NaN/±Inf. */
export function sparkline(history: readonly JsonNumber[]): string {
  const xs = history.slice(-SPARK_WIDTH).map(toNumber);
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return '·'.repeat(xs.length);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return xs
    .map((x) => {
      if (!Number.isFinite(x)) return '·';
      const t = hi === lo ? 0.5 : (x - lo) / (hi - lo);
      return SPARK[Math.min(SPARK.length - 1, Math.floor(t * SPARK.length))];
    })
    .join('');
}

/** `s` cut to `max` characters, the last one an ellipsis when something was cut. */
export function cut(s: string, max: number): string {
  if (max <= 0) return '';
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + ELLIPSIS;
}
