/**
 * Tests on values: isnan, isinf, isfinite, all, any (bool, never differentiable), nanToNum (NaN and
 * infinities replaced; the gradient passes only where self is finite), allclose (a JavaScript
 * boolean), and F.oneHot (int64 class indices to int64 one-hot rows).
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { isFloating, isInteger } from '../dtype';
import { broadcastShapes, broadcastStrides, stridedOffsets } from '../shape';
import { ArgumentError } from '../errors';
import { chargeCompute } from '../limits';

const T = (x: Operand): Tensor => x as Tensor;

function mask(op: string, x: Tensor, test: (v: number) => boolean): Tensor {
  const out = Tensor.empty(op, x.shape, 'bool');
  for (let i = 0; i < x.dataSync().length; i++) out.dataSync()[i] = test(x.dataSync()[i]) ? 1 : 0;
  return out;
}
export const isnan = (x: Tensor): Tensor => mask('isnan', x, (v) => v !== v);
export const isinf = (x: Tensor): Tensor => mask('isinf', x, (v) => v === Infinity || v === -Infinity);
export const isfinite = (x: Tensor): Tensor => mask('isfinite', x, (v) => Number.isFinite(v));

/**
 * torch.all / torch.any: whether every (some) element is non-zero (NaN counts as non-zero), over all
 * elements or along `dim`; a bool tensor, never differentiable. Counted as non-zeros per row, reusing
 * the sum reduction's dims and keepdim rules.
 */
export function all(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  const nonZero = x.ne(0).sum(dim ?? undefined, keepdim);
  const count = dim === undefined || dim === null ? x.numel() : x.shape[dim < 0 ? dim + x.shape.length : dim];
  return nonZero.eq(count);
}
export function any(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return x.ne(0).sum(dim ?? undefined, keepdim).gt(0);
}

export interface NanToNumOptions {
  nan?: number;
  posinf?: number | null;
  neginf?: number | null;
}
export interface NanFill { nan: number; posinf: number; neginf: number }
/** The largest finite value of a float dtype (torch's defaults for posinf/neginf). */
const FLOAT32_MAX = 3.4028234663852886e38;

export const NanToNum: OpDef<NanFill> = defineOp<NanFill>({
  name: 'NanToNumBackward0', formulas: ['grad * isfinite(self)'], saves: 1,
  forward: ([a], f) => {
    const x = T(a), out = Tensor.empty('nan_to_num', x.shape, x.dtype);
    for (let i = 0; i < x.dataSync().length; i++) {
      const v = x.dataSync()[i];
      out.dataSync()[i] = v !== v ? f.nan : v === Infinity ? f.posinf : v === -Infinity ? f.neginf : v;
    }
    return out;
  },
  backward: (g, n) => {
    const x = T(n.input(0)), m = Tensor.empty('nan_to_num', x.shape, g.dtype);
    for (let i = 0; i < x.dataSync().length; i++) m.dataSync()[i] = Number.isFinite(x.dataSync()[i]) ? 1 : 0;
    return [g.mul(m)];
  },
});
/** torch.nan_to_num(x, nan=0, posinf=max, neginf=-max); integer tensors come back unchanged. */
export function nanToNum(x: Tensor, options: NanToNumOptions = {}): Tensor {
  if (!isFloating(x.dtype)) return x.clone();
  const max = x.dtype === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
  const f = { nan: options.nan ?? 0, posinf: options.posinf ?? max, neginf: options.neginf ?? -max };
  for (const [k, v] of Object.entries(f)) if (typeof v !== 'number') throw new ArgumentError('nan_to_num', `argument '${k}' must be a number`);
  return run(NanToNum, [x], f);
}

export interface AllcloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}
/** |a - b| <= atol + rtol * |b| everywhere (broadcast); NaNs are equal only with equalNan. */
export function allclose(a: Tensor, b: Tensor, options: AllcloseOptions = {}): boolean {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw new ArgumentError('allclose', 'arguments must be tensors');
  const rtol = options.rtol ?? 1e-5, atol = options.atol ?? 1e-8, equalNan = options.equalNan ?? false;
  const shape = broadcastShapes('allclose', a.shape, b.shape);
  const ia = stridedOffsets(shape, broadcastStrides(a.shape, shape)), ib = stridedOffsets(shape, broadcastStrides(b.shape, shape));
  chargeCompute('allclose', ia.length);
  for (let i = 0; i < ia.length; i++) {
    const x = a.dataSync()[ia[i]], y = b.dataSync()[ib[i]];
    if (x !== x || y !== y) {
      if (!(equalNan && x !== x && y !== y)) return false;
    } else if (x !== y && !(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
  }
  return true;
}

/** F.one_hot(t, numClasses = -1): int64 [..., numClasses], numClasses = max + 1 when -1. */
export function oneHot(t: Tensor, numClasses = -1): Tensor {
  if (!(t instanceof Tensor) || t.dtype !== 'int64') throw new ArgumentError('one_hot', 'one_hot is only applicable to index tensor (int64).');
  if (!isInteger(t.dtype)) throw new ArgumentError('one_hot', 'expected an int64 tensor');
  let max = -1;
  for (let i = 0; i < t.dataSync().length; i++) {
    if (t.dataSync()[i] < 0) throw new ArgumentError('one_hot', 'Class values must be non-negative.');
    max = Math.max(max, t.dataSync()[i]);
  }
  const n = numClasses === -1 ? max + 1 : numClasses;
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError('one_hot', `argument 'numClasses' must be -1 or a non-negative integer, got ${numClasses}`);
  if (max >= n) throw new ArgumentError('one_hot', 'Class values must be smaller than num_classes.');
  const out = Tensor.empty('one_hot', [...t.shape, n], 'int64');
  for (let i = 0; i < t.dataSync().length; i++) out.dataSync()[i * n + t.dataSync()[i]] = 1;
  return out;
}
