/** Dtype conversion (not recorded in the graph: used for gradients and explicit casts). */
import { Tensor } from '../tensor';
import type { Dtype } from '../dtype';

export function toDtype(t: Tensor, dtype: Dtype): Tensor {
  if (t.dtype === dtype) return t;
  const out = Tensor.empty('to', t.shape, dtype);
  const src = t.data, dst = out.data;
  if (dtype === 'bool') for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
  else if (dtype === 'int64') for (let i = 0; i < src.length; i++) dst[i] = Math.trunc(src[i]);
  else dst.set(src);
  return out;
}
