/**
 * torch.norm(x, p, dim, keepdim) as torch 1.13 records it: one NormBackward1 node for a number p
 * (1, 2, Infinity, -Infinity, or any other), and for 'fro' with dims the composite
 * sqrt(sum(x * x, dim)) (SqrtBackward0 <- SumBackward1 <- MulBackward0). 'fro' without dims is p = 2.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { SAVE_OUT, SAVE_SELF } from './saves';
import { ArgumentError } from '../errors';
import { isFloating } from '../dtype';
import { sum } from './reduce';
import { chargeRead, outIndex, reduction } from './reduction';
import type { Reduction } from './reduction';
import { maskedFill } from './rearrange';
import * as V from './view';

const T = (x: Operand): Tensor => x as Tensor;

export interface NormParams extends Reduction { p: number }

function normForward(x: Tensor, p: NormParams): Tensor {
  const out = Tensor.empty('norm', p.outShape, x.dtype);
  const map = outIndex(x.shape, p.keepShape);
  const acc = new Float64Array(out.dataSync().length).fill(p.p === -Infinity ? Infinity : 0);
  for (let i = 0; i < x.dataSync().length; i++) {
    const a = Math.abs(x.dataSync()[i]), o = map[i];
    if (a !== a) acc[o] = NaN;
    else if (p.p === Infinity) acc[o] = Math.max(acc[o], a);
    else if (p.p === -Infinity) acc[o] = Math.min(acc[o], a);
    else if (p.p === 0) acc[o] += a !== 0 ? 1 : 0;
    else if (p.p === 1) acc[o] += a;
    else if (p.p === 2) acc[o] += a * a;
    else acc[o] += Math.pow(a, p.p);
  }
  for (let i = 0; i < acc.length; i++) {
    const v = acc[i];
    out.dataSync()[i] = p.p === 2 ? Math.sqrt(v) : p.p === 0 || p.p === 1 || !Number.isFinite(p.p) ? v : Math.pow(v, 1 / p.p);
  }
  return out;
}

/** A constant of x's shape (float, g's dtype) from a per-element rule. */
function constant(x: Tensor, dtype: Tensor['dtype'], f: (i: number) => number): Tensor {
  const m = Tensor.empty('norm', x.shape, dtype);
  for (let i = 0; i < x.dataSync().length; i++) m.dataSync()[i] = f(i);
  return m;
}

/** torch 1.13's norm_backward: self_scaled * scale_v, per p. */
function normBackward(g: Tensor, x: Tensor, norm: Tensor, p: NormParams): Tensor {
  const keep = (t: Tensor): Tensor => (p.keepdim || t.shape.length === p.keepShape.length ? t : V.reshape(t, p.keepShape));
  const gk = keep(g), nk = keep(norm);
  const zeroNorm = nk.eq(0);
  if (p.p === 0) return x.mul(0).mul(gk);
  if (p.p === 1) return x.sign().mul(gk);
  if (p.p === 2) return x.mul(maskedFill(gk.div(nk), zeroNorm, 0));
  if (!Number.isFinite(p.p)) {
    // the gradient is shared by the elements whose |x| is the norm (NaN: the NaN elements)
    const map = outIndex(x.shape, p.keepShape), n = norm.dataSync();
    const hit = constant(x, g.dtype, (i) => (Math.abs(x.dataSync()[i]) === n[map[i]] || (x.dataSync()[i] !== x.dataSync()[i] && n[map[i]] !== n[map[i]]) ? 1 : 0));
    const count = Tensor.empty('norm', p.keepShape, g.dtype);
    for (let i = 0; i < hit.dataSync().length; i++) count.dataSync()[map[i]] += hit.dataSync()[i];
    return x.sign().mul(hit).mul(gk.div(count));
  }
  if (p.p < 1) {
    const scaled = x.sign().mul(maskedFill(x.abs().pow(p.p - 1), x.eq(0), 0));
    return scaled.mul(gk.mul(nk.pow(1 - p.p)));
  }
  const scaled = p.p < 2 ? x.sign().mul(x.abs().pow(p.p - 1)) : x.mul(x.abs().pow(p.p - 2));
  return scaled.mul(maskedFill(gk.div(nk.pow(p.p - 1)), zeroNorm, 0));
}

export const Norm: OpDef<NormParams> = defineOp<NormParams>({
  name: 'NormBackward1', formulas: ['norm_backward(grad, self, p, result, dim, keepdim)'], saves: SAVE_SELF | SAVE_OUT,
  forward: ([a], p) => normForward(T(a), p),
  backward: (g, n) => [normBackward(g, T(n.input(0)), n.out!, n.params)],
});

export type NormOrder = number | 'fro';
/** x.norm(p = 2, dim?, keepdim = false): a vector norm over dim (all elements when absent). */
export function norm(x: Tensor, p: NormOrder = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  if (!isFloating(x.dtype)) throw new ArgumentError('norm', `norm(): input dtype should be either floating point or complex. Got ${x.dtype} instead.`);
  if (p !== 'fro' && typeof p !== 'number') throw new ArgumentError('norm', `argument 'p' must be a number or 'fro', got ${JSON.stringify(p)}`);
  chargeRead('norm', x);
  const hasDim = dim !== undefined && dim !== null && !(Array.isArray(dim) && dim.length === 0);
  if (p === 'fro' && hasDim) return sum(x.mul(x), dim, keepdim).sqrt();
  return run(Norm, [x], { ...reduction('norm', x, hasDim ? dim : null, keepdim), p: p === 'fro' ? 2 : p });
}
