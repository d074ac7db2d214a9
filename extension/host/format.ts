/**
 * Annotation text for a binding: pure functions (no `vscode`), so plain mocha tests them.
 *   scalar:  `0.8000  ∇ 1.0000`
 *   tensor:  `[2×3] [[0.5, -1.2, 3, …]]  ∇ ‖·‖=0.83`   (the gradient of a tensor as its L2 norm)
 *   loop:    the value followed by a sparkline of `history`, e.g. `0.1250 █▆▄▃▂▁ ×50`
 */
import type { Binding, Dtype, JsonNumber, ValueSnapshot } from '../analysis/trace';
import { expandInstances } from '../analysis/annotation-text';

export interface FormatOptions {
  /** Digits after the decimal point for scalars. */
  precision: number;
  /** Longest annotation; longer text is cut with `…`. */
  maxLength: number;
}

/** The two coloured halves of one annotation: the value (with sparkline) and the gradient. */
export interface AnnotationParts {
  value: string;
  grad: string;
}

const SPARK = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 16;
const PREVIEW_ELEMENTS = 3;
const ELLIPSIS = '…';

export function toNumber(x: JsonNumber): number {
  return typeof x === 'number' ? x : x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : -Infinity;
}

function isIntegral(dtype: Dtype | null): boolean {
  return dtype === 'int64' || dtype === 'int32' || dtype === 'bool';
}

/** A scalar with a fixed number of decimals (PyTorch's style), exponent form when very large or small. */
export function formatScalar(x: number, precision: number, dtype: Dtype | null = null): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (isIntegral(dtype)) return dtype === 'bool' ? String(x !== 0) : String(Math.round(x));
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e8)) return x.toExponential(precision);
  return x.toFixed(precision);
}

/** A short number for previews: at most `precision` decimals, trailing zeros dropped (0.5000 → 0.5). */
export function formatCompact(x: number, precision: number, dtype: Dtype | null = null): string {
  const s = formatScalar(x, precision, dtype);
  if (s.includes('e') || !s.includes('.')) return s;
  return s.replace(/\.?0+$/, '');
}

function shapeText(shape: number[]): string {
  return `[${shape.join('×')}]`;
}

/** `[2×3] [[0.5, -1.2, 3, …]]`: the shape, then the first elements nested as deep as the tensor. */
export function tensorPreview(v: ValueSnapshot, precision: number): string {
  const n = v.shape.reduce((a, b) => a * b, 1);
  const shown = v.data.slice(0, Math.min(PREVIEW_ELEMENTS, v.shape[v.shape.length - 1] ?? 0));
  const items = shown.map((x) => formatCompact(toNumber(x), precision, v.dtype));
  if (n > shown.length) items.push(ELLIPSIS);
  const open = '['.repeat(v.shape.length);
  const close = ']'.repeat(v.shape.length);
  return `${shapeText(v.shape)} ${open}${items.join(', ')}${close}`;
}

/** `0.5` or `[[0.5, -1.2, …]]`: the value without its shape, for a sentence (the hover's initial → final). */
export function inlineValue(v: ValueSnapshot, precision: number): string {
  if (v.shape.length === 0) return formatCompact(toNumber(v.data[0] ?? 'NaN'), precision, v.dtype);
  return tensorPreview(v, precision).slice(shapeText(v.shape).length + 1);
}

export function formatValue(v: ValueSnapshot, precision: number): string {
  if (v.shape.length === 0) return formatScalar(toNumber(v.data[0] ?? 'NaN'), precision, v.dtype);
  return tensorPreview(v, precision);
}

/** L2 norm of the stored elements (all of them unless the snapshot was truncated). */
export function l2norm(data: JsonNumber[]): number {
  let s = 0;
  for (const x of data) s += toNumber(x) ** 2;
  return Math.sqrt(s);
}

export function formatGrad(g: ValueSnapshot, precision: number): string {
  if (g.shape.length === 0) return `∇ ${formatScalar(toNumber(g.data[0] ?? 'NaN'), precision, g.dtype)}`;
  const approx = g.truncated ? '≈' : '=';
  return `∇ ‖·‖${approx}${formatCompact(l2norm(g.data), precision)}`;
}

/** Sparkline of the last SPARK_WIDTH values, scaled between their min and max; `·` marks NaN/±Inf. */
export function sparkline(history: JsonNumber[]): string {
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

/** Marks a value that is the binding's value at the end of the file (a later in-place change made it differ). */
export const FINAL_MARK = 'final';

/**
 * The value a binding shows: its value at the end of the file, marked, when something changed it later (a
 * parameter updated in a loop), so that it agrees with the gradient beside it; else its value when it ran.
 */
function valuePart(b: Binding, precision: number): string {
  const final = b.finalValue ? `${FINAL_MARK} ${formatValue(b.finalValue, precision)}` : b.finalUnknown ? `${FINAL_MARK} ?` : undefined;
  const value = final ?? (b.value ? formatValue(b.value, precision) : '?');
  const history = b.history && b.history.length > 1 ? ` ${sparkline(b.history)} ×${b.iterations}` : '';
  return value + history;
}

export function cut(s: string, max: number): string {
  if (max <= 0) return '';
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + ELLIPSIS;
}

/** `∇ 0.4000`, `∇ ?` when the gradient is not known here (the hover says why), or nothing. */
function gradPart(b: Binding, precision: number): string {
  if (b.grad) return formatGrad(b.grad, precision);
  return b.gradUnknown ? '∇ ?' : '';
}

/**
 * The annotation of one line. Several bindings on one line (destructuring, `a = ..., b = ...`) share it,
 * each prefixed with its name. The whole text (value, two spaces, gradient) is at most `maxLength` long.
 */
export function annotationParts(sites: readonly Binding[], o: FormatOptions): AnnotationParts {
  const bindings = expandInstances(sites);
  if (bindings.length === 0) return { value: '', grad: '' };
  if (bindings.length === 1) {
    const [b] = bindings;
    return fit(valuePart(b, o.precision), gradPart(b, o.precision), o.maxLength);
  }
  const joined = bindings
    .map((b) => `${b.name} ${valuePart(b, o.precision)}${gradPart(b, o.precision) ? ' ' + gradPart(b, o.precision) : ''}`)
    .join('  ');
  return fit(joined, '', o.maxLength);
}

const GAP = '  ';

function fit(value: string, grad: string, maxLength: number): AnnotationParts {
  if (value.length + (grad ? GAP.length + grad.length : 0) <= maxLength) return { value, grad };
  // Not enough room for even one character of the gradient: cut the value and drop the gradient.
  if (!grad || value.length + GAP.length + 1 >= maxLength) return { value: cut(value, maxLength), grad: '' };
  return { value, grad: cut(grad, maxLength - value.length - GAP.length) };
}

/** The annotation as one string, as the editor shows it (value, two spaces, gradient). */
export function annotationText(p: AnnotationParts): string {
  return p.grad ? `${p.value}${GAP}${p.grad}` : p.value;
}
