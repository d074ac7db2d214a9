/**
 * gather / scatter / scatterAdd along a dim with an int64 index tensor, as torch 1.13: for every
 * position p of index, the element at p with p[dim] replaced by index[p]. Backward with the same
 * ops (gather's is a scatterAdd into zeros, scatter's src gradient a gather), so createGraph works.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { contiguousStrides, fmtShape, normDim, numelOf } from '../shape';
import { ArgumentError, ShapeError } from '../errors';
import { chargeCompute } from '../limits';

const T = (x: Operand): Tensor => x as Tensor;

export interface ScatterParams { dim: number; index: Tensor }

/**
 * Calls f(target, at) for every position of index: `target` is the flat offset in a tensor of
 * `shape` (dim replaced by the index value), `at` the flat offset of the position in a tensor of
 * `other` shape (src, or the gathered output).
 */
function eachIndexed(op: string, shape: readonly number[], other: readonly number[], p: ScatterParams, f: (target: number, at: number, k: number) => void): void {
  const ish = p.index.shape, ist = contiguousStrides(ish), tst = contiguousStrides(shape), ost = contiguousStrides(other);
  const n = numelOf(ish), size = shape.length === 0 ? 1 : shape[p.dim];
  for (let k = 0; k < n; k++) {
    const v = p.index.dataSync()[k];
    if (v < -size || v >= size) throw new ArgumentError(op, `index ${v} is out of bounds for dimension ${p.dim} with size ${size}`);
    let target = 0, at = 0;
    for (let d = 0; d < ish.length; d++) {
      const c = Math.floor(k / ist[d]) % ish[d];
      target += (d === p.dim ? (v < 0 ? v + size : v) : c) * tst[d];
      at += c * ost[d];
    }
    f(target, at, k);
  }
}

export const Gather: OpDef<ScatterParams> = defineOp<ScatterParams>({
  name: 'GatherBackward0', formulas: ['zeros_like(self).scatter_add(dim, index, grad)'], saves: 0,
  forward: ([a], p) => {
    const x = T(a), out = Tensor.empty('gather', p.index.shape, x.dtype);
    eachIndexed('gather', x.shape, p.index.shape, p, (t, at) => { out.dataSync()[at] = x.dataSync()[t]; });
    return out;
  },
  backward: (g, n) => {
    const x = T(n.input(0));
    return [run(ScatterAdd, [Tensor.empty('gather', x.shape, g.dtype), g], n.params)];
  },
});

/** scatter (src a tensor: ScatterBackward0; a number: ScatterBackward1) and scatter_add. */
function scatterForward(op: string, x: Tensor, src: Tensor | number, p: ScatterParams, add: boolean): Tensor {
  const out = Tensor.empty(op, x.shape, x.dtype);
  out.dataSync().set(x.dataSync());
  const srcShape = typeof src === 'number' ? p.index.shape : src.shape;
  eachIndexed(op, x.shape, srcShape, p, (t, at) => {
    const v = typeof src === 'number' ? src : src.dataSync()[at];
    out.dataSync()[t] = add ? out.dataSync()[t] + v : v;
  });
  return out;
}
/** The gradient with zeros where scatter overwrote self. */
function overwritten(g: Tensor, p: ScatterParams): Tensor {
  return run(ScatterValue, [g], { ...p, value: 0 });
}
export const ScatterSrc: OpDef<ScatterParams> = defineOp<ScatterParams>({
  name: 'ScatterBackward0', formulas: ['grad.scatter(dim, index, 0)', 'grad.gather(dim, index)'], saves: 0,
  forward: ([a, b], p) => scatterForward('scatter', T(a), T(b), p, false),
  backward: (g, n) => [n.edge(0) === null ? null : overwritten(g, n.params), n.edge(1) === null ? null : run(Gather, [g], n.params)],
});
export interface ScatterValueParams extends ScatterParams { value: number }
export const ScatterValue: OpDef<ScatterValueParams> = defineOp<ScatterValueParams>({
  name: 'ScatterBackward1', formulas: ['grad.scatter(dim, index, 0)'], saves: 0,
  forward: ([a], p) => scatterForward('scatter', T(a), p.value, p, false),
  backward: (g, n) => [overwritten(g, n.params)],
});
export const ScatterAdd: OpDef<ScatterParams> = defineOp<ScatterParams>({
  name: 'ScatterAddBackward0', formulas: ['grad', 'grad.gather(dim, index)'], saves: 0,
  forward: ([a, b], p) => scatterForward('scatter_add', T(a), T(b), p, true),
  backward: (g, n) => [n.edge(0) === null ? null : g, n.edge(1) === null ? null : run(Gather, [g], n.params)],
});

/** Checks torch's shape rules: same ndim; index no larger than src (and than self off dim). */
function params(op: string, x: Tensor, dim: number, index: Tensor, src: Tensor | null): ScatterParams {
  if (!(index instanceof Tensor) || index.dtype !== 'int64') throw new ArgumentError(op, `${op}(): Expected dtype int64 for index`);
  if (src !== null && src.dtype !== x.dtype) throw new ArgumentError(op, `${op}(): Expected self.dtype to be equal to src.dtype`);
  const d = normDim(op, dim, x.shape.length);
  const nd = Math.max(x.shape.length, 1);
  if (Math.max(index.shape.length, 1) !== nd || (src !== null && Math.max(src.shape.length, 1) !== nd)) {
    throw new ShapeError(op, 'Index tensor must have the same number of dimensions as input tensor');
  }
  index.shape.forEach((s, i) => {
    if ((i !== d && s > x.shape[i]) || (src !== null && s > src.shape[i])) {
      throw new ShapeError(op, `Size does not match at dimension ${i}: index ${fmtShape(index.shape)}, input ${fmtShape(x.shape)}${src === null ? '' : `, src ${fmtShape(src.shape)}`}`);
    }
  });
  chargeCompute(op, numelOf(index.shape));
  return { dim: d, index: index.detach() };
}

export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  return run(Gather, [x], params('gather', x, dim, index, null));
}
/** A copy of x with src's elements (or a number) written at the indexed positions. */
export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | number): Tensor {
  if (typeof src === 'number') return run(ScatterValue, [x], { ...params('scatter', x, dim, index, null), value: src });
  return run(ScatterSrc, [x, src], params('scatter', x, dim, index, src));
}
/** A copy of x with src's elements added at the indexed positions (repeats add up). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return run(ScatterAdd, [x, src], params('scatter_add', x, dim, index, src));
}
