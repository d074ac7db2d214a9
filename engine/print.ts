/**
 * PyTorch's str(tensor) (torch/_tensor_str.py, 1.13) with the default print options:
 * precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode chosen automatically.
 */
import type { Dtype } from './dtype';
import { formatExponential, formatFixed } from './print-decimal';

export interface PrintableTensor {
  shape: readonly number[];
  dtype: Dtype;
  /** Row-major elements; bool as 0/1. */
  data: ArrayLike<number>;
  gradFnName: string | null;
  requiresGrad: boolean;
  isLeaf: boolean;
}

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;

/** How every element of one tensor is rendered (torch's _Formatter). */
interface ElementFormat {
  floating: boolean;
  intMode: boolean;
  sciMode: boolean;
}

/**
 * What the nested printing walks: the shape, and the shown elements already formatted and
 * padded (in the order the walk visits them; `next` is the walk's cursor), so each element is formatted once.
 */
interface Walk {
  shape: readonly number[];
  summarize: boolean;
  cells: string[];
  maxWidth: number;
  next: number;
}

/**
 * Units of work (engine/limits) that printing a tensor of this shape costs: formatting one shown
 * element takes about as long as 500 multiply-adds of a conv (measured: 1-4 µs a cell against ~5 ns
 * a tap). A summarised tensor (over THRESHOLD elements) shows at most 2·EDGEITEMS per dim.
 */
export function printWork(shape: readonly number[]): number {
  const numel = shape.reduce((a, b) => a * b, 1);
  const shown = numel > THRESHOLD ? shape.reduce((a, b) => a * Math.min(b, 2 * EDGEITEMS), 1) : numel;
  return PRINT_UNITS_PER_CELL * shown;
}
const PRINT_UNITS_PER_CELL = 500;

export function formatTensor(t: PrintableTensor, defaultDtype: Dtype): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  const numel = t.shape.reduce((a, b) => a * b, 1);
  let body: string;
  if (numel === 0) {
    // An empty tensor has no elements to infer the dtype from, so any non-default dtype is shown.
    if (t.shape.length !== 1) suffixes.push(`size=${pythonTuple(t.shape)}`);
    if (t.dtype !== defaultDtype) suffixes.push(`dtype=torch.${t.dtype}`);
    body = '[]';
  } else {
    const hasDefaultDtype = t.dtype === defaultDtype || t.dtype === 'int64' || t.dtype === 'bool';
    if (!hasDefaultDtype) suffixes.push(`dtype=torch.${t.dtype}`);
    body = blockStr(prepareWalk(t, numel), 0, indent);
  }
  if (t.gradFnName !== null) suffixes.push(`grad_fn=<${t.gradFnName}>`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent);
}

function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** torch's _add_suffixes: a suffix moves to its own line when the last line would pass linewidth. */
function addSuffixes(str: string, suffixes: readonly string[], indent: number): string {
  const parts = [str];
  // torch computes len - rfind('\n') + 1, which is len + 2 on a single line; kept as is.
  let lastLineLen = str.length - str.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > LINEWIDTH) {
      parts.push(`,\n${' '.repeat(indent)}${suffix}`);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(`, ${suffix}`);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** Row-major strides of a shape. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let n = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = n;
    n *= shape[d];
  }
  return strides;
}

/** Indices along a dim that are shown: all of them, or edgeitems from each end when summarising. */
function shownIndices(size: number, summarize: boolean): number[] {
  const idx: number[] = [];
  if (summarize && size > 2 * EDGEITEMS) {
    for (let i = 0; i < EDGEITEMS; i++) idx.push(i);
    for (let i = size - EDGEITEMS; i < size; i++) idx.push(i);
  } else {
    for (let i = 0; i < size; i++) idx.push(i);
  }
  return idx;
}

/** The elements the formatter sees when summarising (torch's get_summarized_data), in printing order. */
function summarizedValues(t: PrintableTensor, strides: readonly number[]): number[] {
  const out: number[] = [];
  const visit = (dim: number, offset: number): void => {
    if (dim === t.shape.length) {
      out.push(t.data[offset]);
      return;
    }
    for (const i of shownIndices(t.shape[dim], true)) visit(dim + 1, offset + i * strides[dim]);
  };
  visit(0, 0);
  return out;
}

/** Formats the shown elements once and pads them to the common width (torch's _Formatter). */
function prepareWalk(t: PrintableTensor, numel: number): Walk {
  const summarize = numel > THRESHOLD;
  // Unsummarised, every element is shown, in storage order.
  const values: ArrayLike<number> = summarize ? summarizedValues(t, stridesOf(t.shape)) : t.data;
  const count = summarize ? values.length : numel;
  const fmt = makeFormat(t.dtype, values, count);
  const cells = new Array<string>(count);
  // torch's width counts the finite non-zero elements only (a non-float tensor counts all of them).
  let maxWidth = 1;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    const s = formatElement(fmt, t.dtype, v);
    cells[i] = s;
    if ((!fmt.floating || (v !== 0 && Number.isFinite(v))) && s.length > maxWidth) maxWidth = s.length;
  }
  for (let i = 0; i < count; i++) if (cells[i].length < maxWidth) cells[i] = cells[i].padStart(maxWidth, ' ');
  return { shape: t.shape, summarize, cells, maxWidth, next: 0 };
}

/** torch's _Formatter.__init__: choose int mode and sci mode from the finite non-zero elements. */
function makeFormat(dtype: Dtype, values: ArrayLike<number>, count: number): ElementFormat {
  const floating = dtype === 'float32' || dtype === 'float64';
  const fmt: ElementFormat = { floating, intMode: true, sciMode: false };
  if (!floating) return fmt;
  let min = Infinity;
  let max = 0;
  let any = false;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v === 0 || !Number.isFinite(v)) continue;
    any = true;
    const a = Math.abs(v);
    if (a < min) min = a;
    if (a > max) max = a;
    if (v !== Math.ceil(v)) fmt.intMode = false;
  }
  if (!any) return fmt;
  const wideRange = max / min > 1000 || max > 1e8;
  fmt.sciMode = fmt.intMode ? wideRange : wideRange || min < 1e-4;
  return fmt;
}

function plainStr(dtype: Dtype, v: number): string {
  if (dtype === 'bool') return v !== 0 ? 'True' : 'False';
  return String(v);
}

/** torch's _Formatter.format before padding: one element. */
function formatElement(fmt: ElementFormat, dtype: Dtype, v: number): string {
  if (!fmt.floating) return plainStr(dtype, v);
  if (fmt.sciMode) return formatExponential(v, PRECISION);
  if (fmt.intMode) return formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
  return formatFixed(v, PRECISION);
}

/** torch's _tensor_str_with_formatter: nested brackets, dim-1 blank lines between blocks. */
function blockStr(w: Walk, dim: number, indent: number): string {
  const rank = w.shape.length - dim;
  if (rank === 0) return w.cells[w.next++];
  if (rank === 1) return vectorStr(w, dim, indent);
  const size = w.shape[dim];
  const cut = w.summarize && size > 2 * EDGEITEMS;
  const shown = cut ? 2 * EDGEITEMS : size;
  const sep = `,${'\n'.repeat(rank - 1)}${' '.repeat(indent + 1)}`;
  let out = '[';
  for (let k = 0; k < shown; k++) {
    if (k > 0) out += sep;
    if (cut && k === EDGEITEMS) out += '...' + sep;
    out += blockStr(w, dim + 1, indent + 1);
  }
  return out + ']';
}

/** torch's _vector_str: as many elements per line as fit in linewidth - indent (" ..." counts as one). */
function vectorStr(w: Walk, dim: number, indent: number): string {
  const elementLength = w.maxWidth + 2;
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / elementLength));
  const size = w.shape[dim];
  const cut = w.summarize && size > 2 * EDGEITEMS;
  const items = cut ? 2 * EDGEITEMS + 1 : size;
  const lineSep = items > perLine ? `,\n${' '.repeat(indent + 1)}` : '';
  let out = '[';
  for (let j = 0; j < items; j++) {
    if (j > 0) out += j % perLine === 0 ? lineSep : ', ';
    out += cut && j === EDGEITEMS ? ' ...' : w.cells[w.next++];
  }
  return out + ']';
}
