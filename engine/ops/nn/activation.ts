/**
 * leaky_relu, gelu (exact and tanh), softplus, and erf (which gelu's derivative is built from).
 * leaky_relu, gelu and softplus have backward kernels (backward-kernel.ts): with createGraph their
 * backward records LeakyReluBackwardBackward0 / GeluBackwardBackward0 / SoftplusBackwardBackward0
 * over (grad, self), as torch 1.13 does; the kernels' backwards are tensor expressions, so third
 * and higher derivatives work too.
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH, SAVE_OTHER, SAVE_SELF } from '../define';
import type { OpDef } from '../define';
import { erf as erfScalar } from '../../special';
import { ArgumentError } from '../../errors';
import { T, constantTensor, floatDtype } from './util';
import { backwardKernel } from '../backward-kernel';
import { zerosLike } from '../../creation';
import { mulScalar } from '../arith';

/** out[i] = f(x[i]) in x's float dtype (f is a module-level function: one call site per op). */
function map(op: string, x: Tensor, f: (v: number) => number): Tensor {
  const out = Tensor.empty(op, x.shape, floatDtype(x.dtype));
  const s = x.dataSync(), o = out.dataSync();
  for (let i = 0; i < s.length; i++) o[i] = f(s[i]);
  return out;
}

const SQRT1_2 = Math.SQRT1_2;
/** 1/sqrt(2*pi): the standard normal density at 0. */
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** 2/sqrt(pi): d erf(x)/dx at 0. */
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
/** tanh approximation: gelu(x) ≈ x/2 (1 + tanh(k (x + c x³))), k = sqrt(2/pi). */
const GELU_K = Math.SQRT2 * TWO_OVER_SQRT_PI * 0.5;
const GELU_C = 0.044715;

/** erf(self); d/dself = grad * 2/sqrt(pi) * exp(-self²) */
export const Erf = defineOp({
  name: 'ErfBackward0', doc: 'erf(self); d/dself = grad * 2/sqrt(pi) * exp(-self^2)',
  formulas: ['grad * 2/sqrt(pi) * (-self^2).exp()'], saves: SAVE_SELF,
  forward: ([x]) => map('erf', T(x), erfScalar),
  // torch's order of primitives: (2/sqrt(pi) * exp(-self.pow(2))) * grad, the constant a Scalar (MulBackward1)
  backward: (g, n) => [mulScalar(T(n.input(0)).pow(2).neg().exp(), TWO_OVER_SQRT_PI).mul(g)],
});

/** leaky_relu_backward(grad, self, slope) = grad * (self > 0 ? 1 : slope): linear in grad, piecewise constant in self. */
export const LeakyReluBackward: OpDef<number> = backwardKernel<number>({
  name: 'LeakyReluBackwardBackward0', formulas: ['leaky_relu_backward(grad, self, negative_slope)', 'zeros_like(grad)'], saves: SAVE_OTHER,
  compute: ([g, x], slope) => T(g).mul(constantTensor('leaky_relu', T(x).shape, T(g).dtype, (i) => (T(x).dataSync()[i] > 0 ? 1 : slope))),
  backward: (gg, n) => [run(LeakyReluBackward, [gg, n.input(1)], n.params), zerosLike(T(n.input(1)))],
});

/** leaky_relu(self, slope); d/dself = grad * (self > 0 ? 1 : slope) */
export const LeakyRelu = defineOp<number>({
  name: 'LeakyReluBackward0', doc: 'self > 0 ? self : slope*self; d/dself = grad * (self > 0 ? 1 : slope)',
  formulas: ['grad * (self > 0 ? 1 : negative_slope)'], saves: SAVE_SELF,
  forward: ([x], slope) => map('leaky_relu', T(x), (v) => (v > 0 ? v : v * slope)),
  backward: (g, n) => [run(LeakyReluBackward, [g, n.input(0)], n.params)],
});

export type GeluApproximate = 'none' | 'tanh';

function geluExact(v: number): number {
  return v * 0.5 * (1 + erfScalar(v * SQRT1_2));
}

function geluTanh(v: number): number {
  return 0.5 * v * (1 + Math.tanh(GELU_K * (v + GELU_C * v * v * v)));
}

/** gelu'(x) as a tensor expression of x (differentiable again). */
function geluDerivative(x: Tensor, approximate: GeluApproximate): Tensor {
  if (approximate === 'none') {
    // Φ(x) + x φ(x), Φ(x) = (1 + erf(x/√2))/2, φ(x) = e^{-x²/2}/√(2π)
    const cdf = run(Erf, [x.mul(SQRT1_2)], undefined).add(1).mul(0.5);
    const pdf = x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
    return cdf.add(x.mul(pdf));
  }
  // u = k(x + c x³), t = tanh(u): d/dx [x/2 (1 + t)] = (1 + t)/2 + x/2 (1 - t²) k (1 + 3c x²)
  const x2 = x.mul(x);
  const t = x.add(x2.mul(x).mul(GELU_C)).mul(GELU_K).tanh();
  const du = x2.mul(3 * GELU_C).add(1).mul(GELU_K);
  return t.add(1).mul(0.5).add(x.mul(0.5).mul(t.mul(t).neg().add(1)).mul(du));
}

/** gelu''(x) as a tensor expression of x. */
function geluSecondDerivative(x: Tensor, approximate: GeluApproximate): Tensor {
  const x2 = x.mul(x);
  // exact: d/dx (Φ + x φ) = 2 φ + x φ' = φ (2 - x²)
  if (approximate === 'none') return x2.mul(-0.5).exp().mul(INV_SQRT_2PI).mul(x2.neg().add(2));
  // tanh: with t = tanh(u), u' = k (1 + 3c x²), u'' = 6 k c x, f' = (1 + t)/2 + x/2 (1 - t²) u':
  // f'' = (1 - t²) (u' - x t u'² + x u''/2)
  const t = x.add(x2.mul(x).mul(GELU_C)).mul(GELU_K).tanh();
  const du = x2.mul(3 * GELU_C).add(1).mul(GELU_K);
  const sech2 = t.mul(t).neg().add(1);
  return sech2.mul(du.sub(x.mul(t).mul(du.mul(du))).add(x.mul(x).mul(3 * GELU_C * GELU_K)));
}

/** gelu_backward(grad, self) = grad * gelu'(self); d/dgrad = gelu_backward(gg, self), d/dself = gg * grad * gelu''(self). */
export const GeluBackward: OpDef<GeluApproximate> = backwardKernel<GeluApproximate>({
  name: 'GeluBackwardBackward0', formulas: ['gelu_backward(grad, self, approximate)', 'grad * grad_output * gelu\'\'(self)'], saves: SAVE_BOTH,
  compute: ([g, x], approximate) => T(g).mul(geluDerivative(T(x), approximate)),
  backward: (gg, n) => {
    const go = T(n.input(0)), x = T(n.input(1));
    return [run(GeluBackward, [gg, x], n.params), gg.mul(go).mul(geluSecondDerivative(x, n.params))];
  },
});

/** gelu(self) = self * Φ(self) (or its tanh approximation); d/dself = grad * gelu'(self) */
export const Gelu = defineOp<GeluApproximate>({
  name: 'GeluBackward0', doc: 'self * Φ(self); d/dself = grad * (Φ(self) + self * φ(self))',
  formulas: ['grad * (Φ(self) + self * φ(self))'], saves: SAVE_SELF,
  forward: ([x], approximate) => map('gelu', T(x), approximate === 'none' ? geluExact : geluTanh),
  backward: (g, n) => [run(GeluBackward, [g, n.input(0)], n.params)],
});

export interface SoftplusParams {
  beta: number;
  threshold: number;
}

/** 1 where beta*self is at most the threshold (softplus' smooth part), else 0. */
function belowThreshold(x: Tensor, p: SoftplusParams): Tensor {
  return constantTensor('softplus', x.shape, 'bool', (i) => (x.dataSync()[i] * p.beta > p.threshold ? 0 : 1));
}

/**
 * softplus_backward(grad, self) = grad * sigmoid(beta*self) (grad where beta*self > threshold);
 * d/dgrad = softplus_backward(gg, self), d/dself = gg * grad * beta * s (1 - s) with s = sigmoid(beta*self)
 * where beta*self < threshold, else 0 (torch's softplus_double_backward).
 */
export const SoftplusBackward: OpDef<SoftplusParams> = backwardKernel<SoftplusParams>({
  name: 'SoftplusBackwardBackward0', formulas: ['softplus_backward(grad, self, beta, threshold)', 'grad * grad_output * beta * s * (1 - s) * (beta * self < threshold)'], saves: SAVE_BOTH,
  compute: ([gIn, xIn], p) => {
    const g = T(gIn), x = T(xIn);
    const s = x.mul(p.beta).sigmoid();
    let linear = false;
    for (let i = 0; i < x.dataSync().length && !linear; i++) linear = x.dataSync()[i] * p.beta > p.threshold;
    return linear ? g.mul(s.where(belowThreshold(x, p), 1)) : g.mul(s);
  },
  backward: (gg, n) => {
    const go = T(n.input(0)), x = T(n.input(1)), p = n.params;
    const s = x.mul(p.beta).sigmoid();
    const smooth = constantTensor('softplus', x.shape, 'bool', (i) => (x.dataSync()[i] * p.beta < p.threshold ? 1 : 0));
    return [run(SoftplusBackward, [gg, x], p), gg.mul(go).mul(s.mul(s.neg().add(1))).mul(p.beta).where(smooth, 0)];
  },
});

/** softplus(self) = log1p(exp(beta*self))/beta, or self where beta*self > threshold; d/dself = grad * sigmoid(beta*self) there, grad elsewhere */
export const Softplus = defineOp<SoftplusParams>({
  name: 'SoftplusBackward0', doc: 'log(1 + exp(beta*self))/beta; d/dself = grad * sigmoid(beta*self) (grad where beta*self > threshold)',
  formulas: ['grad * (beta*self > threshold ? 1 : sigmoid(beta*self))'], saves: SAVE_SELF,
  forward: ([x], p) => map('softplus', T(x), (v) => (v * p.beta > p.threshold ? v : Math.log1p(Math.exp(v * p.beta)) / p.beta)),
  backward: (g, n) => [run(SoftplusBackward, [g, n.input(0)], n.params)],
});

export function erf(x: Tensor): Tensor {
  return run(Erf, [x], undefined);
}

export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return run(LeakyRelu, [x], negativeSlope);
}

export function gelu(x: Tensor, options: { approximate?: GeluApproximate } = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') throw new ArgumentError('gelu', `approximate argument must be either none or tanh, got ${String(approximate)}`);
  return run(Gelu, [x], approximate);
}

export function softplus(x: Tensor, options: { beta?: number; threshold?: number } = {}): Tensor {
  return run(Softplus, [x], { beta: options.beta ?? 1, threshold: options.threshold ?? 20 });
}
