/**
 * softmax, log_softmax and logsumexp along dims, computed max-shifted like torch.
 * Backward formulas are tensor expressions, so they can be differentiated again (createGraph).
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_OUT, SAVE_SELF } from '../define';
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

/** softmax(self, dim); d/dself = result * (grad - sum(grad * result, dim)) */
export const Softmax = defineOp<number>({
  name: 'SoftmaxBackward0', doc: 'softmax(self, dim); d/dself = result * (grad - (grad * result).sum(dim, keepdim))',
  formulas: ['result * (grad - (grad * result).sum(dim, true))'], saves: SAVE_OUT,
  forward: ([x], dim) => alongAxis(T(x), dim, 'softmax', false),
  backward: (g, n) => {
    const y = n.out!;
    return [y.mul(g.sub(g.mul(y).sum(n.params, true)))];
  },
});

/** log_softmax(self, dim); d/dself = grad - exp(result) * sum(grad, dim) */
export const LogSoftmax = defineOp<number>({
  name: 'LogSoftmaxBackward0', doc: 'log_softmax(self, dim); d/dself = grad - exp(result) * grad.sum(dim, keepdim)',
  formulas: ['grad - result.exp() * grad.sum(dim, true)'], saves: SAVE_OUT,
  forward: ([x], dim) => alongAxis(T(x), dim, 'log_softmax', true),
  backward: (g, n) => [g.sub(n.out!.exp().mul(g.sum(n.params, true)))],
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
