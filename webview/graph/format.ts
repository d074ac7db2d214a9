/**
 * Values as the editor shows them (docs/extension.md): a scalar to 4 decimals (`0.8000`), a tensor as its shape and a
 * short preview (`[2×3] [[0.5, -1.2, …]]`). The full PyTorch text stays available for hovers.
 */
import type { JsonNumber, ValueSnapshot } from '../../extension/analysis/trace';

/** How many elements a tensor preview shows before the ellipsis. */
const PREVIEW_ELEMENTS = 3;

function numberText(x: JsonNumber, dtype: ValueSnapshot['dtype'], digits: number): string {
  if (typeof x !== 'number') return x === 'NaN' ? 'nan' : x === 'Infinity' ? 'inf' : '-inf';
  if (dtype === 'bool') return x !== 0 ? 'True' : 'False';
  if (dtype === 'int64' || dtype === 'int32') return String(Math.trunc(x));
  return digits >= 0 ? x.toFixed(digits) : compact(x);
}

/** A short number for previews: up to 4 significant digits, no trailing zeros. */
function compact(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(1);
  return String(Number(x.toPrecision(4)));
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join('×')}]`;
}

/** `[[0.5, -1.2, …]]`: the first elements of the first row, nested as deep as the tensor. */
function preview(v: ValueSnapshot): string {
  const numel = v.shape.reduce((a, b) => a * b, 1);
  const row = v.shape.length === 0 ? 1 : v.shape[v.shape.length - 1];
  const fitsAll = numel <= PREVIEW_ELEMENTS && v.data.length >= numel;
  const shown = fitsAll ? numel : Math.min(row, PREVIEW_ELEMENTS - 1, v.data.length);
  const items = v.data.slice(0, shown).map((x) => numberText(x, v.dtype, -1));
  if (!fitsAll) items.push('…');
  const depth = Math.max(1, v.shape.length);
  return '['.repeat(depth) + items.join(', ') + ']'.repeat(depth);
}

/** The one-line label of a value; '' for none. */
export function formatValue(v: ValueSnapshot | null | undefined): string {
  if (!v) return '';
  if (v.shape.length === 0) return v.data.length > 0 ? numberText(v.data[0], v.dtype, 4) : '?';
  return `${shapeText(v.shape)} ${preview(v)}`;
}
