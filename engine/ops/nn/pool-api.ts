/**
 * F.maxPool1d/2d, F.avgPool1d/2d, F.adaptiveAvgPool2d: torch 1.13's argument order, defaults and
 * checks. stride defaults to the kernel size (torch's `stride=None`). The 1d ops run the 2d op on
 * unsqueeze(-2) and squeeze(-2) its result, so their graphs are torch's (SqueezeBackward1 <-
 * MaxPool2DWithIndicesBackward0 <- UnsqueezeBackward0).
 */
import type { Tensor } from '../../tensor';
import { run } from '../define';
import { ArgumentError, ShapeError } from '../../errors';
import { isFloating } from '../../dtype';
import { fmtShape } from '../../shape';
import { AdaptiveAvgPool2D, AvgPool2D, MaxPool2D } from './pool';
import { pairOf, poolGeometry } from './pool-geometry';
import type { Pair } from './pool-geometry';

export type IntOrPair = number | readonly [number, number];

function floating(op: string, x: Tensor): void {
  if (!isFloating(x.dtype)) throw new ArgumentError(op, `"${op}" is implemented here for floating point tensors only, got ${x.dtype}`);
}

function strideOf(op: string, stride: IntOrPair | null | undefined, kernel: Pair): Pair {
  return stride === null || stride === undefined ? kernel : pairOf(op, 'stride', stride, 1);
}

export function maxPool2d(x: Tensor, kernelSize: IntOrPair, stride?: IntOrPair | null, padding: IntOrPair = 0, dilation: IntOrPair = 1, ceilMode = false): Tensor {
  const op = 'max_pool2d';
  floating(op, x);
  const k = pairOf(op, 'kernelSize', kernelSize, 1);
  return run(MaxPool2D, [x], poolGeometry(op, x.shape, k, strideOf(op, stride, k), pairOf(op, 'padding', padding, 0), pairOf(op, 'dilation', dilation, 1), ceilMode));
}

export function avgPool2d(x: Tensor, kernelSize: IntOrPair, stride?: IntOrPair | null, padding: IntOrPair = 0, ceilMode = false, countIncludePad = true): Tensor {
  const op = 'avg_pool2d';
  floating(op, x);
  const k = pairOf(op, 'kernelSize', kernelSize, 1);
  const g = poolGeometry(op, x.shape, k, strideOf(op, stride, k), pairOf(op, 'padding', padding, 0), [1, 1], ceilMode);
  return run(AvgPool2D, [x], { ...g, countIncludePad });
}

/** A 1d pool through its 2d op: [.., L] -> [.., 1, L] -> pooled -> squeeze(-2). */
function as1d(op: string, x: Tensor, f: (x2: Tensor) => Tensor): Tensor {
  if (x.shape.length !== 2 && x.shape.length !== 3) throw new ShapeError(op, `Expected 2D or 3D (batch mode) tensor for input, got ${fmtShape(x.shape)}`);
  return f(x.unsqueeze(-2)).squeeze(-2);
}

function int1d(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' && !(Array.isArray(v) && v.length === 1)) throw new ArgumentError(op, `argument '${name}' must be an int, got ${JSON.stringify(v)}`);
  return typeof v === 'number' ? v : (v[0] as number);
}

export function maxPool1d(x: Tensor, kernelSize: number, stride?: number | null, padding = 0, dilation = 1, ceilMode = false): Tensor {
  const op = 'max_pool1d', k = int1d(op, 'kernelSize', kernelSize);
  const s = stride === null || stride === undefined ? k : int1d(op, 'stride', stride);
  return as1d(op, x, (x2) => maxPool2d(x2, [1, k], [1, s], [0, int1d(op, 'padding', padding)], [1, int1d(op, 'dilation', dilation)], ceilMode));
}

export function avgPool1d(x: Tensor, kernelSize: number, stride?: number | null, padding = 0, ceilMode = false, countIncludePad = true): Tensor {
  const op = 'avg_pool1d', k = int1d(op, 'kernelSize', kernelSize);
  const s = stride === null || stride === undefined ? k : int1d(op, 'stride', stride);
  return as1d(op, x, (x2) => avgPool2d(x2, [1, k], [1, s], [0, int1d(op, 'padding', padding)], ceilMode, countIncludePad));
}

/**
 * F.adaptiveAvgPool2d(input, outputSize): an int, or a pair whose null entries keep the input's
 * size. A 1x1 output is torch 1.13's mean over the last two dims (MeanBackward1), as torch computes it.
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: number | readonly [number | null, number | null]): Tensor {
  const op = 'adaptive_avg_pool2d';
  floating(op, x);
  if (x.shape.length !== 3 && x.shape.length !== 4) throw new ShapeError(op, `Expected 3D or 4D tensor, but got ${fmtShape(x.shape)}`);
  const inSize: Pair = [x.shape[x.shape.length - 2], x.shape[x.shape.length - 1]];
  const given = typeof outputSize === 'number' ? [outputSize, outputSize] : Array.isArray(outputSize) && outputSize.length === 2 ? outputSize : null;
  if (given === null) throw new ArgumentError(op, `argument 'outputSize' must be an int or a pair, got ${JSON.stringify(outputSize)}`);
  const out = given.map((v, d) => (v === null ? inSize[d] : v));
  if (!out.every((v) => Number.isInteger(v) && v >= 0)) throw new ArgumentError(op, `outputSize must hold non-negative ints, got ${JSON.stringify(outputSize)}`);
  if (inSize.some((v) => v === 0)) throw new ShapeError(op, `expected input to have non-zero size for non-batch dimensions, but input has sizes ${fmtShape(x.shape)}`);
  if (out[0] === 1 && out[1] === 1) return x.mean([-2, -1], true);
  return run(AdaptiveAvgPool2D, [x], { inSize, outSize: [out[0] as number, out[1] as number] });
}
