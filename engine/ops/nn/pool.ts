/**
 * max_pool2d, avg_pool2d and adaptive_avg_pool2d over the last two dims of [C, H, W] or
 * [N, C, H, W], each one node (MaxPool2DWithIndicesBackward0, AvgPool2DBackward0,
 * AdaptiveAvgPool2DBackward0) whose backward is a kernel of its own, recorded with createGraph as
 * torch 1.13 records it (…BackwardBackward0 over (grad, self)). The kernels are linear in grad and
 * flat in self: d/dgrad pools the gradient arriving again, d/dself is zeros (derivatives.yaml).
 * The 1d variants are built from these as torch builds them (unsqueeze(-2), 2d op, squeeze(-2)).
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_OTHER, SAVE_SELF } from '../define';
import type { OpDef } from '../define';
import { backwardKernel } from '../backward-kernel';
import { zerosLike } from '../../creation';
import { T } from './util';
import type { PoolGeometry } from './pool-geometry';
import { planesOf, pooledShape } from './pool-geometry';

/**
 * Per output element, the flat index (h W + w) in its plane of the window's maximum: the first
 * largest value, a NaN replacing it (NaN propagates, the last NaN wins, as torch's kernel).
 */
export function maxIndices(x: Tensor, g: PoolGeometry): Int32Array {
  const [H, W] = g.inSize, [OH, OW] = g.outSize, planes = planesOf(x.shape);
  const s = x.dataSync(), idx = new Int32Array(planes * OH * OW);
  for (let p = 0, o = 0; p < planes; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o++) {
        let best = -Infinity, at = -1;
        for (let kh = 0; kh < g.kernel[0]; kh++) {
          const h = oh * g.stride[0] - g.padding[0] + kh * g.dilation[0];
          if (h < 0 || h >= H) continue;
          for (let kw = 0; kw < g.kernel[1]; kw++) {
            const w = ow * g.stride[1] - g.padding[1] + kw * g.dilation[1];
            if (w < 0 || w >= W) continue;
            const v = s[base + h * W + w];
            if (at < 0 || v > best || v !== v) [best, at] = [v, h * W + w];
          }
        }
        idx[o] = at;
      }
    }
  }
  return idx;
}

function maxForward(x: Tensor, g: PoolGeometry): Tensor {
  const idx = maxIndices(x, g), [H, W] = g.inSize, per = g.outSize[0] * g.outSize[1];
  const out = Tensor.empty('max_pool2d', pooledShape(x.shape, g.outSize), x.dtype);
  const s = x.dataSync(), o = out.dataSync();
  // a window wholly in the padding (dilation can make one) is -inf, as torch's
  for (let i = 0; i < idx.length; i++) o[i] = idx[i] < 0 ? -Infinity : s[Math.floor(i / per) * H * W + idx[i]];
  return out;
}

/** The gradient arriving at each output element, added at its window's maximum (torch's max_pool2d_with_indices_backward). */
export const MaxPool2DBackward: OpDef<PoolGeometry> = backwardKernel<PoolGeometry>({
  name: 'MaxPool2DWithIndicesBackwardBackward0', formulas: ['max_pool2d_with_indices_backward(grad, self, ..., indices)', 'zeros_like(self)'], saves: SAVE_OTHER,
  compute: ([gIn, xIn], p) => {
    const g = T(gIn), x = T(xIn), idx = maxIndices(x, p), [H, W] = p.inSize, per = p.outSize[0] * p.outSize[1];
    const out = Tensor.empty('max_pool2d_backward', x.shape, g.dtype);
    const gs = g.dataSync(), o = out.dataSync();
    for (let i = 0; i < idx.length; i++) if (idx[i] >= 0) o[Math.floor(i / per) * H * W + idx[i]] += gs[i];
    return out;
  },
  // d/dgrad: the gradient arriving, read at each window's maximum (a gather, so it records)
  backward: (gg, n) => {
    const go = T(n.input(0)), x = T(n.input(1)), p = n.params, [H, W] = p.inSize, per = p.outSize[0] * p.outSize[1];
    const planes = planesOf(x.shape);
    const at = maxIndices(x, p);
    const idx = Tensor.empty('max_pool2d_backward', [planes, per], 'int64');
    idx.dataSync().set(at.map((i) => Math.max(i, 0)));
    const picked = gg.reshape([planes, H * W]).gather(1, idx).reshape(go.shape);
    // windows wholly in the padding took no gradient, so they send none back
    if (!at.includes(-1)) return [picked, zerosLike(x)];
    const hit = Tensor.empty('max_pool2d_backward', go.shape, go.dtype);
    hit.dataSync().set(at.map((i) => (i < 0 ? 0 : 1)));
    return [picked.mul(hit), zerosLike(x)];
  },
});

export const MaxPool2D = defineOp<PoolGeometry>({
  name: 'MaxPool2DWithIndicesBackward0', formulas: ['max_pool2d_with_indices_backward(grad, self, ..., indices)'], saves: SAVE_SELF,
  forward: ([x], p) => maxForward(T(x), p),
  backward: (g, n) => [run(MaxPool2DBackward, [g, n.input(0)], n.params)],
});

export interface AvgPoolParams extends PoolGeometry {
  readonly countIncludePad: boolean;
}

/**
 * For each output element, its window clipped to the input and its divisor: the window's size
 * inside input + padding (countIncludePad) or inside the input only, as torch's avg_pool2d.
 */
function avgWindows(p: AvgPoolParams, visit: (o: number, h0: number, h1: number, w0: number, w1: number, divisor: number) => void): void {
  const [H, W] = p.inSize, [OH, OW] = p.outSize;
  for (let oh = 0, o = 0; oh < OH; oh++) {
    for (let ow = 0; ow < OW; ow++, o++) {
      let h0 = oh * p.stride[0] - p.padding[0], w0 = ow * p.stride[1] - p.padding[1];
      let h1 = Math.min(h0 + p.kernel[0], H + p.padding[0]), w1 = Math.min(w0 + p.kernel[1], W + p.padding[1]);
      const padded = (h1 - h0) * (w1 - w0);
      [h0, w0, h1, w1] = [Math.max(h0, 0), Math.max(w0, 0), Math.min(h1, H), Math.min(w1, W)];
      visit(o, h0, h1, w0, w1, p.countIncludePad ? padded : (h1 - h0) * (w1 - w0));
    }
  }
}

/** Average pooling of x, or (backward) each output's gradient / divisor added over its window. */
function avgPass(src: Tensor, shape: readonly number[], p: AvgPoolParams, backward: boolean): Tensor {
  const out = Tensor.empty(backward ? 'avg_pool2d_backward' : 'avg_pool2d', shape, src.dtype);
  const s = src.dataSync(), o = out.dataSync(), [H, W] = p.inSize, per = p.outSize[0] * p.outSize[1];
  for (let pl = 0; pl < planesOf(shape); pl++) {
    const base = pl * H * W, ob = pl * per;
    avgWindows(p, (k, h0, h1, w0, w1, divisor) => {
      let sum = 0;
      for (let h = h0; h < h1; h++) {
        for (let w = w0; w < w1; w++) {
          if (backward) o[base + h * W + w] += s[ob + k] / divisor;
          else sum += s[base + h * W + w];
        }
      }
      if (!backward) o[ob + k] = sum / divisor;
    });
  }
  return out;
}

export const AvgPool2D: OpDef<AvgPoolParams> = defineOp<AvgPoolParams>({
  name: 'AvgPool2DBackward0', formulas: ['avg_pool2d_backward(grad, self, kernel_size, stride, padding, ceil_mode, count_include_pad)'], saves: SAVE_SELF,
  forward: ([x], p) => avgPass(T(x), pooledShape(T(x).shape, p.outSize), p, false),
  backward: (g, n) => [run(AvgPool2DBackward, [g, n.input(0)], n.params)],
});

export const AvgPool2DBackward: OpDef<AvgPoolParams> = backwardKernel<AvgPoolParams>({
  name: 'AvgPool2DBackwardBackward0', formulas: ['avg_pool2d(grad, ...)', 'zeros_like(self)'], saves: SAVE_OTHER,
  compute: ([g, x], p) => avgPass(T(g), T(x).shape, p, true),
  backward: (gg, n) => [run(AvgPool2D, [gg], n.params), zerosLike(T(n.input(1)))],
});

export interface AdaptiveParams {
  readonly inSize: readonly [number, number];
  readonly outSize: readonly [number, number];
}

/** Output i of a dim covers [floor(i In / Out), ceil((i + 1) In / Out)). */
const startOf = (i: number, inLen: number, outLen: number): number => Math.floor((i * inLen) / outLen);
const endOf = (i: number, inLen: number, outLen: number): number => Math.ceil(((i + 1) * inLen) / outLen);

/** Adaptive average pooling (sum / kh / kw, torch's order), or (backward) grad / kh / kw over each window. */
function adaptivePass(src: Tensor, shape: readonly number[], p: AdaptiveParams, backward: boolean): Tensor {
  const out = Tensor.empty(backward ? 'adaptive_avg_pool2d_backward' : 'adaptive_avg_pool2d', shape, src.dtype);
  const s = src.dataSync(), o = out.dataSync(), [H, W] = p.inSize, [OH, OW] = p.outSize;
  for (let pl = 0; pl < planesOf(shape); pl++) {
    const base = pl * H * W, ob = pl * OH * OW;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = startOf(oh, H, OH), h1 = endOf(oh, H, OH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = startOf(ow, W, OW), w1 = endOf(ow, W, OW), k = ob + oh * OW + ow;
        let sum = 0;
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            if (backward) o[base + h * W + w] += s[k] / (h1 - h0) / (w1 - w0);
            else sum += s[base + h * W + w];
          }
        }
        if (!backward) o[k] = sum / (h1 - h0) / (w1 - w0);
      }
    }
  }
  return out;
}

export const AdaptiveAvgPool2D: OpDef<AdaptiveParams> = defineOp<AdaptiveParams>({
  name: 'AdaptiveAvgPool2DBackward0', formulas: ['_adaptive_avg_pool2d_backward(grad, self)'], saves: SAVE_SELF,
  forward: ([x], p) => adaptivePass(T(x), pooledShape(T(x).shape, p.outSize), p, false),
  backward: (g, n) => [run(AdaptiveAvgPool2DBackward, [g, n.input(0)], n.params)],
});

export const AdaptiveAvgPool2DBackward: OpDef<AdaptiveParams> = backwardKernel<AdaptiveParams>({
  name: 'AdaptiveAvgPool2DBackwardBackward0', formulas: ['_adaptive_avg_pool2d(grad, output_size)', 'zeros_like(self)'], saves: SAVE_OTHER,
  compute: ([g, x], p) => adaptivePass(T(g), T(x).shape, p, true),
  backward: (gg, n) => [run(AdaptiveAvgPool2D, [gg], n.params), zerosLike(T(n.input(1)))],
});
