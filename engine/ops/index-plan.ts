/**
 * PyTorch's advanced indexing (at::index, 1.13) reduced to a plan: for every element of the result,
 * the flat offset of the source element it reads. Index (getitem), IndexBackward0 and index_put all
 * run on the same plan: out[i] = src[offsets[i]], grad_src[offsets[i]] += grad[i],
 * dst[offsets[i]] = values[i].
 *
 * Rules (torch): an index list has one entry per leading dim of the source, null meaning "all of
 * this dim"; entries are int64 or bool tensors; a k-dim bool mask stands for k int64 index tensors
 * (its nonzero() columns) and must match the k dims it covers; all index tensors broadcast to one
 * shape B. When the indexed dims are adjacent the result is dims-before + B + dims-after, otherwise
 * B comes first, followed by the dims not indexed, in order.
 */
import type { Tensor } from '../tensor';
import { ArgumentError, ShapeError } from '../errors';
import { isFloating } from '../dtype';
import { charge } from '../limits';
import { broadcastShapes, contiguousStrides, numelOf, stridedOffsets } from '../shape';
import type { Shape } from '../shape';

/** A user index tensor and its version when it was used: the graph saves it, as torch does. */
export interface SavedIndex {
  readonly t: Tensor;
  readonly v: number;
}

export interface IndexPlan {
  /** Shape of the tensor indexed (after any basic slicing). */
  readonly srcShape: Shape;
  readonly outShape: Shape;
  /** Per result element (row-major), the flat offset of the source element. */
  readonly offsets: Int32Array;
  /** The index tensors as given (masks included), version-checked when backward reads the plan. */
  readonly saved: readonly SavedIndex[];
}

const fmt = (s: Shape): string => `[${s.join(', ')}]`;

/**
 * torch's checkIndexTensorTypes: long or bool only (torch 1.13 refuses int32 index tensors too).
 * JavaScript numbers make float tensors by default, so a float index gets a hint after torch's text.
 */
function checkTypes(op: string, indices: readonly (Tensor | null)[]): void {
  for (const t of indices) {
    if (t === null || t.dtype === 'int64' || t.dtype === 'bool') continue;
    const hint = isFloating(t.dtype) ? ` (got ${t.dtype}: create index tensors with { dtype: 'int64' })` : '';
    throw new ArgumentError(op, `tensors used as indices must be long, byte or bool tensors${hint}`);
  }
}

/** One int64 index per mask dim: the coordinates of the true elements, in row-major order (nonzero). */
function maskColumns(mask: Tensor): Int32Array[] {
  const d = mask.dataSync(), k = mask.shape.length;
  let count = 0;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) count++;
  const cols = Array.from({ length: k }, () => new Int32Array(count));
  const st = contiguousStrides(mask.shape);
  let c = 0;
  for (let i = 0; i < d.length; i++) {
    if (d[i] === 0) continue;
    for (let j = 0, r = i; j < k; j++) {
      cols[j][c] = Math.floor(r / st[j]);
      r %= st[j];
    }
    c++;
  }
  return cols;
}

/** A resolved index: its values (one per element of its shape) and the source dim it indexes. */
interface Resolved {
  values: ArrayLike<number>;
  shape: Shape;
  dim: number;
}

/** torch's expandTensors: masks become index columns (shape-checked), positions become source dims. */
function expand(op: string, src: Shape, indices: readonly (Tensor | null)[]): Resolved[] {
  const out: Resolved[] = [];
  let dim = 0;
  for (const t of indices) {
    if (t === null) {
      dim++;
      continue;
    }
    if (t.dtype !== 'bool') {
      out.push({ values: t.dataSync(), shape: t.shape, dim: dim++ });
      continue;
    }
    if (t.shape.length === 0) throw new ArgumentError(op, 'a 0-dim boolean index is only supported by getitem (index); use a 1-dim mask here');
    for (let j = 0; j < t.shape.length; j++) {
      const srcIdx = dim + j;
      if (srcIdx >= src.length) throw new ArgumentError(op, `too many indices for tensor of dimension ${src.length}`);
      if (t.shape[j] !== src[srcIdx]) {
        throw new ArgumentError(op, `The shape of the mask ${fmt(t.shape)} at index ${j} does not match the shape of the indexed tensor ${fmt(src)} at index ${srcIdx}`);
      }
    }
    for (const col of maskColumns(t)) out.push({ values: col, shape: [col.length], dim: dim++ });
  }
  return out;
}

/** B: the broadcast shape of all index tensors, with torch's message when they do not broadcast. */
function broadcastAll(op: string, rs: readonly Resolved[]): number[] {
  let b: number[] = [];
  try {
    for (const r of rs) b = broadcastShapes(op, b, r.shape);
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    throw new ShapeError(op, `shape mismatch: indexing tensors could not be broadcast together with shapes ${rs.map((r) => fmt(r.shape)).join(', ')}`);
  }
  return b;
}

/**
 * Per element of B, the summed source offset of all index tensors, each normalised (negative from
 * the end) and bounds-checked. torch names the position of the index tensor among the index
 * tensors as its "dimension" (so x[:, t] reports dimension 0), and this text does too.
 */
function indexOffsets(op: string, src: Shape, rs: readonly Resolved[], b: Shape): Float64Array {
  const n = numelOf(b);
  const out = new Float64Array(n);
  const srcStrides = contiguousStrides(src);
  rs.forEach((r, k) => {
    const size = src[r.dim];
    const pad = b.length - r.shape.length;
    const st = contiguousStrides(r.shape).map((s, i) => (r.shape[i] === 1 ? 0 : s));
    const reads = stridedOffsets(b, [...new Array<number>(pad).fill(0), ...st]);
    for (let i = 0; i < n; i++) {
      const v = r.values[reads[i]];
      if (!(v >= -size && v < size)) throw new ArgumentError(op, `index ${v} is out of bounds for dimension ${k} with size ${size}`);
      out[i] += (v < 0 ? v + size : v) * srcStrides[r.dim];
    }
  });
  return out;
}

/** Offsets of the dims in `dims` (source dims, in this order) over their own sub-shape. */
function restOffsets(src: Shape, dims: readonly number[]): { shape: number[]; offsets: Int32Array } {
  const st = contiguousStrides(src);
  const shape = dims.map((d) => src[d]);
  return { shape, offsets: stridedOffsets(shape, dims.map((d) => st[d])) };
}

/** The plan of `src[indices]`; `indices` has at most src.ndim entries (null = a whole dim). */
export function planIndex(op: string, src: Tensor, indices: readonly (Tensor | null)[]): IndexPlan {
  checkTypes(op, indices);
  const shape = src.shape;
  const rs = expand(op, shape, indices);
  if (rs.length === 0) throw new ArgumentError(op, 'expected at least one index tensor');
  const b = broadcastAll(op, rs);
  const dims = rs.map((r) => r.dim);
  const adjacent = dims.every((d, i) => i === 0 || d === dims[i - 1] + 1);
  const rest = shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const before = adjacent ? rest.filter((d) => d < dims[0]) : [];
  const after = adjacent ? rest.filter((d) => d > dims[0]) : rest;
  const pre = restOffsets(shape, before), post = restOffsets(shape, after);
  const outShape = [...pre.shape, ...b, ...post.shape];
  // the plan holds one offset per result element: charged to the element budget before allocating
  charge(op, numelOf(outShape));
  const offsets = new Int32Array(numelOf(outShape));
  // torch checks bounds only while producing elements: an empty result checks nothing
  const bOff = offsets.length === 0 ? new Float64Array(0) : indexOffsets(op, shape, rs, b);
  let o = 0;
  for (let i = 0; i < pre.offsets.length; i++) {
    for (let j = 0; j < bOff.length; j++) {
      const base = pre.offsets[i] + bOff[j];
      for (let k = 0; k < post.offsets.length; k++) offsets[o++] = base + post.offsets[k];
    }
  }
  const saved = indices.filter((t): t is Tensor => t !== null).map((t) => ({ t, v: t._version }));
  return { srcShape: shape, outShape, offsets, saved };
}
