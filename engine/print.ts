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
  maxWidth: number;
}

/** A view of a contiguous block: elements [offset, offset + prod(shape)) of data. */
interface Block {
  shape: readonly number[];
  offset: number;
}

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
    const summarize = numel > THRESHOLD;
    const fmt = makeFormat(t.dtype, summarizedValues(t, summarize));
    body = blockStr(t, { shape: t.shape, offset: 0 }, indent, summarize, fmt);
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

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** The i-th sub-block along the first dim. */
function child(b: Block, i: number): Block {
  const inner = b.shape.slice(1);
  return { shape: inner, offset: b.offset + i * sizeOf(inner) };
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

/** The elements the formatter sees (torch's get_summarized_data). */
function summarizedValues(t: PrintableTensor, summarize: boolean): number[] {
  const out: number[] = [];
  const visit = (b: Block): void => {
    if (b.shape.length === 0) {
      out.push(t.data[b.offset]);
      return;
    }
    for (const i of shownIndices(b.shape[0], summarize)) visit(child(b, i));
  };
  visit({ shape: t.shape, offset: 0 });
  return out;
}

/** torch's _Formatter.__init__: choose int mode / sci mode and the column width. */
function makeFormat(dtype: Dtype, values: readonly number[]): ElementFormat {
  const floating = dtype === 'float32' || dtype === 'float64';
  const fmt: ElementFormat = { floating, intMode: true, sciMode: false, maxWidth: 1 };
  if (!floating) {
    for (const v of values) fmt.maxWidth = Math.max(fmt.maxWidth, plainStr(dtype, v).length);
    return fmt;
  }
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0);
  if (finite.length === 0) return fmt;
  const abs = finite.map(Math.abs);
  const min = Math.min(...abs);
  const max = Math.max(...abs);
  fmt.intMode = finite.every((v) => v === Math.ceil(v));
  const wideRange = max / min > 1000 || max > 1e8;
  fmt.sciMode = fmt.intMode ? wideRange : wideRange || min < 1e-4;
  for (const v of finite) {
    const width = fmt.sciMode
      ? formatExponential(v, PRECISION).length
      : fmt.intMode
        ? formatFixed(v, 0).length + 1 // room for the trailing "."
        : formatFixed(v, PRECISION).length;
    fmt.maxWidth = Math.max(fmt.maxWidth, width);
  }
  return fmt;
}

function plainStr(dtype: Dtype, v: number): string {
  if (dtype === 'bool') return v !== 0 ? 'True' : 'False';
  return String(v);
}

/** torch's _Formatter.format: one element, right-aligned to the common width. */
function formatElement(fmt: ElementFormat, dtype: Dtype, v: number): string {
  let s: string;
  if (!fmt.floating) s = plainStr(dtype, v);
  else if (fmt.sciMode) s = formatExponential(v, PRECISION);
  else if (fmt.intMode) s = formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
  else s = formatFixed(v, PRECISION);
  return s.padStart(fmt.maxWidth, ' ');
}

/** torch's _tensor_str_with_formatter: nested brackets, dim-1 blank lines between blocks. */
function blockStr(t: PrintableTensor, b: Block, indent: number, summarize: boolean, fmt: ElementFormat): string {
  const dim = b.shape.length;
  if (dim === 0) return formatElement(fmt, t.dtype, t.data[b.offset]);
  if (dim === 1) return vectorStr(t, b, indent, summarize, fmt);
  const size = b.shape[0];
  const slices: string[] = [];
  const cut = summarize && size > 2 * EDGEITEMS;
  for (const i of shownIndices(size, summarize)) {
    if (cut && i === size - EDGEITEMS) slices.push('...');
    slices.push(blockStr(t, child(b, i), indent + 1, summarize, fmt));
  }
  return `[${slices.join(`,${'\n'.repeat(dim - 1)}${' '.repeat(indent + 1)}`)}]`;
}

/** torch's _vector_str: as many elements per line as fit in linewidth - indent. */
function vectorStr(t: PrintableTensor, b: Block, indent: number, summarize: boolean, fmt: ElementFormat): string {
  const elementLength = fmt.maxWidth + 2;
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / elementLength));
  const size = b.shape[0];
  const cut = summarize && size > 2 * EDGEITEMS;
  const data: string[] = [];
  for (const i of shownIndices(size, summarize)) {
    if (cut && i === size - EDGEITEMS) data.push(' ...');
    data.push(formatElement(fmt, t.dtype, t.data[b.offset + i]));
  }
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
}
