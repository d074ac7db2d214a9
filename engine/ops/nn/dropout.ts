/**
 * dropout(x, p, training) as torch 1.13 computes it on the CPU: x itself when not training or p = 0;
 * else x * mask with mask = bernoulli(1 - p) / (1 - p), drawn from the library's generator (so the
 * graph is one MulBackward0 whose second slot, the mask, needs no gradient); p = 1 multiplies by 0.
 */
import { Tensor } from '../../tensor';
import { ArgumentError } from '../../errors';
import { randomDouble } from '../../random';
import { floatDtype } from './util';

export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new ArgumentError('dropout', `dropout probability has to be between 0 and 1, but got ${String(p)}`);
  if (!training || p === 0 || x.numel() === 0) return x;
  const dtype = floatDtype(x.dtype);
  if (p === 1) return x.mul(Tensor.single('dropout', [], dtype, 0));
  const keep = 1 - p;
  const mask = Tensor.empty('dropout', x.shape, dtype);
  // torch divides the 0/1 draws by (1 - p) converted to the tensor's type
  const scale = 1 / (dtype === 'float32' ? Math.fround(keep) : keep);
  const m = mask.dataSync();
  for (let i = 0; i < m.length; i++) m[i] = randomDouble() < keep ? scale : 0;
  return x.mul(mask);
}
