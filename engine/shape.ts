/** Shape arithmetic: broadcasting, strides, dim normalisation, torch's view-stride rule. */
import { ArgumentError, ShapeError } from './errors';

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function contiguousStrides(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** torch's is_contiguous: size-1 dims may have any stride. */
export function isContiguousStrides(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/** NumPy broadcasting; `op` names the op in the error, like torch's message. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(op, `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** True when `from` broadcasts to `to` (used to check/unbroadcast gradients). */
export function broadcastsTo(from: Shape, to: Shape): boolean {
  if (from.length > to.length) return false;
  const off = to.length - from.length;
  for (let i = 0; i < from.length; i++) if (from[i] !== 1 && from[i] !== to[i + off]) return false;
  return true;
}

/** Strides to read a tensor of `shape` as if broadcast to `out` (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, out: Shape): number[] {
  const st = contiguousStrides(shape);
  const off = out.length - shape.length;
  const r = new Array<number>(out.length).fill(0);
  for (let i = 0; i < shape.length; i++) r[i + off] = shape[i] === 1 ? 0 : st[i];
  return r;
}

/** Normalise a possibly negative dim against `ndim` (torch wraps 0-d as if ndim 1). */
/**
 * The flat offset of every element of `shape`, in row-major order, when it is read with `strides`
 * (0 on a broadcast or reduced dim): the index map behind broadcasting and reductions.
 */
export function stridedOffsets(shape: Shape, strides: readonly number[]): Int32Array {
  const nd = shape.length;
  const res = new Int32Array(numelOf(shape));
  const idx = new Int32Array(nd);
  let o = 0;
  for (let i = 0; i < res.length; i++) {
    res[i] = o;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      o += strides[d];
      if (idx[d] < shape[d]) break;
      o -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return res;
}

/** Dense strides of a keepdim-reduced shape, 0 on its size-1 (reduced) dims. */
export function reducedStrides(keepShape: Shape): number[] {
  const st = new Array<number>(keepShape.length);
  let acc = 1;
  for (let i = keepShape.length - 1; i >= 0; i--) {
    st[i] = keepShape[i] === 1 ? 0 : acc;
    acc *= keepShape[i];
  }
  return st;
}

export function normDim(op: string, dim: number, ndim: number): number {
  const n = ndim === 0 ? 1 : ndim;
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new ArgumentError(op, `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Resolve one -1 in a target shape for view/reshape. */
export function inferShape(op: string, shape: Shape, numel: number): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === -1) {
      if (infer >= 0) throw new ArgumentError(op, 'only one dimension can be inferred');
      infer = i;
    } else if (!Number.isInteger(shape[i]) || shape[i] < 0) {
      throw new ArgumentError(op, `invalid shape dimension ${shape[i]}`);
    } else known *= shape[i];
  }
  const out = shape.slice();
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw new ShapeError(op, `shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new ShapeError(op, `shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
  }
  return out;
}

/**
 * torch's computeStride: the strides a view of `newShape` would have over a tensor with
 * (`oldShape`, `oldStrides`), or null when no view exists (then reshape must copy).
 */
export function viewStrides(oldShape: Shape, oldStrides: readonly number[], newShape: Shape): number[] | null {
  const newStrides = new Array<number>(newShape.length).fill(0);
  if (oldShape.length === 0 || numelOf(oldShape) === 0) return contiguousStrides(newShape);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

export function fmtShape(s: Shape): string {
  return `[${s.join(', ')}]`;
}
