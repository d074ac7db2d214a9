/**
 * Dtype conversion (not recorded in the graph: used for gradients and explicit casts), and the
 * range check every integer result passes (see dtype.ts `integerRangeError`).
 */
import { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import { fitsInt32, integerRangeError, isFloating, isInteger, wrapInt32 } from '../dtype';
import { ArgumentError } from '../errors';

/**
 * One element converted to `dtype`, or an error. Floats truncate toward zero, as torch's casts do;
 * a float whose integer part does not fit the target is undefined behaviour in torch's C++ cast
 * (the result depends on the CPU), so it is refused instead of guessed. Integer to int32 wraps
 * (two's complement), as torch does.
 */
function convertElement(op: string, v: number, from: Dtype, to: Dtype): number {
  if (to === 'bool') return v !== 0 ? 1 : 0;
  if (!isInteger(to)) return v;
  const w = isFloating(from) ? Math.trunc(v) : v;
  const bad = integerRangeError(to, w);
  if (bad !== null) throw new ArgumentError(op, `cannot convert ${from} to ${to}: ${bad}`);
  if (to === 'int32') {
    if (isFloating(from) && !fitsInt32(w)) throw new ArgumentError(op, `cannot convert ${from} value ${v} to int32: it is outside [-2147483648, 2147483647] (PyTorch's result is undefined there)`);
    return wrapInt32(w);
  }
  return w;
}

export function toDtype(t: Tensor, dtype: Dtype, op = 'to'): Tensor {
  if (t.dtype === dtype) return t;
  const out = Tensor.empty(op, t.shape, dtype);
  const src = t.dataSync(), dst = out.dataSync();
  if (isFloating(dtype)) dst.set(src);
  else for (let i = 0; i < src.length; i++) dst[i] = convertElement(op, src[i], t.dtype, dtype);
  return out;
}

/** `x.int()`: int32, never requiring grad (integer tensors cannot). */
export function toInt(t: Tensor): Tensor {
  return t.dtype === 'int32' ? t : toDtype(t, 'int32', 'int');
}

/** `x.long()`: int64, never requiring grad. */
export function toLong(t: Tensor): Tensor {
  return t.dtype === 'int64' ? t : toDtype(t, 'int64', 'long');
}

/**
 * Check (and for int32, wrap) the integer result of an op computed in float64: int64 and int32
 * values must be exact, |v| <= 2^53 - 1, or the op is refused; int32 then wraps like torch's.
 * Returns t (its fresh storage possibly wrapped in place); non-integer results pass unchanged.
 */
export function fitIntegers(op: string, t: Tensor): Tensor {
  const d = t.dtype;
  if (!isInteger(d)) return t;
  const data = t.dataSync();
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const bad = integerRangeError(d, v);
    if (bad !== null) throw new ArgumentError(op, `the ${d} result ${bad}`);
    if (d === 'int32') data[i] = wrapInt32(v);
  }
  return t;
}
