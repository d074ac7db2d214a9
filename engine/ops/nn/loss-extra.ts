/**
 * l1_loss (torch 1.13's composite: abs(input - target), then mean/sum), smooth_l1_loss, huber_loss
 * and binary_cross_entropy (with weight), each with torch's reductions. Backwards are tensor
 * expressions linear in grad, so createGraph works.
 */
import type { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH } from '../define';
import type { OpDef } from '../define';
import { ArgumentError } from '../../errors';
import { broadcastShapes, numelOf } from '../../shape';
import { T } from './util';
import { sub } from '../arith';
import { maskedFill } from '../rearrange';
import { onesLike } from '../../creation';
import { elementwise, gradScale, reduceForward, reductionOf } from './loss';
import type { Reduction, ReductionOptions } from './loss';

function reduceComposite(loss: Tensor, r: Reduction): Tensor {
  return r === 'none' ? loss : r === 'sum' ? loss.sum() : loss.mean();
}

/** F.l1Loss: |input - target| reduced (MeanBackward0 <- AbsBackward0 <- SubBackward0, as torch 1.13). */
export function l1Loss(input: Tensor, target: Tensor, options?: ReductionOptions): Tensor {
  return reduceComposite(input.sub(target).abs(), reductionOf('l1_loss', options));
}

export interface KinkParams { reduction: Reduction; beta: number }
/** The derivative of both losses in d = input - target: `outside` where |d| >= beta, else `inside` (NaN too), times scale. */
function kinkGrad(g: Tensor, n: { input(i: number): unknown; params: KinkParams; edge(i: number): unknown }, inside: (d: Tensor) => Tensor, outside: (d: Tensor) => Tensor): (Tensor | null)[] {
  const x = T(n.input(0) as Tensor), t = T(n.input(1) as Tensor);
  const d = x.sub(t);
  const numel = numelOf(broadcastShapes('loss', x.shape, t.shape));
  // torch's kernels test the outer ranges first, so a NaN difference takes the inner formula (NaN)
  const gx = outside(d).where(d.abs().ge(n.params.beta), inside(d)).mul(gradScale(g, n.params.reduction, numel));
  return [gx, n.edge(1) === null ? null : gx.neg()];
}

/** 0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta. */
export const SmoothL1Loss: OpDef<KinkParams> = defineOp<KinkParams>({
  name: 'SmoothL1LossBackward0', formulas: ['(|d| < beta ? d / beta : sign(d)) * grad [/ N]', '-(that)'], saves: SAVE_BOTH,
  forward: ([x, t], p) => reduceForward('smooth_l1_loss', elementwise('smooth_l1_loss', T(x), T(t), (a, b) => {
    const d = Math.abs(a - b);
    return d < p.beta ? (0.5 * d * d) / p.beta : d - 0.5 * p.beta;
  }), p.reduction),
  // torch's kernel tests d <= -beta first, so with beta = 0 a zero difference gets -1, not sign(0)
  backward: (g, n) => kinkGrad(g, n, (d) => (n.params.beta === 0 ? d.mul(0) : d.div(n.params.beta)), (d) => maskedFill(onesLike(d), d.le(-n.params.beta), -1)),
});
/** 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta). */
export const HuberLoss: OpDef<KinkParams> = defineOp<KinkParams>({
  name: 'HuberLossBackward0', formulas: ['(|d| < delta ? d : delta * sign(d)) * grad [/ N]', '-(that)'], saves: SAVE_BOTH,
  forward: ([x, t], p) => reduceForward('huber_loss', elementwise('huber_loss', T(x), T(t), (a, b) => {
    const d = Math.abs(a - b);
    return d < p.beta ? 0.5 * d * d : p.beta * (d - 0.5 * p.beta);
  }), p.reduction),
  backward: (g, n) => kinkGrad(g, n, (d) => d, (d) => d.sign().mul(n.params.beta)),
});

function positive(op: string, name: string, v: unknown, orZero: boolean): number {
  if (typeof v !== 'number' || !(orZero ? v >= 0 : v > 0)) throw new ArgumentError(op, `argument '${name}' must be a ${orZero ? 'non-negative' : 'positive'} number, got ${String(v)}`);
  return v;
}
export interface SmoothL1Options extends ReductionOptions { beta?: number }
export interface HuberOptions extends ReductionOptions { delta?: number }
/** F.smoothL1Loss (beta = 0 is an L1 loss, still recorded as SmoothL1LossBackward0 in torch 1.13). */
export function smoothL1Loss(input: Tensor, target: Tensor, options?: SmoothL1Options): Tensor {
  const beta = positive('smooth_l1_loss', 'beta', options?.beta ?? 1, true);
  return run(SmoothL1Loss, [input, target], { reduction: reductionOf('smooth_l1_loss', options), beta });
}
export function huberLoss(input: Tensor, target: Tensor, options?: HuberOptions): Tensor {
  const delta = positive('huber_loss', 'delta', options?.delta ?? 1, false);
  return run(HuberLoss, [input, target], { reduction: reductionOf('huber_loss', options), beta: delta });
}

export interface BceParams { reduction: Reduction; weight: Tensor | null }
/** torch clamps each log at -100 so that a probability of exactly 0 or 1 gives a finite loss. */
const clampedLog = (v: number): number => Math.max(Math.log(v), -100);
export const BinaryCrossEntropy: OpDef<BceParams> = defineOp<BceParams>({
  name: 'BinaryCrossEntropyBackward0', formulas: ['weight * (self - target) / max((1 - self) * self, 1e-12) * grad [/ N]', '-logit(self) * weight * grad [/ N]'], saves: SAVE_BOTH,
  forward: ([x, t], p) => {
    const loss = elementwise('binary_cross_entropy', T(x), T(t), (a, b) => -(b * clampedLog(a) + (1 - b) * clampedLog(1 - a)));
    const l = p.weight === null ? loss : loss.mul(p.weight.detach());
    return reduceForward('binary_cross_entropy', l, p.reduction);
  },
  backward: (g, n) => {
    const x = T(n.input(0)), t = T(n.input(1)), p = n.params;
    const scale = gradScale(g, p.reduction, x.numel());
    const weighted = (v: Tensor): Tensor => (p.weight === null ? v : v.mul(p.weight));
    // torch's binary_cross_entropy_backward: (x - t) / max((1 - x) x, EPSILON); the target's: -logit(x)
    const gx = weighted(x.sub(t).div(sub(1, x).mul(x).clampMin(1e-12)).mul(scale));
    const gt = n.edge(1) === null ? null : weighted(x.log().sub(sub(1, x).log()).neg().mul(scale));
    return [gx, gt];
  },
});
export interface BceOptions extends ReductionOptions { weight?: Tensor | null }
/** F.binaryCrossEntropy(probabilities, target, { weight, reduction }): inputs must be in [0, 1]. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options?: BceOptions): Tensor {
  for (let i = 0; i < input.dataSync().length; i++) {
    const v = input.dataSync()[i];
    if (!(v >= 0 && v <= 1)) throw new ArgumentError('binary_cross_entropy', 'all elements of input should be between 0 and 1');
  }
  if (target.shape.join() !== input.shape.join()) throw new ArgumentError('binary_cross_entropy', 'Using a target size that is different to the input size is deprecated. Please ensure they have the same size.');
  return run(BinaryCrossEntropy, [input, target], { reduction: reductionOf('binary_cross_entropy', options), weight: options?.weight ?? null });
}
