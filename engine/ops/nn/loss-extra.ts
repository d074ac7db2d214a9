/**
 * l1_loss (torch 1.13's composite: abs(input - target), then mean/sum), smooth_l1_loss, huber_loss
 * and binary_cross_entropy (with weight), each with torch's reductions. smooth_l1, huber and
 * binary_cross_entropy have backward kernels (backward-kernel.ts), recorded with createGraph as
 * torch 1.13 records them; all backwards are tensor expressions, so higher derivatives work.
 */
import type { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH } from '../define';
import type { OpDef } from '../define';
import type { Node } from '../../node';
import { backwardKernel } from '../backward-kernel';
import { ArgumentError } from '../../errors';
import { broadcastShapes, numelOf } from '../../shape';
import { T } from './util';
import { divScalar, sub } from '../arith';
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
type KinkFormula = (d: Tensor, beta: number) => Tensor;
/**
 * The derivative of both losses in d = self - target, times go [/ N]: `outside` where |d| >= beta,
 * else `inside` (NaN too). torch's kernels test the outer ranges first, so a NaN difference takes
 * the inner formula (NaN).
 */
function kinkGrad(go: Tensor, x: Tensor, t: Tensor, p: KinkParams, inside: KinkFormula, outside: KinkFormula): Tensor {
  const d = x.sub(t);
  const numel = numelOf(broadcastShapes('loss', x.shape, t.shape));
  return outside(d, p.beta).where(d.abs().ge(p.beta), inside(d, p.beta)).mul(gradScale(go, p.reduction, numel));
}

/**
 * The backward kernel of a kink loss over (grad, self, target), d = self - target: forward
 * kinkGrad; d/dgo = kinkGrad(gg) (summed to go's shape), d/dself = gg go curvature(d) [/ N], where
 * the curvature is the loss' second derivative in d (0 outside the kink), d/dtarget = -that.
 */
function kinkKernel(name: string, inside: KinkFormula, outside: KinkFormula, curvature: (beta: number) => number): OpDef<KinkParams> {
  const kernel: OpDef<KinkParams> = backwardKernel<KinkParams>({
    name, formulas: [`${name.replace('BackwardBackward0', '')}_backward(grad, self, target)`, 'grad * grad_output * (|d| < beta) * curvature [/ N]', '-(that)'], saves: 7,
    compute: ([g, x, t], p) => kinkGrad(T(g), T(x), T(t), p, inside, outside),
    backward: (gg, n) => {
      const go = T(n.input(0)), x = T(n.input(1)), t = T(n.input(2)), p = n.params;
      const d = x.sub(t);
      const numel = numelOf(broadcastShapes('loss', x.shape, t.shape));
      const k = curvature(p.beta);
      const gx = gradScale(gg.mul(go).mul(k).where(d.abs().lt(p.beta), 0), p.reduction, numel);
      return [kinkGrad(gg, x, t, p, inside, outside), gx, n.edge(2) === null ? null : gx.neg()];
    },
  });
  return kernel;
}

/** The loss' gradient for self (kernel over go, self, target) and for target (the same kernel with the two swapped, torch's order). */
function kinkBackward(kernel: OpDef<KinkParams>, g: Tensor, n: Node<KinkParams>): (Tensor | null)[] {
  const x = n.input(0), t = n.input(1);
  return [n.edge(0) === null ? null : run(kernel, [g, x, t], n.params), n.edge(1) === null ? null : run(kernel, [g, t, x], n.params)];
}

// torch's kernel tests d <= -beta first, so with beta = 0 a zero difference gets -1, not sign(0)
export const SmoothL1LossBackward = kinkKernel('SmoothL1LossBackwardBackward0', (d, beta) => (beta === 0 ? d.mul(0) : d.div(beta)), (d, beta) => maskedFill(onesLike(d), d.le(-beta), -1), (beta) => (beta === 0 ? 0 : 1 / beta));
export const HuberLossBackward = kinkKernel('HuberLossBackwardBackward0', (d) => d, (d, beta) => d.sign().mul(beta), () => 1);

/** 0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta. */
export const SmoothL1Loss: OpDef<KinkParams> = defineOp<KinkParams>({
  name: 'SmoothL1LossBackward0', formulas: ['(|d| < beta ? d / beta : sign(d)) * grad [/ N]', 'the same with self and target swapped'], saves: SAVE_BOTH,
  forward: ([x, t], p) => reduceForward('smooth_l1_loss', elementwise('smooth_l1_loss', T(x), T(t), (a, b) => {
    const d = Math.abs(a - b);
    return d < p.beta ? (0.5 * d * d) / p.beta : d - 0.5 * p.beta;
  }), p.reduction),
  backward: (g, n) => kinkBackward(SmoothL1LossBackward, g, n),
});
/** 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta). */
export const HuberLoss: OpDef<KinkParams> = defineOp<KinkParams>({
  name: 'HuberLossBackward0', formulas: ['(|d| < delta ? d : delta * sign(d)) * grad [/ N]', 'the same with self and target swapped'], saves: SAVE_BOTH,
  forward: ([x, t], p) => reduceForward('huber_loss', elementwise('huber_loss', T(x), T(t), (a, b) => {
    const d = Math.abs(a - b);
    return d < p.beta ? 0.5 * d * d : p.beta * (d - 0.5 * p.beta);
  }), p.reduction),
  backward: (g, n) => kinkBackward(HuberLossBackward, g, n),
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
const weighted = (v: Tensor, p: BceParams): Tensor => (p.weight === null ? v : v.mul(p.weight));
/**
 * binary_cross_entropy_backward(go, x, t) = w (x - t) / max((1 - x) x, 1e-12) go [/ N]. With gg the
 * gradient arriving: d/dgo = w (x - t) / ((1 - x) x) gg [/ N] (summed to go's shape),
 * d/dx = w gg go (x² - 2 x t + t) / ((1 - x) x)² [/ N], d/dt = -w gg go / ((1 - x) x) [/ N].
 */
export const BinaryCrossEntropyBackward: OpDef<BceParams> = backwardKernel<BceParams>({
  name: 'BinaryCrossEntropyBackwardBackward0', formulas: ['binary_cross_entropy_backward(grad, self, target, weight)', 'weight * grad * grad_output * (self^2 - 2 * self * target + target) / ((1 - self) * self)^2 [/ N]', '-weight * grad * grad_output / ((1 - self) * self) [/ N]'], saves: 7,
  // torch's binary_cross_entropy_backward: (x - t) / max((1 - x) x, EPSILON)
  compute: ([g, xIn, tIn], p) => {
    const x = T(xIn), t = T(tIn);
    return weighted(x.sub(t).div(sub(1, x).mul(x).clampMin(1e-12)).mul(gradScale(T(g), p.reduction, x.numel())), p);
  },
  backward: (gg, n) => {
    const go = T(n.input(0)), x = T(n.input(1)), t = T(n.input(2)), p = n.params;
    const v = sub(1, x).mul(x);
    const ggo = weighted(gradScale(gg.mul(go), p.reduction, x.numel()), p);
    const gx = ggo.mul(x.mul(x).sub(x.mul(t).mul(2)).add(t)).div(v.mul(v));
    return [weighted(gradScale(x.sub(t).div(v).mul(gg), p.reduction, x.numel()), p), gx, n.edge(2) === null ? null : ggo.div(v).neg()];
  },
});

/**
 * The target's gradient, torch 1.13's binary_cross_entropy_target_backward in its order of
 * primitives: -logit(x) * grad [* weight] [/ N], logit(x) = log(x / (1 - x)); the mean's `/ N` is a
 * division by a number (DivBackward1), so with createGraph the graph ends as torch's does.
 */
function bceTargetGrad(g: Tensor, x: Tensor, p: BceParams): Tensor {
  const t = weighted(x.div(sub(1, x)).log().neg().mul(g), p);
  return p.reduction === 'mean' ? divScalar(t, x.numel()) : t;
}

export const BinaryCrossEntropy: OpDef<BceParams> = defineOp<BceParams>({
  name: 'BinaryCrossEntropyBackward0', formulas: ['binary_cross_entropy_backward(grad, self, target, weight)', '-logit(self) * weight * grad [/ N]'], saves: SAVE_BOTH,
  forward: ([x, t], p) => {
    const loss = elementwise('binary_cross_entropy', T(x), T(t), (a, b) => -(b * clampedLog(a) + (1 - b) * clampedLog(1 - a)));
    const l = p.weight === null ? loss : loss.mul(p.weight.detach());
    return reduceForward('binary_cross_entropy', l, p.reduction);
  },
  backward: (g, n) => {
    const x = T(n.input(0)), t = n.input(1), p = n.params;
    const gx = n.edge(0) === null ? null : run(BinaryCrossEntropyBackward, [g, x, t], p);
    return [gx, n.edge(1) === null ? null : bceTargetGrad(g, x, p)];
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
