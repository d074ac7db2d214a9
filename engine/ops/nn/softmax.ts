/**
 * softmax, log_softmax and logsumexp along dims, computed max-shifted like torch.
 * softmax's and log_softmax's backwards are kernels (backward-kernel.ts): with createGraph they
 * record SoftmaxBackwardDataBackward0 / LogSoftmaxBackwardDataBackward0 over (grad, result), as
 * torch 1.13's _softmax_backward_data / _log_softmax_backward_data; all backwards are tensor
 * expressions, so they can be differentiated again.
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH, SAVE_OUT, SAVE_SELF } from '../define';
import type { OpDef } from '../define';
import { backwardKernel } from '../backward-kernel';
import { normDim } from '../../shape';
import { T, axisLayout, floatDtype, normDims, reducedIndex, reducedShape, keepdimShape } from './util';

/** Softmax-like pass over one axis: write f(row) into out for every (outer, inner) row. */
function alongAxis(x: Tensor, dim: number, op: string, log: boolean): Tensor {
  const out = Tensor.empty(op, x.shape, floatDtype(x.dtype));
  const { outer, size, inner } = axisLayout(x.shape, dim);
  const s = x.dataSync();
  const o = out.dataSync();
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      const base = a * size * inner + b;
      let max = -Infinity;
      for (let i = 0; i < size; i++) max = Math.max(max, s[base + i * inner]);
      if (max === -Infinity || max !== max) max = 0;
      let sum = 0;
      for (let i = 0; i < size; i++) sum += Math.exp(s[base + i * inner] - max);
      const logSum = Math.log(sum);
      for (let i = 0; i < size; i++) {
        const v = s[base + i * inner] - max;
        o[base + i * inner] = log ? v - logSum : Math.exp(v) / sum;
      }
    }
  }
  return out;
}

/**
 * _softmax_backward_data(go, y, dim) = y * (go - sum(go * y, dim)); with gg the gradient arriving:
 * d/dgo = _softmax_backward_data(gg, y, dim), d/dy = gg * (go - sum(go * y)) - go * sum(gg * y)
 * (torch's softmax_double_backward).
 */
export const SoftmaxBackwardData: OpDef<number> = backwardKernel<number>({
  name: 'SoftmaxBackwardDataBackward0', formulas: ['_softmax_backward_data(grad, output, dim)', 'softmax_double_backward(grad, grad_output, dim, output)'], saves: SAVE_BOTH,
  compute: ([g, y], dim) => T(y).mul(T(g).sub(T(g).mul(T(y)).sum(dim, true))),
  backward: (gg, n) => {
    const go = T(n.input(0)), y = T(n.input(1)), dim = n.params;
    return [run(SoftmaxBackwardData, [gg, y], dim), gg.mul(go.sub(go.mul(y).sum(dim, true))).sub(go.mul(gg.mul(y).sum(dim, true)))];
  },
});

/** softmax(self, dim); d/dself = result * (grad - sum(grad * result, dim)) */
export const Softmax = defineOp<number>({
  name: 'SoftmaxBackward0', doc: 'softmax(self, dim); d/dself = result * (grad - (grad * result).sum(dim, keepdim))',
  formulas: ['result * (grad - (grad * result).sum(dim, true))'], saves: SAVE_OUT,
  forward: ([x], dim) => alongAxis(T(x), dim, 'softmax', false),
  backward: (g, n) => [run(SoftmaxBackwardData, [g, n.out], n.params)],
});

/**
 * _log_softmax_backward_data(go, y, dim) = go - exp(y) * sum(go, dim); with gg the gradient arriving:
 * d/dgo = gg - sum(gg * exp(y), dim) (primitives, as torch), d/dy = -sum(go, dim) * exp(y) * gg.
 */
export const LogSoftmaxBackwardData: OpDef<number> = backwardKernel<number>({
  name: 'LogSoftmaxBackwardDataBackward0', formulas: ['grad - (grad * output.exp()).sum(dim, true)', '-grad_output.sum(dim, true) * output.exp() * grad'], saves: SAVE_BOTH,
  compute: ([g, y], dim) => T(g).sub(T(y).exp().mul(T(g).sum(dim, true))),
  backward: (gg, n) => {
    const go = T(n.input(0)), y = T(n.input(1)), dim = n.params;
    const e = y.exp();
    return [gg.sub(gg.mul(e).sum(dim, true)), go.sum(dim, true).neg().mul(e).mul(gg)];
  },
});

/** log_softmax(self, dim); d/dself = grad - exp(result) * sum(grad, dim) */
export const LogSoftmax = defineOp<number>({
  name: 'LogSoftmaxBackward0', doc: 'log_softmax(self, dim); d/dself = grad - exp(result) * grad.sum(dim, keepdim)',
  formulas: ['grad - result.exp() * grad.sum(dim, true)'], saves: SAVE_OUT,
  forward: ([x], dim) => alongAxis(T(x), dim, 'log_softmax', true),
  backward: (g, n) => [run(LogSoftmaxBackwardData, [g, n.out], n.params)],
});

export interface LogsumexpParams {
  dims: number[];
  keepdim: boolean;
}

function logsumexpForward(x: Tensor, p: LogsumexpParams): Tensor {
  const out = Tensor.empty('logsumexp', reducedShape(x.shape, p.dims, p.keepdim), floatDtype(x.dtype));
  const slot = reducedIndex(x.shape, p.dims);
  const max = new Float64Array(out.dataSync().length).fill(-Infinity);
  const sum = new Float64Array(out.dataSync().length);
  const s = x.dataSync();
  for (let i = 0; i < s.length; i++) max[slot[i]] = Math.max(max[slot[i]], s[i]);
  for (let r = 0; r < max.length; r++) if (!Number.isFinite(max[r])) max[r] = 0; // torch: inf max -> shift by 0
  for (let i = 0; i < s.length; i++) sum[slot[i]] += Math.exp(s[i] - max[slot[i]]);
  for (let r = 0; r < out.dataSync().length; r++) out.dataSync()[r] = Math.log(sum[r]) + max[r];
  return out;
}

/** logsumexp(self, dims); d/dself = grad * exp(self - result) (result and grad broadcast back over dims) */
export const Logsumexp = defineOp<LogsumexpParams>({
  name: 'LogsumexpBackward0', doc: 'log(sum(exp(self), dims)); d/dself = grad * exp(self - result)',
  formulas: ['grad * (self - result).exp()'], saves: SAVE_SELF | SAVE_OUT,
  forward: ([x], p) => logsumexpForward(T(x), p),
  backward: (g, n) => {
    const x = T(n.input(0));
    const kept = keepdimShape(x.shape, n.params.dims);
    const r = n.params.keepdim ? n.out! : n.out!.reshape(kept);
    const gk = n.params.keepdim ? g : g.reshape(kept);
    return [gk.mul(x.sub(r).exp())];
  },
});

export function softmax(x: Tensor, dim: number): Tensor {
  return run(Softmax, [x], normDim('softmax', dim, x.shape.length));
}

export function logSoftmax(x: Tensor, dim: number): Tensor {
  return run(LogSoftmax, [x], normDim('log_softmax', dim, x.shape.length));
}

export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  return run(Logsumexp, [x], { dims: normDims('logsumexp', dim, x.shape.length), keepdim });
}
