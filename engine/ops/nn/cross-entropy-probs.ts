/**
 * cross_entropy with class probabilities as the target (a floating target of the input's shape), built as
 * torch 1.13's cross_entropy_loss_prob_target builds it, so the graph shows torch's nodes:
 *   logp = log_softmax(input, class dim)
 *   mean: -(logp * target).sum() / (numel / C)   (DivBackward1 <- NegBackward0 <- SumBackward0 <- MulBackward0)
 *   sum:  -(logp * target).sum()
 *   none: -(logp * target).sum(class dim)
 */
import type { Tensor } from '../../tensor';
import { ArgumentError } from '../../errors';
import { divScalar } from '../arith';
import { logSoftmax } from './softmax';
import { reductionOf } from './loss';
import type { NllOptions } from './loss';

export function crossEntropyProbs(input: Tensor, target: Tensor, options?: NllOptions): Tensor {
  if (options?.weight !== undefined && options.weight !== null) throw new ArgumentError('cross_entropy', 'weight together with probability targets is not supported yet');
  if ((options?.ignoreIndex ?? -100) >= 0) throw new ArgumentError('cross_entropy', 'ignore_index is not supported for floating point target');
  const classDim = input.shape.length === 1 ? 0 : 1;
  const reduction = reductionOf('cross_entropy', options);
  const picked = logSoftmax(input, classDim).mul(target);
  if (reduction === 'none') return picked.sum(classDim).neg();
  const total = picked.sum().neg();
  return reduction === 'sum' ? total : divScalar(total, input.numel() / input.shape[classDim]);
}
