/**
 * cross_entropy with label_smoothing for class-index targets, built as torch 1.13 builds it
 * (cross_entropy_loss_label_smoothing), so the graph shows torch's nodes:
 *   (1 - ls) * nll_loss(logp, target) + smooth * (ls / C),
 *   smooth = -logp.sum(class dim), 0 at ignore_index targets, then mean over the kept rows (or sum).
 * The mean's masked_select is MaskedSelectBackward0, as torch records it.
 */
import { Tensor } from '../../tensor';
import { defineOp, run } from '../define';
import type { OpDef, Operand } from '../define';
import { ArgumentError } from '../../errors';
import { indexPut, indexPut_ } from '../index-put';
import { mulScalar } from '../arith';
import { logSoftmax } from './softmax';
import { nllLoss, reductionOf } from './loss';
import type { NllOptions } from './loss';

const T = (x: Operand): Tensor => x as Tensor;

/** x's elements where the (same-shape) bool mask is true, as a 1-d tensor. */
export const MaskedSelect: OpDef<Tensor> = defineOp<Tensor>({
  name: 'MaskedSelectBackward0', formulas: ['zeros_like(self).masked_scatter(mask, grad)'], saves: 0,
  forward: ([a], mask) => {
    const x = T(a), picked: number[] = [];
    for (let i = 0; i < x.dataSync().length; i++) if (mask.dataSync()[i] !== 0) picked.push(x.dataSync()[i]);
    const out = Tensor.empty('masked_select', [picked.length], x.dtype);
    out.dataSync().set(picked);
    return out;
  },
  backward: (g, n) => [indexPut(Tensor.empty('masked_select', T(n.input(0)).shape, g.dtype), [n.params], g)],
});
function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  return run(MaskedSelect, [x], mask);
}

export interface CrossEntropyOptions extends NllOptions {
  /** Mix the one-hot target with the uniform distribution: (1 - ls) one_hot + ls / C. */
  labelSmoothing?: number;
}

export function crossEntropySmoothed(input: Tensor, target: Tensor, options: CrossEntropyOptions): Tensor {
  const ls = options.labelSmoothing ?? 0;
  if (typeof ls !== 'number' || !(ls >= 0 && ls <= 1)) throw new ArgumentError('cross_entropy', `label_smoothing must be between 0.0 and 1.0. Got: ${String(ls)}`);
  if (target.dtype !== 'int64') throw new ArgumentError('cross_entropy', 'labelSmoothing needs class-index targets (int64); probability targets are not supported yet');
  if (options.weight !== undefined && options.weight !== null) throw new ArgumentError('cross_entropy', 'labelSmoothing together with weight is not supported yet');
  const classDim = input.shape.length === 1 ? 0 : 1;
  const logp = logSoftmax(input, classDim);
  const reduction = reductionOf('cross_entropy', options);
  const ignore = options.ignoreIndex ?? -100;
  const nll = nllLoss(logp, target, options);
  const ignored = target.eq(ignore);
  let smooth = logp.sum(classDim).neg();
  smooth = indexPut_(smooth, [ignored], 0);
  if (reduction === 'mean') smooth = maskedSelect(smooth, ignored.eq(0)).mean();
  else if (reduction === 'sum') smooth = smooth.sum();
  return mulScalar(nll, 1 - ls).add(mulScalar(smooth, ls / input.shape[classDim]));
}
