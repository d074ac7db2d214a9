/**
 * batch_norm's backward as torch 1.13's kernel native_batch_norm_backward(grad, input, weight, ...):
 * with createGraph it records NativeBatchNormBackwardBackward0 over (grad, input, weight, save_mean,
 * save_invstd), the last two never requiring grad. torch's one node with three outputs is one node
 * per gradient here (input, weight, bias), each over those five inputs, as for conv.
 *
 * Notation, per channel (every sum over all dims but 1, M elements): σ = invstd, xc = x - mean,
 * x̂ = xc σ, γ = weight (1 without one), g = the incoming gradient. The kernels' forwards are the
 * first-order formulas; their backwards are torch's batchnorm_double_backward, in which mean and σ
 * are the saved statistics, constants: a third derivative differentiates through xc alone, as
 * torch's does (so it is torch's value, not the exact third derivative in training).
 */
import type { Tensor } from '../../tensor';
import { run } from '../define';
import type { OpDef } from '../define';
import { backwardKernel } from '../backward-kernel';
import { noGrad } from '../../grad-mode';
import { T } from './util';
import type { BatchNormParams } from './batch-norm';
import type { Node } from '../../node';

/** The kernels read grad, input and weight (inputs 0, 1, 2). */
const SAVE_GRAD_INPUT_WEIGHT = 7;

/** A per-channel tensor [C] as [1, C, 1, …] against an input of rank `rank`. */
export function perChannel(t: Tensor, rank: number): Tensor {
  return t.reshape([1, t.shape[0], ...Array<number>(rank - 2).fill(1)]);
}

/** Every dim but the channels. */
const dimsOf = (rank: number): number[] => [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2)];

/** Per channel, [1, C, 1, …]: the batch's mean and invstd in training, the running ones otherwise. */
function statsOf(x: Tensor, p: BatchNormParams): { mean: Tensor; invstd: Tensor } {
  const rank = x.shape.length, dims = dimsOf(rank);
  if (!p.training) return { mean: perChannel(T(p.runningMean), rank), invstd: perChannel(T(p.runningVar), rank).add(p.eps).pow(-0.5) };
  const mean = x.mean(dims, true), xc = x.sub(mean);
  return { mean, invstd: xc.mul(xc).mean(dims, true).add(p.eps).pow(-0.5) };
}

/** What a kernel's backward works with; mean and σ are constants (torch's saved statistics). */
interface Terms {
  g: Tensor;
  w: Tensor | null;
  /** x - mean, recorded (the only way x enters a derivative). */
  xc: Tensor;
  invstd: Tensor;
  dims: number[];
  m: number;
  rank: number;
}

function termsOf(n: Node<BatchNormParams>): Terms {
  const g = T(n.input(0)), x = T(n.input(1)), w = n.input(2) as Tensor | null;
  const rank = x.shape.length, dims = dimsOf(rank);
  const { mean, invstd } = noGrad(() => statsOf(x, n.params));
  return { g, w, xc: x.sub(mean), invstd, dims, m: x.numel() / x.shape[1], rank };
}

/** Σ over every dim but the channels, kept as [1, C, 1, …]. */
const sumK = (t: Tensor, dims: number[]): Tensor => t.sum(dims, true);

/** t γ, γ broadcast against the input (t itself without a weight). */
const timesGamma = (t: Tensor, s: Terms): Tensor => (s.w === null ? t : t.mul(perChannel(s.w, s.rank)));

/**
 * The first-order input gradient in training with γ = 1, as a function of an incoming v:
 * σ/M (M v - Σv - xc σ² Σ(v xc)) = σ (v - mean(v) - x̂ mean(v x̂)).
 */
function trainInputGrad(v: Tensor, s: Terms): Tensor {
  const sig2 = s.invstd.mul(s.invstd);
  return v.mul(s.m).sub(sumK(v, s.dims)).sub(s.xc.mul(sig2).mul(sumK(v.mul(s.xc), s.dims))).mul(s.invstd.div(s.m));
}

/**
 * d/dx of Σ u·dx in training (dx the first-order input gradient), with mean and σ constants, B = Σ:
 * γ σ³/M [xc (B(u) B(g)/M - B(g u) + 3 σ² B(g xc) B(u xc)/M) + B(u xc)(B(g)/M - g) + B(g xc)(B(u)/M - u)].
 */
function trainInputInputGrad(u: Tensor, s: Terms): Tensor {
  const { g, xc, dims, m } = s;
  const sig2 = s.invstd.mul(s.invstd), sig3 = sig2.mul(s.invstd);
  const sumU = sumK(u, dims), sumG = sumK(g, dims), sumUxc = sumK(u.mul(xc), dims), sumGxc = sumK(g.mul(xc), dims);
  const inner = sumU.mul(sumG).div(m).sub(sumK(g.mul(u), dims)).add(sig2.mul(sumGxc).mul(sumUxc).mul(3 / m));
  const t0 = xc.mul(inner);
  const t1 = sumUxc.mul(sumG.div(m).sub(g));
  const t2 = sumGxc.mul(sumU.div(m).sub(u));
  return timesGamma(t0.add(t1).add(t2).mul(sig3.div(m)), s);
}

/** The input gradient: training σ (ĝ - mean(ĝ) - x̂ mean(ĝ x̂)), evaluation ĝ σ, ĝ = grad γ. */
export const BatchNormInputGrad: OpDef<BatchNormParams> = backwardKernel<BatchNormParams>({
  name: 'NativeBatchNormBackwardBackward0',
  formulas: [
    'training: weight * invstd * (grad - mean(grad) - x̂ * mean(grad * x̂)); eval: grad * weight * invstd',
    'training: batchnorm_double_backward gI (mean, invstd constant); eval: 0',
    'training: Σ grad * invstd * (grad_output - mean(grad_output) - x̂ * mean(grad_output * x̂)); eval: Σ grad * grad_output * invstd',
    '0', '0',
  ],
  saves: SAVE_GRAD_INPUT_WEIGHT,
  compute: ([g0, x0, w0], p) => {
    const x = T(x0), w = w0 as Tensor | null, rank = x.shape.length, dims = dimsOf(rank);
    const { mean, invstd } = statsOf(x, p);
    const gh = w === null ? T(g0) : T(g0).mul(perChannel(w, rank));
    if (!p.training) return gh.mul(invstd);
    const xhat = x.sub(mean).mul(invstd);
    return gh.sub(gh.mean(dims, true)).sub(xhat.mul(gh.mul(xhat).mean(dims, true))).mul(invstd);
  },
  backward: (u, n) => {
    const s = termsOf(n), training = n.params.training;
    const dGrad = n.edge(0) === null ? null : training ? timesGamma(trainInputGrad(u, s), s) : timesGamma(u.mul(s.invstd), s);
    const dInput = n.edge(1) === null || !training ? null : trainInputInputGrad(u, s);
    let dWeight: Tensor | null = null;
    if (n.edge(2) !== null && s.w !== null) dWeight = (training ? u.mul(trainInputGrad(s.g, s)) : u.mul(s.g).mul(s.invstd)).sum(s.dims);
    return [dGrad, dInput, dWeight, null, null];
  },
});

/** The weight gradient Σ grad x̂. With v arriving: d/dgrad = v x̂; d/dx = v × (training: trainInputGrad(grad); eval: grad σ) */
export const BatchNormWeightGrad: OpDef<BatchNormParams> = backwardKernel<BatchNormParams>({
  name: 'NativeBatchNormBackwardBackward0',
  formulas: ['grad * x̂', 'training: grad * invstd * (grad_output - mean(grad_output) - x̂ * mean(grad_output * x̂)); eval: grad * grad_output * invstd', '0', '0', '0'],
  saves: SAVE_GRAD_INPUT_WEIGHT,
  compute: ([g0, x0], p) => {
    const x = T(x0), { mean, invstd } = statsOf(x, p);
    return T(g0).mul(x.sub(mean).mul(invstd)).sum(dimsOf(x.shape.length));
  },
  backward: (v, n) => {
    const s = termsOf(n), vc = perChannel(v, s.rank);
    const dGrad = n.edge(0) === null ? null : vc.mul(s.xc).mul(s.invstd);
    const dInput = n.edge(1) === null ? null : n.params.training ? vc.mul(trainInputGrad(s.g, s)) : vc.mul(s.invstd).mul(s.g);
    return [dGrad, dInput, null, null, null];
  },
});

/** The bias gradient Σ grad. d/dgrad = v broadcast over the input */
export const BatchNormBiasGrad: OpDef<BatchNormParams> = backwardKernel<BatchNormParams>({
  name: 'NativeBatchNormBackwardBackward0',
  formulas: ['grad expanded over the input', '0', '0', '0', '0'],
  saves: SAVE_GRAD_INPUT_WEIGHT,
  compute: ([g0]) => {
    const g = T(g0);
    return g.sum(dimsOf(g.shape.length));
  },
  backward: (v, n) => {
    const x = T(n.input(1));
    return [n.edge(0) === null ? null : perChannel(v, x.shape.length).expand(x.shape), null, null, null, null];
  },
});

/** NativeBatchNormBackward0's gradients for input, weight, bias: each a kernel over (grad, input, weight). */
export function batchNormBackward(g: Tensor, x: Tensor, w: Tensor | null, p: BatchNormParams, need: readonly boolean[]): (Tensor | null)[] {
  const inputs = [g, x, w, null, null];
  return [BatchNormInputGrad, BatchNormWeightGrad, BatchNormBiasGrad].map((k, i) => (need[i] ? run(k, inputs, p) : null));
}
