/**
 * layer_norm's backward as torch 1.13 records it with createGraph: native_layer_norm_backward is a
 * kernel of its own, so each first-order gradient's grad_fn is NativeLayerNormBackwardBackward0 over
 * (grad, input, mean, rstd, weight, bias) (mean and rstd are outputs that never require grad: null
 * edges). torch records one node for the three gradients; here it is one node per gradient (input,
 * weight, bias), each over the same six inputs, as conv's kernel does.
 *
 * Per row of the normalised dims (M elements): x̂ = (x - mean) r, r = 1/sqrt(var + eps), and
 * L(v) = r (v - mean(v) - x̂ mean(v x̂)), the input-gradient map (self-adjoint, and L(v) is the
 * derivative of Σ v x̂ in x). The first-order gradients are dx = L(ĝ) with ĝ = grad * weight,
 * dweight = Σ grad x̂, dbias = Σ grad (sums over the leading dims).
 */
import type { Tensor } from '../../tensor';
import { backwardKernel } from '../backward-kernel';
import type { OpDef } from '../define';
import { run } from '../define';
import { sumToShape } from '../reduce';
import { T } from './util';
import { noGrad } from '../../grad-mode';
import type { LayerNormParams } from './layer-norm';

/** Which first-order gradient a kernel node computes: 0 input, 1 weight, 2 bias. */
export type LayerNormGrad = 0 | 1 | 2;
export interface LayerNormKernelParams extends LayerNormParams {
  readonly out: LayerNormGrad;
}

interface Normed {
  readonly xhat: Tensor;
  readonly rstd: Tensor;
}

/** x̂ and r, with tensor ops (the same ops, hence the same values, as the first-order backward had). */
function normed(x: Tensor, p: LayerNormParams): Normed {
  const xc = x.sub(x.mean(p.dims, true));
  const rstd = xc.mul(xc).mean(p.dims, true).add(p.eps).pow(-0.5);
  return { xhat: xc.mul(rstd), rstd };
}

/**
 * x̂ = (x - mean) r with mean and r as constants: torch's double backward reads them as the saved
 * outputs of native_layer_norm, which are not differentiable, so a third derivative reaches x only
 * through the explicit (x - mean) (it is not the exact derivative; it is what torch computes).
 */
function normedFrozen(x: Tensor, p: LayerNormParams): Normed {
  const [mean, rstd] = noGrad(() => {
    const n = normed(x, p);
    return [x.mean(p.dims, true), n.rstd];
  });
  return { xhat: x.sub(mean).mul(rstd), rstd };
}

/** L(v) = r (v - mean(v) - x̂ mean(v x̂)). */
function inputMap(v: Tensor, n: Normed, dims: readonly number[]): Tensor {
  return v.sub(v.mean(dims, true)).sub(n.xhat.mul(v.mul(n.xhat).mean(dims, true))).mul(n.rstd);
}

const scaled = (g: Tensor, w: Tensor | null): Tensor => (w === null ? g : g.mul(w));

/** The first-order gradient `out` (weight and bias ones summed to their shapes). */
function firstOrder(g: Tensor, x: Tensor, w: Tensor | null, b: Tensor | null, p: LayerNormKernelParams): Tensor {
  if (p.out === 2) return sumToShape(g, T(b).shape);
  const n = normed(x, p);
  return p.out === 0 ? inputMap(scaled(g, w), n, p.dims) : sumToShape(g.mul(n.xhat), T(w).shape);
}

/**
 * Second order, u the gradient arriving for the output, a = ĝ, P = mean(u x̂), Q = mean(a x̂), means
 * per row (using dr/dx = -r² x̂ / M and d(Σ v x̂)/dx = L(v)):
 * - from dx = L(a): d/dgrad = weight L(u), d/dweight = Σ grad L(u),
 *   d/dx = -r² x̂ (mean(u a) - mean(u) mean(a) - P Q) - r Q L(u) - r P L(a);
 * - from dweight = Σ grad x̂ (u of the weight's shape): d/dgrad = u x̂, d/dx = L(u grad);
 * - from dbias = Σ grad: d/dgrad = u (broadcast); nothing else.
 * The bias never gets a gradient (derivatives.yaml: `bias: Tensor()`).
 */
function secondOrder(u: Tensor, g: Tensor, x: Tensor, w: Tensor | null, p: LayerNormKernelParams): [Tensor, Tensor | null, Tensor | null] {
  if (p.out === 2) return [u.expand(g.shape), null, null];
  const n = normedFrozen(x, p), dims = p.dims;
  if (p.out === 1) return [u.mul(n.xhat), inputMap(u.mul(g), n, dims), null];
  const a = scaled(g, w), lu = inputMap(u, n, dims);
  const P = u.mul(n.xhat).mean(dims, true), Q = a.mul(n.xhat).mean(dims, true);
  const cov = u.mul(a).mean(dims, true).sub(u.mean(dims, true).mul(a.mean(dims, true))).sub(P.mul(Q));
  const dx = n.xhat.mul(n.rstd.mul(n.rstd)).mul(cov).neg().sub(n.rstd.mul(Q).mul(lu)).sub(n.rstd.mul(P).mul(inputMap(a, n, dims)));
  return [scaled(lu, w), dx, w === null ? null : g.mul(lu)];
}

export const NativeLayerNormBackward: OpDef<LayerNormKernelParams> = backwardKernel<LayerNormKernelParams>({
  name: 'NativeLayerNormBackwardBackward0',
  formulas: ['layer_norm_double_backward: grad', 'layer_norm_double_backward: input', 'mean (not differentiable)', 'rstd (not differentiable)', 'layer_norm_double_backward: weight', 'bias: none'],
  saves: 3,
  compute: ([g, x, , , w, b], p) => firstOrder(T(g), T(x), w as Tensor | null, b as Tensor | null, p),
  backward: (u, node) => {
    const g = T(node.input(0)), x = T(node.input(1)), w = node.input(4) as Tensor | null;
    const [dg, dx, dw] = secondOrder(u, g, x, w, node.params);
    return [node.edge(0) === null ? null : dg, node.edge(1) === null ? null : dx, null, null, node.edge(4) === null ? null : dw, null];
  },
});

/** The first-order gradients of layer_norm, through the kernel (recorded only under createGraph). */
export function layerNormGrads(g: Tensor, x: Tensor, w: Tensor | null, b: Tensor | null, p: LayerNormParams, wanted: readonly boolean[]): (Tensor | null)[] {
  const inputs = [g, x, null, null, w, b];
  return ([0, 1, 2] as const).map((out) => (wanted[out] ? run(NativeLayerNormBackward, inputs, { ...p, out }) : null));
}
