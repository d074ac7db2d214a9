/** max/min (all elements, or along a dim with indices), amax/amin, argmax. */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import { SAVE_OUT, SAVE_SELF } from './saves';
import type { Operand } from './define';
import { chargeRead, outIndex, reduction } from './reduction';
import type { Reduction } from './reduction';
import { ArgumentError } from '../errors';
import * as V from './view';

const T = (x: Operand): Tensor => x as Tensor;

interface Extremum {
  values: Tensor;
  /** Index along the reduced dims (flat within the reduced block; single dim: the index). */
  indices: Float64Array;
  /** How many elements tie with the extremum, per output. */
  ties: Float64Array;
}

function extremum(op: string, x: Tensor, r: Reduction, isMax: boolean): Extremum {
  if (x.dataSync().length === 0) throw new ArgumentError(op, 'Expected reduction dim to be specified for input.numel() == 0.');
  const values = Tensor.empty(op, r.outShape, x.dtype);
  const n = values.dataSync().length;
  const best = new Float64Array(n).fill(isMax ? -Infinity : Infinity);
  const indices = new Float64Array(n).fill(-1);
  const ties = new Float64Array(n);
  const pos = new Float64Array(n);
  const map = outIndex(x.shape, r.keepShape);
  const s = x.dataSync();
  for (let i = 0; i < s.length; i++) {
    const o = map[i], v = s[i];
    const k = pos[o]++;
    if (indices[o] < 0 || v !== v || (isMax ? v > best[o] : v < best[o])) {
      if (best[o] !== best[o]) { // NaN already won (torch propagates NaN); later NaNs tie with it
        if (v !== v) ties[o]++;
        continue;
      }
      best[o] = v;
      indices[o] = k;
      ties[o] = 1;
    } else if (v === best[o]) ties[o]++;
  }
  values.dataSync().set(best);
  return { values, indices, ties };
}

/**
 * Constant mask over x: 1/ties where x equals its (broadcast) extremum, else 0. A NaN extremum:
 * max()/min() (torch's evenly_distribute_backward) match it with the NaN elements; amax/amin
 * (scale_grad_by_count: grad / (self == result).sum() * mask) match nothing, so grad / 0 * 0 makes
 * the whole reduced block NaN.
 */
function tieMask(x: Tensor, r: Reduction, e: Extremum, dtype: Tensor['dtype'], nanMatches: boolean): Tensor {
  const m = Tensor.empty('max', x.shape, dtype);
  const map = outIndex(x.shape, r.keepShape);
  for (let i = 0; i < x.dataSync().length; i++) {
    const v = x.dataSync()[i], best = e.values.dataSync()[map[i]];
    if (best !== best) m.dataSync()[i] = nanMatches ? (v !== v ? 1 / e.ties[map[i]] : 0) : NaN;
    else if (v === best) m.dataSync()[i] = 1 / e.ties[map[i]];
  }
  return m;
}

/** Constant one-hot mask over x at the returned indices (max(dim) sends all gradient there). */
function indexMask(x: Tensor, r: Reduction, indices: Float64Array, dtype: Tensor['dtype']): Tensor {
  const m = Tensor.empty('max', x.shape, dtype);
  const map = outIndex(x.shape, r.keepShape);
  const pos = new Float64Array(indices.length);
  for (let i = 0; i < x.dataSync().length; i++) if (pos[map[i]]++ === indices[map[i]]) m.dataSync()[i] = 1;
  return m;
}

function spread(g: Tensor, x: Tensor, r: Reduction): Tensor {
  const k = r.keepdim || g.shape.length === r.keepShape.length ? g : V.reshape(g, r.keepShape);
  return V.expand(k, x.shape);
}

export interface ExtParams {
  r: Reduction;
  isMax: boolean;
}
const allDef = (name: string, isMax: boolean, nanMatches: boolean) =>
  defineOp<ExtParams>({
    name, doc: `${isMax ? 'max' : 'min'} of all elements; d/dself = grad split evenly among the elements equal to result`,
    formulas: ['grad * (self == result) / count'], saves: SAVE_SELF | SAVE_OUT,
    forward: ([a], p) => extremum(name, T(a), p.r, p.isMax).values,
    backward: (g, n) => {
      const x = T(n.input(0));
      return [spread(g, x, n.params.r).mul(tieMask(x, n.params.r, extremum(name, x, n.params.r, n.params.isMax), g.dtype, nanMatches))];
    },
  });
export const MaxAll = allDef('MaxBackward1', true, true);
export const MinAll = allDef('MinBackward1', false, true);
export const Amax = allDef('AmaxBackward0', true, false);
export const Amin = allDef('AminBackward0', false, false);

export interface DimParams {
  r: Reduction;
  indices: Float64Array;
}
const dimDef = (name: string, isMax: boolean) =>
  defineOp<DimParams>({
    name, doc: `${isMax ? 'max' : 'min'} along a dim; d/dself = grad scattered to the returned indices`,
    formulas: ['grad scattered at indices'], saves: SAVE_SELF,
    forward: ([a], p) => {
      const e = extremum(name, T(a), p.r, isMax);
      p.indices = e.indices;
      return e.values;
    },
    backward: (g, n) => {
      const x = T(n.input(0));
      return [spread(g, x, n.params.r).mul(indexMask(x, n.params.r, n.params.indices, g.dtype))];
    },
  });
export const MaxDim = dimDef('MaxBackward0', true);
export const MinDim = dimDef('MinBackward0', false);

function indicesTensor(r: Reduction, idx: Float64Array): Tensor {
  const t = Tensor.empty('max', r.outShape, 'int64');
  t.dataSync().set(idx);
  return t;
}

/** A reduction of x, its read of every element charged first (reduce.ts). */
function readAll(op: string, x: Tensor, dim: number | readonly number[] | null | undefined, keepdim: boolean): Reduction {
  chargeRead(op, x);
  return reduction(op, x, dim, keepdim);
}

export function maxAll(x: Tensor): Tensor {
  return run(MaxAll, [x], { r: readAll('max', x, null, false), isMax: true });
}
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
  if (dim === undefined) return maxAll(x);
  const p: DimParams = { r: readAll('max', x, dim, keepdim), indices: new Float64Array(0) };
  const values = run(MaxDim, [x], p);
  return { values, indices: indicesTensor(p.r, p.indices) };
}
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
  if (dim === undefined) return run(MinAll, [x], { r: readAll('min', x, null, false), isMax: false });
  const p: DimParams = { r: readAll('min', x, dim, keepdim), indices: new Float64Array(0) };
  const values = run(MinDim, [x], p);
  return { values, indices: indicesTensor(p.r, p.indices) };
}
export function amax(x: Tensor, dim: number | readonly number[] = [], keepdim = false): Tensor {
  return run(Amax, [x], { r: readAll('amax', x, dim, keepdim), isMax: true });
}
export function amin(x: Tensor, dim: number | readonly number[] = [], keepdim = false): Tensor {
  return run(Amin, [x], { r: readAll('amin', x, dim, keepdim), isMax: false });
}
/** Index of the maximum (flat when dim is omitted), int64, not differentiable. */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  if (dim === undefined) {
    const flat = V.reshape(x.detach(), [-1]);
    const r = readAll('argmax', flat, 0, false);
    return indicesTensor(r, extremum('argmax', flat, r, true).indices);
  }
  const r = readAll('argmax', x, dim, keepdim);
  return indicesTensor(r, extremum('argmax', x, r, true).indices);
}
