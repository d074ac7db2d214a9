/** cat and stack: one node over all inputs; the gradient is cut back into per-input pieces. */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { Operand } from './define';
import { fmtShape, normDim } from '../shape';
import { ArgumentError, ShapeError } from '../errors';
import { promoteTypes } from '../dtype';
import { narrow, select } from './indexing';

export interface JoinParams {
  dim: number;
  /** Size of each input along dim (cat) — stack uses 1 per input. */
  sizes: number[];
}

/** Concatenate dense blocks: out = [x0 | x1 | ...] along dim of `shape`. */
function joinForward(op: string, xs: readonly Tensor[], shape: number[], dim: number, sizes: readonly number[]): Tensor {
  let dtype = xs[0].dtype;
  for (const x of xs) dtype = promoteTypes(dtype, x.dtype);
  const out = Tensor.empty(op, shape, dtype);
  const outer = shape.slice(0, dim).reduce((a, b) => a * b, 1);
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const rowOut = shape[dim] * inner;
  let off = 0;
  for (let k = 0; k < xs.length; k++) {
    const block = sizes[k] * inner, src = xs[k].dataSync();
    for (let o = 0; o < outer; o++) for (let j = 0; j < block; j++) out.dataSync()[o * rowOut + off + j] = src[o * block + j];
    off += block;
  }
  return out;
}

export const Cat = defineOp<JoinParams>({
  name: 'CatBackward0', doc: 'concatenate along dim; d/dinput_i = grad.narrow(dim, offset_i, size_i)', formulas: ['grad.narrow(dim, offset_i, size_i)'], saves: 0,
  forward: (xs, p) => {
    const ts = xs as Tensor[];
    const shape = ts[0].shape.slice();
    shape[p.dim] = p.sizes.reduce((a, b) => a + b, 0);
    return joinForward('cat', ts, shape, p.dim, p.sizes);
  },
  backward: (g, n) => {
    let off = 0;
    return n.params.sizes.map((s, i) => {
      const r = n.edge(i) === null ? null : narrow(g, n.params.dim, off, s);
      off += s;
      return r;
    });
  },
});
export const Stack = defineOp<JoinParams>({
  name: 'StackBackward0', doc: 'stack along a new dim; d/dinput_i = grad.select(dim, i)', formulas: ['grad.select(dim, i)'], saves: 0,
  forward: (xs, p) => {
    const ts = xs as Tensor[];
    const shape = ts[0].shape.slice();
    shape.splice(p.dim, 0, ts.length);
    return joinForward('stack', ts, shape, p.dim, p.sizes);
  },
  backward: (g, n) => n.params.sizes.map((_, i) => (n.edge(i) === null ? null : select(g, n.params.dim, i))),
});

export function cat(xs: readonly Tensor[], dim = 0): Tensor {
  if (xs.length === 0) throw new ArgumentError('cat', 'expected a non-empty list of Tensors');
  const nd = xs[0].shape.length;
  if (nd === 0) throw new ShapeError('cat', 'zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = normDim('cat', dim, nd);
  xs.forEach((x, i) => {
    if (x.shape.length !== nd) throw new ShapeError('cat', `Tensors must have same number of dimensions: got ${nd} and ${x.shape.length}`);
    const j = x.shape.findIndex((s, k) => k !== d && s !== xs[0].shape[k]);
    if (j >= 0) throw new ShapeError('cat', `Sizes of tensors must match except in dimension ${d}. Expected size ${xs[0].shape[j]} but got size ${x.shape[j]} for tensor number ${i} in the list.`);
  });
  return run(Cat, xs.slice() as Operand[], { dim: d, sizes: xs.map((x) => x.shape[d]) });
}
export function stack(xs: readonly Tensor[], dim = 0): Tensor {
  if (xs.length === 0) throw new ArgumentError('stack', 'expected a non-empty list of Tensors');
  const d = normDim('stack', dim, xs[0].shape.length + 1);
  xs.forEach((x, i) => {
    if (x.shape.length !== xs[0].shape.length || x.shape.some((s, j) => s !== xs[0].shape[j])) {
      throw new ShapeError('stack', `stack expects each tensor to be equal size, but got ${fmtShape(xs[0].shape)} at entry 0 and ${fmtShape(x.shape)} at entry ${i}`);
    }
  });
  return run(Stack, xs.slice() as Operand[], { dim: d, sizes: xs.map(() => 1) });
}
