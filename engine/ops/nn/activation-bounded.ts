/**
 * elu, hardtanh and relu6 (hardtanh(0, 6), recorded as HardtanhBackward0 as in torch 1.13). Their
 * backwards are kernels of their own (backward-kernel.ts): with createGraph they record
 * EluBackwardBackward0 / HardtanhBackwardBackward0 over (grad, self), as torch 1.13 does.
 *
 * Not op-table entries: the table's ops take at most one number parameter and its backward kernels
 * none, while hardtanh has two bounds and elu's kernel carries alpha.
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_OTHER, SAVE_SELF } from '../define';
import type { OpDef } from '../define';
import { ArgumentError } from '../../errors';
import { isFloating } from '../../dtype';
import { backwardKernel } from '../backward-kernel';
import { zerosLike } from '../../creation';
import { T, constantTensor } from './util';

/** out[i] = f(x[i]) in x's dtype. */
function map(op: string, x: Tensor, f: (v: number) => number): Tensor {
  const out = Tensor.empty(op, x.shape, x.dtype);
  const s = x.dataSync(), o = out.dataSync();
  for (let i = 0; i < s.length; i++) o[i] = f(s[i]);
  return out;
}

/** grad * (self > 0 ? 1 : alpha exp(self)), elementwise in torch's order of products. */
function eluGrad(g: Tensor, x: Tensor, alpha: number): Tensor {
  const out = Tensor.empty('elu_backward', g.shape, g.dtype);
  const gs = g.dataSync(), xs = x.dataSync(), o = out.dataSync();
  for (let i = 0; i < o.length; i++) o[i] = xs[i] > 0 ? gs[i] : gs[i] * alpha * Math.exp(xs[i]);
  return out;
}

/**
 * elu_backward(grad, self) = grad where self > 0, else grad * alpha * exp(self) (NaN takes the
 * second branch, so its gradient is NaN, as torch's). Linear in grad; in self:
 * d/dself = elu_backward(gg * grad, self) * (self < 0) (torch's elu_double_backward, zero at 0).
 */
export const EluBackward: OpDef<number> = backwardKernel<number>({
  name: 'EluBackwardBackward0', formulas: ['elu_backward(grad, alpha, scale, input_scale, false, self)', 'elu_backward(grad * grad_output, ..., self) * (self < 0)'], saves: SAVE_OTHER,
  compute: ([g, x], alpha) => eluGrad(T(g), T(x), alpha),
  backward: (gg, n) => {
    const go = T(n.input(0)), x = T(n.input(1));
    const negative = constantTensor('elu', x.shape, go.dtype, (i) => (x.dataSync()[i] < 0 ? 1 : 0));
    return [run(EluBackward, [gg, x], n.params), run(EluBackward, [gg.mul(go), x], n.params).mul(negative)];
  },
});

/** elu(self) = self where self > 0, else alpha (exp(self) - 1) (torch 1.13 computes exp - 1, not expm1). */
export const Elu = defineOp<number>({
  name: 'EluBackward0', formulas: ['elu_backward(grad, alpha, 1, 1, false, self)'], saves: SAVE_SELF,
  forward: ([x], alpha) => map('elu', T(x), (v) => (v > 0 || v !== v ? v : (Math.exp(v) - 1) * alpha)),
  backward: (g, n) => [run(EluBackward, [g, n.input(0)], n.params)],
});

export interface HardtanhParams {
  readonly min: number;
  readonly max: number;
}

/** 1 strictly inside (min, max), else 0 (NaN too: its gradient is 0, as torch's). */
function inside(x: Tensor, p: HardtanhParams, dtype: Tensor['dtype']): Tensor {
  return constantTensor('hardtanh', x.shape, dtype, (i) => (x.dataSync()[i] > p.min && x.dataSync()[i] < p.max ? 1 : 0));
}

/** hardtanh_backward(grad, self) = grad strictly inside (min, max), else 0: linear in grad, flat in self. */
export const HardtanhBackward: OpDef<HardtanhParams> = backwardKernel<HardtanhParams>({
  name: 'HardtanhBackwardBackward0', formulas: ['hardtanh_backward(grad, self, min_val, max_val)', 'zeros_like(self)'], saves: SAVE_OTHER,
  compute: ([g, x], p) => T(g).mul(inside(T(x), p, T(g).dtype)),
  backward: (gg, n) => [run(HardtanhBackward, [gg, n.input(1)], n.params), zerosLike(T(n.input(1)))],
});

/** hardtanh(self) = clamp(self, min, max) (NaN stays NaN). */
export const Hardtanh = defineOp<HardtanhParams>({
  name: 'HardtanhBackward0', formulas: ['hardtanh_backward(grad, self, min_val, max_val)'], saves: SAVE_SELF,
  forward: ([x], p) => map('hardtanh', T(x), (v) => (v < p.min ? p.min : v > p.max ? p.max : v)),
  backward: (g, n) => [run(HardtanhBackward, [g, n.input(0)], n.params)],
});

function finite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new ArgumentError(op, `argument '${name}' must be a number, got ${String(v)}`);
  return v;
}

/** F.elu(input, alpha = 1). */
export function elu(x: Tensor, alpha = 1): Tensor {
  if (!isFloating(x.dtype)) throw new ArgumentError('elu', `"elu" is not implemented for ${x.dtype} tensors`);
  return run(Elu, [x], finite('elu', 'alpha', alpha));
}

/** F.hardtanh(input, minVal = -1, maxVal = 1). */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  const min = finite('hardtanh', 'minVal', minVal), max = finite('hardtanh', 'maxVal', maxVal);
  if (min > max) throw new ArgumentError('hardtanh', `minVal (${min}) cannot be greater than maxVal (${max})`);
  return run(Hardtanh, [x], { min, max });
}

/** F.relu6(input) = hardtanh(input, 0, 6). */
export function relu6(x: Tensor): Tensor {
  return run(Hardtanh, [x], { min: 0, max: 6 });
}
