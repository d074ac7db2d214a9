/**
 * Elementwise kernels. Each op's scalar expression (a key of the frozen table in exprs.ts) is compiled once (at module load) into
 * monomorphic loops: same-shape, tensor-scalar, scalar-tensor and a strided broadcast loop.
 * This keeps the per-element cost at a plain typed-array loop (no call per element).
 */
import type { Storage } from '../dtype';
import type { Shape } from '../shape';
import { exprOf, type ExprId } from './exprs';

export interface BinaryKernel {
  /** The scalar expression in x and y, as a key of the frozen table (deferred ops fuse it: engine/lazy). */
  readonly id: ExprId;
  /** out[i] = f(a[i], b[i]) */
  same(a: Storage, b: Storage, out: Storage, n: number): void;
  /** out[i] = f(a[i], s) */
  right(a: Storage, s: number, out: Storage, n: number): void;
  /** out[i] = f(s, b[i]) */
  left(s: number, b: Storage, out: Storage, n: number): void;
  /** out = f(a, b) over `shape`, reading a and b with (broadcast) strides sa, sb. */
  strided(a: Storage, sa: readonly number[], b: Storage, sb: readonly number[], out: Storage, shape: Shape): void;
  /** f(x, y) on two numbers (single-element tensors). */
  scalar(x: number, y: number): number;
}

export interface UnaryKernel {
  /** The scalar expression in x, as a key of the frozen table. */
  readonly id: ExprId;
  (a: Storage, out: Storage, n: number): void;
  /** f(x) on a number. */
  scalar(x: number): number;
}

/** Compile a binary kernel from the table's expression in `x` and `y`, e.g. 'x * y'. */
export function binaryKernel(id: ExprId): BinaryKernel {
  const expr = exprOf(id);
  const same = new Function('a', 'b', 'out', 'n', `for (let i = 0; i < n; i++) { const x = a[i], y = b[i]; out[i] = ${expr}; }`);
  const right = new Function('a', 'y', 'out', 'n', `for (let i = 0; i < n; i++) { const x = a[i]; out[i] = ${expr}; }`);
  const left = new Function('x', 'b', 'out', 'n', `for (let i = 0; i < n; i++) { const y = b[i]; out[i] = ${expr}; }`);
  const strided = new Function('a', 'sa', 'b', 'sb', 'out', 'shape', `
    const nd = shape.length, n = out.length;
    if (n === 0) return;
    if (nd === 0) { const x = a[0], y = b[0]; out[0] = ${expr}; return; }
    const last = shape[nd - 1], la = sa[nd - 1], lb = sb[nd - 1];
    const idx = new Int32Array(nd);
    let ia = 0, ib = 0, o = 0;
    while (o < n) {
      let pa = ia, pb = ib;
      for (let j = 0; j < last; j++) { const x = a[pa], y = b[pb]; out[o++] = ${expr}; pa += la; pb += lb; }
      for (let d = nd - 2; d >= 0; d--) {
        idx[d]++; ia += sa[d]; ib += sb[d];
        if (idx[d] < shape[d]) break;
        ia -= sa[d] * shape[d]; ib -= sb[d] * shape[d]; idx[d] = 0;
      }
    }`);
  const scalar = new Function('x', 'y', `return ${expr};`);
  return { id, same, right, left, strided, scalar } as BinaryKernel;
}

/** Compile a unary kernel from the table's expression in `x`, e.g. 'Math.exp(x)'. */
export function unaryKernel(id: ExprId): UnaryKernel {
  const expr = exprOf(id);
  const k = new Function('a', 'out', 'n', `for (let i = 0; i < n; i++) { const x = a[i]; out[i] = ${expr}; }`) as UnaryKernel;
  k.scalar = new Function('x', `return ${expr};`) as (x: number) => number;
  (k as { id: ExprId }).id = id;
  return k;
}

/** Copy `src` read with strides `ss` (e.g. a transposed or broadcast view) densely into `out`. */
export function gatherStrided(src: Storage, offset: number, ss: readonly number[], out: Storage, shape: Shape): void {
  const nd = shape.length, n = out.length;
  if (n === 0) return;
  if (nd === 0) {
    out[0] = src[offset];
    return;
  }
  const last = shape[nd - 1], ls = ss[nd - 1];
  const idx = new Int32Array(nd);
  let base = offset, o = 0;
  while (o < n) {
    let p = base;
    for (let j = 0; j < last; j++) {
      out[o++] = src[p];
      p += ls;
    }
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      base += ss[d];
      if (idx[d] < shape[d]) break;
      base -= ss[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** Inverse of gatherStrided: add dense `src` into `dst` at strided positions (used by backward of views). */
export function scatterAddStrided(src: Storage, dst: Storage, offset: number, ds: readonly number[], shape: Shape): void {
  const nd = shape.length, n = src.length;
  if (n === 0) return;
  if (nd === 0) {
    dst[offset] += src[0];
    return;
  }
  const last = shape[nd - 1], ls = ds[nd - 1];
  const idx = new Int32Array(nd);
  let base = offset, o = 0;
  while (o < n) {
    let p = base;
    for (let j = 0; j < last; j++) {
      dst[p] += src[o++];
      p += ls;
    }
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      base += ds[d];
      if (idx[d] < shape[d]) break;
      base -= ds[d] * shape[d];
      idx[d] = 0;
    }
  }
}
