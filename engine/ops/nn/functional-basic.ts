/**
 * F.relu, F.tanh, F.sigmoid (torch.nn.functional's names for the tensor ops: the same nodes,
 * ReluBackward0, TanhBackward0, SigmoidBackward0) and F.normalize, composed as torch 1.13 composes
 * it: input / norm(input, p, dim, keepdim).clampMin(eps).expandAs(input).
 */
import type { Tensor } from '../../tensor';
import { ArgumentError } from '../../errors';
import { tensorInput } from '../operands';
import { relu as reluOp, sigmoid as sigmoidOp, tanh as tanhOp } from '../unary';
import { clampMin } from '../clamp';
import { norm } from '../norm';
import { expand } from '../view';
import { div } from '../arith';

// the tensor ops check their input themselves (operands.ts)
export const relu = (input: Tensor): Tensor => reluOp(input);
export const tanh = (input: Tensor): Tensor => tanhOp(input);
export const sigmoid = (input: Tensor): Tensor => sigmoidOp(input);

/** Lp-normalise along `dim`: each slice divided by its p-norm, at least eps (default p 2, dim 1, eps 1e-12). */
export function normalize(input: Tensor, p = 2, dim = 1, eps = 1e-12): Tensor {
  const x = tensorInput('normalize', input);
  for (const [name, v] of [['p', p], ['dim', dim], ['eps', eps]] as const) {
    if (typeof v !== 'number') throw new ArgumentError('normalize', `argument '${name}' must be a number, got ${typeof v}`);
  }
  return div(x, expand(clampMin(norm(x, p, dim, true), eps), x.shape));
}
