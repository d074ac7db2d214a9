/** clamp and where: elementwise, but with parameters (bounds, a condition) the op table does not model. */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import { SAVE_SELF } from './saves';
import type { Operand } from './define';
import { binaryDtype } from './binary';
import type { TensorLike } from './binary';
import { broadcastShapes, broadcastStrides, stridedOffsets } from '../shape';
import { ArgumentError } from '../errors';
import { scalarOp } from './derive';
import { numberResultType } from '../dtype';
import { numberArg } from './operands';
import type { Dtype } from '../dtype';

const T = (x: Operand): Tensor => x as Tensor;

export interface ClampParams {
  min: number | null;
  max: number | null;
}
/** clamp(self, min, max); d/dself = grad where min <= self <= max (inclusive, as torch 1.13). */
export const Clamp = defineOp<ClampParams>({
  name: 'ClampBackward1', formulas: ['grad * (min <= self <= max)'], saves: SAVE_SELF,
  forward: ([a], p) => {
    const x = T(a);
    // torch promotes with the bounds: an integer tensor clamped to 0.5 is float (the default dtype)
    const dtype = [p.min, p.max].reduce<Dtype>((d, v) => (v === null ? d : numberResultType(d, v)), x.dtype);
    const out = Tensor.empty('clamp', x.shape, dtype);
    const lo = p.min ?? -Infinity, hi = p.max ?? Infinity, s = x.dataSync(), o = out.dataSync();
    for (let i = 0; i < s.length; i++) o[i] = s[i] !== s[i] ? s[i] : Math.min(Math.max(s[i], lo), hi);
    return out;
  },
  backward: (g, n) => {
    const x = T(n.input(0));
    const m = Tensor.empty('clamp', x.shape, g.dtype);
    const lo = n.params.min ?? -Infinity, hi = n.params.max ?? Infinity;
    for (let i = 0; i < x.dataSync().length; i++) m.dataSync()[i] = x.dataSync()[i] >= lo && x.dataSync()[i] <= hi ? 1 : 0;
    return [g.mul(m)];
  },
});

/** where(cond, self, other): the gradient goes to self where cond holds, to other elsewhere. */
export const Where = defineOp<Tensor>({
  name: 'WhereBackward0', formulas: ['where(cond, grad, 0)', 'where(cond, 0, grad)'], saves: 0,
  forward: ([a, b], cond) => whereForward(cond, a as TensorLike, b as TensorLike),
  backward: (g, n) => [
    n.edge(0) === null ? null : where(n.params, g, 0),
    n.edge(1) === null ? null : where(n.params, 0, g),
  ],
});

function whereForward(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const sa = typeof a === 'number' ? [] : a.shape, sb = typeof b === 'number' ? [] : b.shape;
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, sa), sb);
  const out = Tensor.empty('where', shape, binaryDtype(a, b, 'same'));
  const ic = offsets(cond.shape, shape), ia = offsets(sa, shape), ib = offsets(sb, shape);
  const da = typeof a === 'number' ? null : a.dataSync(), db = typeof b === 'number' ? null : b.dataSync();
  for (let i = 0; i < out.dataSync().length; i++) {
    out.dataSync()[i] = cond.dataSync()[ic[i]] !== 0 ? (da === null ? (a as number) : da[ia[i]]) : db === null ? (b as number) : db[ib[i]];
  }
  return out;
}

/** Flat source offset of every output element when `shape` is broadcast to `out`. */
function offsets(shape: readonly number[], out: readonly number[]): Int32Array {
  return stridedOffsets(out, broadcastStrides(shape, out));
}

export function clamp(a: Tensor, min?: number | null, max?: number | null): Tensor {
  return run(Clamp, [a], clampBounds('clamp', min, max));
}
/** clamp's and clamp_'s bounds: either may be omitted (null), not both; each a number. */
export function clampBounds(op: string, min?: number | null, max?: number | null): ClampParams {
  const p: ClampParams = { min: min ?? null, max: max ?? null };
  if (p.min === null && p.max === null) throw new ArgumentError(op, 'At least one of \'min\' or \'max\' must not be None');
  if (p.min !== null) numberArg(op, 'min', p.min);
  if (p.max !== null) numberArg(op, 'max', p.max);
  return p;
}
/** where(cond, a, b); either value may be a number (it takes a slot with no gradient edge). */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (cond.dtype !== 'bool') throw new ArgumentError('where', `expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype}`);
  return run(Where, [a, b] as Operand[], cond);
}

/** torch.clamp_min(a, min): max(a, min) elementwise, NaN kept (ClampMinBackward0). */
export function clampMin(a: Tensor, min: number): Tensor {
  return scalarOp('clampMin', a, numberArg('clamp_min', 'min', min));
}
/** torch.clamp_max(a, max): min(a, max) elementwise, NaN kept (ClampMaxBackward0). */
export function clampMax(a: Tensor, max: number): Tensor {
  return scalarOp('clampMax', a, numberArg('clamp_max', 'max', max));
}
