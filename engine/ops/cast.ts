/**
 * Dtype casts as methods: `.float()`, `.double()`, `.bool()`, `.to(dtype)`. A cast between floating
 * dtypes is differentiable (ToCopyBackward0: the gradient is cast back to the input's dtype); a cast
 * to an integer or bool dtype records nothing, as in torch. A cast to the tensor's own dtype
 * returns the tensor itself.
 */
import { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import { DTYPES, isDtype } from '../dtype';
import { defineOp, run } from './define';
import type { Operand } from './define';
import { toDtype } from './convert';
import { ArgumentError } from '../errors';

export interface CastParams {
  dtype: Dtype;
  op: string;
}

export const ToCopy = defineOp<CastParams>({
  name: 'ToCopyBackward0', formulas: ['grad.to(self.dtype)'], saves: 0,
  forward: ([a], p) => toDtype(a as Tensor, p.dtype, p.op),
  // the central gradient fitting (define.ts) casts the gradient to the input's dtype
  backward: (g) => [g],
});

function cast(x: Tensor, dtype: Dtype, op: string): Tensor {
  return x.dtype === dtype ? x : run(ToCopy, [x] as Operand[], { dtype, op });
}

/** `x.to(dtype)` or `x.to(other)` (other's dtype). */
export function to(x: Tensor, target: Dtype | Tensor): Tensor {
  const dtype = target instanceof Tensor ? target.dtype : target;
  if (!isDtype(dtype)) throw new ArgumentError('to', `argument 'dtype' must be one of ${DTYPES.join(', ')} or a tensor, got ${JSON.stringify(target)}`);
  return cast(x, dtype, 'to');
}
export const toFloat = (x: Tensor): Tensor => cast(x, 'float32', 'float');
export const toDouble = (x: Tensor): Tensor => cast(x, 'float64', 'double');
export const toBool = (x: Tensor): Tensor => cast(x, 'bool', 'bool');
