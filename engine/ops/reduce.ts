/** Reductions: sum mean max/min (full and along a dim) amax argmax var std, and sumToShape. */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import { SAVE_OUT, SAVE_SELF } from './saves';
import type { Operand } from './define';
import { getDefaultDtype, isFloating } from '../dtype';
import type { Shape } from '../shape';
import { ArgumentError } from '../errors';
import * as V from './view';
import { ownedDense } from './view-place';
import { isGradEnabled } from '../grad-mode';
import { isContiguousStrides, numelOf } from '../shape';
import { deferFill, deferSum } from '../lazy/defer';
import { isPending } from '../lazy/materialise';
import { chargeRead, outIndex, reduction } from './reduction';
import type { Reduction } from './reduction';

const T = (x: Operand): Tensor => x as Tensor;

/** Sum over r's dims divided by `divisor` (1 for sum, N for mean: divided, not multiplied by 1/N, like torch). */
function sumForward(x: Tensor, r: Reduction, divisor: number): Tensor {
  const dtype = isFloating(x.dtype) ? x.dtype : divisor === 1 ? 'int64' : getDefaultDtype();
  if (isPending(x) && numelOf(r.outShape) === 1) {
    // a deferred elementwise input: summed inside its fused loop, in the order of the loop below
    const lazy = deferSum(x, divisor, r.outShape);
    if (lazy !== null) return lazy;
  }
  const out = Tensor.empty('sum', r.outShape, dtype);
  const s = x.dataSync();
  if (out.dataSync().length === 1) {
    let acc = 0;
    for (let i = 0; i < s.length; i++) acc += s[i];
    out.dataSync()[0] = acc / divisor;
    return out;
  }
  const acc = new Float64Array(out.dataSync().length);
  const map = outIndex(x.shape, r.keepShape);
  for (let i = 0; i < s.length; i++) acc[map[i]] += s[i];
  for (let i = 0; i < acc.length; i++) out.dataSync()[i] = acc[i] / divisor;
  return out;
}

/** grad (at the reduced shape) broadcast back over the reduced dims: the VJP of a sum. */
function expandBack(g: Tensor, x: Tensor, r: Reduction): Tensor {
  if (g._isSingle() && !isGradEnabled()) {
    const lazy = broadcastScalar(g, x.shape);
    if (lazy !== null) return lazy;
  }
  const k = r.keepdim || g.shape.length === r.keepShape.length ? g : V.reshape(g, r.keepShape);
  const e = V.expand(k, x.shape);
  // without createGraph nothing needs the view: a buffer of its own can take later sums in place
  return isGradEnabled() ? e : ownedDense(e);
}

/**
 * A single-element gradient expanded to `shape` as a deferred broadcast scalar (no array of copies
 * is ever written unless read), with the strides torch's expand gives it (0 on expanded dims).
 */
function broadcastScalar(g: Tensor, shape: Shape): Tensor | null {
  const t = deferFill('expand', g._first(), shape, g.dtype);
  if (t === null) return null;
  const vs = shape.map((s) => (s !== 1 ? 0 : 1));
  t._setTorchStrides(isContiguousStrides(shape, vs) ? null : vs);
  return t;
}

export const SumAll = defineOp<Reduction>({
  name: 'SumBackward0', doc: 'sum of all elements; d/dself = grad broadcast to self', formulas: ['grad.expand(self.sizes())'], saves: 0,
  forward: ([a], r) => sumForward(T(a), r, 1),
  backward: (g, n) => [expandBack(g, T(n.input(0)), n.params)],
});
export const SumDim = defineOp<Reduction>({
  name: 'SumBackward1', doc: 'sum over dims; d/dself = grad unsqueezed and broadcast to self', formulas: ['grad.unsqueeze(dims).expand(self.sizes())'], saves: 0,
  forward: ([a], r) => sumForward(T(a), r, 1),
  backward: (g, n) => [expandBack(g, T(n.input(0)), n.params)],
});
export const MeanAll = defineOp<Reduction>({
  name: 'MeanBackward0', doc: 'mean of all elements; d/dself = grad/N broadcast', formulas: ['grad.expand(self.sizes()) / N'], saves: 0,
  forward: ([a], r) => sumForward(T(a), r, r.count),
  backward: (g, n) => [expandBack(g, T(n.input(0)), n.params).div(n.params.count)],
});
export const MeanDim = defineOp<Reduction>({
  name: 'MeanBackward1', doc: 'mean over dims; d/dself = grad/N broadcast', formulas: ['grad.unsqueeze(dims).expand(self.sizes()) / N'], saves: 0,
  forward: ([a], r) => sumForward(T(a), r, r.count),
  backward: (g, n) => [expandBack(g, T(n.input(0)), n.params).div(n.params.count)],
});

export function sum(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  chargeRead('sum', x);
  const r = reduction('sum', x, dim, keepdim);
  return dim === undefined || dim === null ? run(SumAll, [x], r) : run(SumDim, [x], r);
}
export function mean(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  if (!isFloating(x.dtype)) throw new ArgumentError('mean', `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype}`);
  chargeRead('mean', x);
  const r = reduction('mean', x, dim, keepdim);
  return dim === undefined || dim === null ? run(MeanAll, [x], r) : run(MeanDim, [x], r);
}

/** Gradient of self - mean(self) style reductions: self minus its mean over r, broadcast. */
function centered(x: Tensor, r: Reduction): Tensor {
  return x.sub(x.mean(r.dims, true));
}

export interface VarParams extends Reduction {
  correction: number;
}
export interface VarOptions {
  unbiased?: boolean;
  keepdim?: boolean;
  /** Divide by N - correction (torch's `correction`; overrides unbiased: true is 1, false 0). */
  correction?: number;
}
function varForward(x: Tensor, p: VarParams, sqrt: boolean): Tensor {
  const out = Tensor.empty('var', p.outShape, x.dtype);
  const m = sumForward(x, { ...p, outShape: p.keepShape }, p.count);
  const map = outIndex(x.shape, p.keepShape);
  const acc = new Float64Array(out.dataSync().length);
  for (let i = 0; i < x.dataSync().length; i++) {
    const d = x.dataSync()[i] - m.dataSync()[map[i]];
    acc[map[i]] += d * d;
  }
  const div = Math.max(0, p.count - p.correction);
  for (let i = 0; i < acc.length; i++) out.dataSync()[i] = sqrt ? Math.sqrt(acc[i] / div) : acc[i] / div;
  return out;
}
export const Var = defineOp<VarParams>({
  name: 'VarBackward0', doc: 'variance; d/dself = grad * 2(self - mean)/(N - correction)', formulas: ['grad * 2 * (self - self.mean(dims)) / (N - correction)'], saves: SAVE_SELF,
  forward: ([a], p) => varForward(T(a), p, false),
  backward: (g, n) => {
    const x = T(n.input(0)), p = n.params;
    return [expandBack(g, x, p).mul(centered(x, p)).mul(2 / (p.count - p.correction))];
  },
});
export const Std = defineOp<VarParams>({
  name: 'StdBackward0', doc: 'standard deviation; d/dself = grad * (self - mean)/(result*(N - correction))', formulas: ['grad * (self - self.mean(dims)) / (result * (N - correction))'], saves: SAVE_SELF | SAVE_OUT,
  forward: ([a], p) => varForward(T(a), p, true),
  backward: (g, n) => {
    const x = T(n.input(0)), p = n.params;
    // torch's std_backward: grad / (2 result), set to 0 where result == 0 (a constant input).
    const out = n.out!;
    return [expandBack(g.div(out).where(out.ne(0), 0), x, p).mul(centered(x, p)).div(p.count - p.correction)];
  },
});

/** torch.var(x, dim?, unbiased=true, keepdim=false); `x.var(false)` means unbiased=false over all. */
function varParams(op: string, x: Tensor, dim: number | readonly number[] | boolean | null | undefined, unbiased: boolean | VarOptions | undefined, keepdim: boolean | undefined): VarParams {
  let u = true, k = keepdim ?? false, d: number | readonly number[] | null | undefined, c: number | undefined;
  if (typeof dim === 'boolean') u = dim;
  else d = dim;
  if (typeof unbiased === 'boolean') u = unbiased;
  else if (unbiased) {
    u = unbiased.unbiased ?? u;
    k = unbiased.keepdim ?? k;
    c = unbiased.correction;
    if (c !== undefined && (typeof c !== 'number' || !Number.isInteger(c) || c < 0)) throw new ArgumentError(op, `argument 'correction' must be a non-negative integer, got ${String(c)}`);
  }
  chargeRead(op, x);
  return { ...reduction(op, x, d, k), correction: c ?? (u ? 1 : 0) };
}
export function variance(x: Tensor, dim?: number | readonly number[] | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean): Tensor {
  return run(Var, [x], varParams('var', x, dim, unbiased, keepdim));
}
export function std(x: Tensor, dim?: number | readonly number[] | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean): Tensor {
  return run(Std, [x], varParams('std', x, dim, unbiased, keepdim));
}

/** Sum a (broadcast) gradient back to `shape` (torch's sum_to): sum(dims, keepdim) then view. */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  const lead = g.shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.shape.length; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  let r = dims.length > 0 ? sum(g, dims, true) : g;
  if (lead > 0) r = V.reshape(r, shape);
  return r;
}

export { maxAll, max, min, amax, argmax, MaxAll, MinAll, MaxDim, MinDim, Amax, Amin, amin } from './minmax';
