/**
 * PyTorch getitem (`x[...]`, torch 1.13's applySlicing + at::index) as `x.index(items)`: the list is
 * Python's index tuple. Basic items are applied left to right as graph ops: an int selects
 * (SelectBackward0), a slice slices (SliceBackward0), null adds a dim (UnsqueezeBackward0), '...'
 * skips the dims no other item names, a boolean adds a dim indexed by [0] or [] (torch's bool index).
 * Tensors and arrays (Python lists) are collected per dim and then applied at once by advanced
 * indexing (IndexBackward0, index-plan.ts). Like torch, a tensor item advances one dim even when it
 * is a k-dim boolean mask (the mask covers k dims only in the final index step), so a mask followed
 * by other basic items gives torch's result or torch's error.
 */
import { Tensor } from '../tensor';
import { run } from './define';
import { ArgumentError } from '../errors';
import { alias, unsqueeze } from './view';
import { select, slice } from './indexing';
import { Index } from './advanced';
import { planIndex } from './index-plan';
import { fromFlat } from '../creation';

/** Python's start:stop:step; omitted parts are null/undefined. `{}` is ':'. */
export interface SliceItem {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}
/** A nested JS array of integers or of booleans: Python's list index (an int64 or bool index tensor). */
export type IndexList = readonly (number | boolean | IndexList)[];
/** One getitem entry (see the module comment); null is Python's None (a new axis), not ':'. */
export type IndexItem = number | SliceItem | null | '...' | boolean | Tensor | IndexList;

type Classified =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; slice: SliceItem }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'tensor'; t: Tensor };

const ITEM_HELP = "expected an integer, a slice {start, stop, step}, null (new axis), '...', a boolean, a Tensor, or an array of integers or booleans";

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === null || typeof v !== 'object') return typeof v === 'number' ? String(v) : typeof v;
  return 'an object';
}

/** A JS array index: all integers -> int64, all booleans -> bool, checked (torch converts lists this way). */
function listTensor(list: IndexList, pos: number): Tensor {
  const shape: number[] = [];
  for (let d: unknown = list; Array.isArray(d); d = d[0]) {
    shape.push(d.length);
    if (d.length === 0) break;
  }
  const flat: (number | boolean)[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (Array.isArray(v)) {
      if (v.length !== shape[depth]) throw new ArgumentError('index', `index item ${pos}: a nested array must be rectangular (expected length ${shape[depth]} at depth ${depth}, got ${v.length})`);
      for (const x of v) walk(x, depth + 1);
    } else if (depth !== shape.length) throw new ArgumentError('index', `index item ${pos}: a nested array must be rectangular`);
    else if (typeof v === 'boolean' || (typeof v === 'number' && Number.isSafeInteger(v))) flat.push(v);
    else throw new ArgumentError('index', `index item ${pos}: an array index holds integers or booleans, got ${describe(v)}`);
  };
  walk(list, 0);
  const bools = flat.filter((v) => typeof v === 'boolean').length;
  if (bools > 0 && bools < flat.length) throw new ArgumentError('index', `index item ${pos}: an array index holds either integers or booleans, not both`);
  return fromFlat(flat, shape, { dtype: bools > 0 ? 'bool' : 'int64' });
}

function isSliceItem(v: object): v is SliceItem {
  return Object.keys(v).every((k) => k === 'start' || k === 'stop' || k === 'step');
}

function sliceBound(v: unknown, name: string, pos: number): void {
  if (v !== undefined && v !== null && !Number.isSafeInteger(v)) throw new ArgumentError('index', `index item ${pos}: slice ${name} must be an integer or null, got ${describe(v)}`);
}

function classify(it: unknown, pos: number): Classified {
  if (it === null) return { kind: 'none' };
  if (it === '...') return { kind: 'ellipsis' };
  if (typeof it === 'boolean') return { kind: 'bool', value: it };
  if (typeof it === 'number') {
    if (!Number.isInteger(it)) throw new ArgumentError('index', `only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${it} at item ${pos})`);
    return { kind: 'int', value: it };
  }
  if (it instanceof Tensor) {
    // torch: a 0-dim integer tensor is an int, a 0-dim bool tensor a Python bool
    if (it.shape.length === 0 && (it.dtype === 'int64' || it.dtype === 'int32')) return { kind: 'int', value: it.item() };
    if (it.shape.length === 0 && it.dtype === 'bool') return { kind: 'bool', value: it.item() !== 0 };
    return { kind: 'tensor', t: it };
  }
  if (Array.isArray(it)) return { kind: 'tensor', t: listTensor(it as IndexList, pos) };
  if (typeof it === 'object' && isSliceItem(it)) {
    sliceBound(it.start, 'start', pos);
    sliceBound(it.stop, 'stop', pos);
    sliceBound(it.step, 'step', pos);
    return { kind: 'slice', slice: it };
  }
  throw new ArgumentError('index', `index item ${pos} is not a valid index: ${ITEM_HELP}; got ${describe(it)}`);
}

/** torch's count_specified_dimensions: ints, slices and tensors (a bool mask: its ndim). */
function specifiedDims(items: readonly Classified[]): number {
  let n = 0;
  for (const c of items) {
    if (c.kind === 'int' || c.kind === 'slice') n++;
    else if (c.kind === 'tensor') n += c.t.dtype === 'bool' ? c.t.shape.length : 1;
  }
  return n;
}

/** Slices, selects, new axes and ellipses applied; tensor indices collected per dim of the result. */
function applyBasic(x: Tensor, items: readonly Classified[]): { r: Tensor; indices: (Tensor | null)[] } {
  const specified = specifiedDims(items);
  if (specified > x.shape.length) throw new ArgumentError('index', `too many indices for tensor of dimension ${x.shape.length}`);
  if (items.filter((c) => c.kind === 'ellipsis').length > 1) throw new ArgumentError('index', "an index can only have a single ellipsis ('...')");
  let r = x;
  let dim = 0;
  const indices: (Tensor | null)[] = [];
  const record = (t: Tensor): void => {
    while (indices.length < dim) indices.push(null);
    indices[dim++] = t;
  };
  for (const c of items) {
    if (c.kind === 'int') r = select(r, dim, c.value);
    else if (c.kind === 'slice') {
      const s = c.slice;
      // torch skips a slice that is exactly 0:len:1 (a bare ':' has stop=None, which it records)
      const whole = (s.start ?? 0) === 0 && s.stop === r.shape[dim] && (s.step ?? 1) === 1;
      if (!whole) r = slice(r, dim, s.start, s.stop, s.step ?? 1);
      dim++;
    } else if (c.kind === 'none') r = unsqueeze(r, dim++);
    else if (c.kind === 'ellipsis') dim += x.shape.length - specified;
    else if (c.kind === 'bool') {
      r = unsqueeze(r, dim);
      record(fromFlat(c.value ? [0] : [], [c.value ? 1 : 0], { dtype: 'int64' }));
    } else record(c.t);
  }
  return { r, indices };
}

/**
 * getitem as torch 1.13 records it (module comment). Without tensor indices: the chain of basic
 * ops, or an alias (AliasBackward0) when nothing was recorded. A single item that is not an array
 * is `x[item]`; a single slice is then always recorded, as torch does for `x[a:b]`.
 */
export function index(x: Tensor, idx: readonly IndexItem[] | IndexItem): Tensor {
  if (!Array.isArray(idx)) {
    const c = classify(idx, 0);
    if (c.kind === 'slice') return slice(x, 0, c.slice.start, c.slice.stop, c.slice.step ?? 1);
    if (c.kind === 'int' && x.shape.length === 0) throw new ArgumentError('index', 'invalid index of a 0-dim tensor. Use `tensor.item()` to convert a 0-dim tensor to a number');
    return index(x, [idx as IndexItem]);
  }
  const items = (idx as readonly unknown[]).map((it, i) => classify(it, i));
  const { r, indices } = applyBasic(x, items);
  if (indices.length === 0) return r === x ? alias(x) : r;
  return run(Index, [r], planIndex('index', r, indices));
}
