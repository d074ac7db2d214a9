/** Tensor creation: tensor, zeros, ones, full, eye, arange, linspace, zerosLike, onesLike. */
import { Tensor } from './tensor';
import type { Dtype, Storage } from './dtype';
import { getDefaultDtype, isFloating } from './dtype';
import { ArgumentError } from './errors';
import { checkOptions, checkShape, dtypeOption, parseSize, storedValue } from './creation-args';
import type { CreateOptions, SizeArgs } from './creation-args';

export type { CreateOptions } from './creation-args';

/** Nested arrays of numbers or booleans, or a single number/boolean. */
export type NestedData = number | boolean | readonly NestedData[];

function finish(t: Tensor, opts: CreateOptions | undefined, op = 'tensor'): Tensor {
  if (opts?.requiresGrad) {
    if (!isFloating(t.dtype)) throw new ArgumentError(op, 'Only Tensors of floating point and complex dtype can require gradients');
    t.requiresGrad = true;
  }
  return t;
}

function inferShape(data: NestedData): number[] {
  const shape: number[] = [];
  let d: NestedData = data;
  while (Array.isArray(d)) {
    shape.push(d.length);
    if (d.length === 0) break;
    d = d[0];
  }
  return shape;
}

/** Row-major leaves of nested data, checked against `shape` (recursion depth = number of dims). */
function leaves(data: NestedData, shape: readonly number[]): unknown[] {
  const out: unknown[] = [];
  const walk = (v: NestedData, depth: number): void => {
    if (Array.isArray(v)) {
      if (depth >= shape.length || v.length !== shape[depth]) throw new ArgumentError('tensor', `expected sequence of length ${shape[depth]} at dim ${depth} (got ${v.length})`);
      for (let i = 0; i < v.length; i++) walk(v[i], depth + 1);
    } else {
      if (depth !== shape.length) throw new ArgumentError('tensor', 'ragged nested sequence');
      out.push(v);
    }
  };
  walk(data, 0);
  return out;
}

/** torch.tensor: numbers become the default float dtype (JS cannot tell 1 from 1.0), booleans only bool. */
export function tensor(data: NestedData | Tensor, opts?: CreateOptions): Tensor {
  const o = checkOptions('tensor', opts);
  if (data instanceof Tensor) return finish(data.detach().clone(), o);
  const shape = inferShape(data);
  const vals = leaves(data, shape);
  const allBool = vals.length > 0 && vals.every((v) => typeof v === 'boolean');
  const dtype = o?.dtype ?? (allBool ? 'bool' : getDefaultDtype());
  const t = Tensor.empty('tensor', shape, dtype);
  const out = t.dataSync();
  for (let i = 0; i < vals.length; i++) out[i] = storedValue('tensor', dtype, vals[i], vals.length > 1 ? ` (element ${i})` : '');
  return finish(t, o);
}

/** A tensor from flat row-major data and a shape (used by the oracle runner and the analyzer). */
export function fromFlat(data: ArrayLike<number | boolean>, shape: readonly number[], opts?: CreateOptions): Tensor {
  const o = checkOptions('tensor', opts);
  const dtype = dtypeOption(o);
  const t = Tensor.empty('tensor', checkShape('tensor', shape), dtype);
  if (t.dataSync().length !== data.length) throw new ArgumentError('tensor', `shape [${shape.join(', ')}] needs ${t.dataSync().length} elements, got ${data.length}`);
  for (let i = 0; i < data.length; i++) t.dataSync()[i] = storedValue('tensor', dtype, data[i], ` (element ${i})`);
  return finish(t, o);
}

/** 0-d tensor holding one number (not recorded). */
export function toTensor(x: number, dtype: Dtype = getDefaultDtype()): Tensor {
  const t = Tensor.empty('tensor', [], dtype);
  t.dataSync()[0] = x;
  return t;
}

export function full(shape: readonly number[], value: number, opts?: CreateOptions, op = 'full'): Tensor {
  const o = checkOptions(op, opts);
  const dtype = dtypeOption(o);
  const v = storedValue(op, dtype, value, " (argument 'fill_value')");
  const t = Tensor.empty(op, checkShape(op, shape), dtype);
  if (v !== 0) t.dataSync().fill(v);
  return finish(t, o, op);
}
export function zeros(...args: SizeArgs): Tensor {
  const [shape, opts] = parseSize('zeros', args);
  return full(shape, 0, opts, 'zeros');
}
export function ones(...args: SizeArgs): Tensor {
  const [shape, opts] = parseSize('ones', args);
  return full(shape, 1, opts, 'ones');
}
export function zerosLike(t: Tensor, opts?: CreateOptions): Tensor {
  return full(t.shape, 0, { dtype: t.dtype, ...opts }, 'zerosLike');
}
export function onesLike(t: Tensor, opts?: CreateOptions): Tensor {
  return full(t.shape, 1, { dtype: t.dtype, ...opts }, 'onesLike');
}
export function fullLike(t: Tensor, value: number, opts?: CreateOptions): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...opts }, 'fullLike');
}

export function eye(n: number, m: number | CreateOptions = n, opts?: CreateOptions): Tensor {
  const cols = typeof m === 'number' ? m : n;
  const o = checkOptions('eye', typeof m === 'number' ? opts : m);
  const t = full(checkShape('eye', [n, cols]), 0, { ...o, requiresGrad: false }, 'eye');
  for (let i = 0; i < Math.min(n, cols); i++) t.dataSync()[i * cols + i] = 1;
  return finish(t, o, 'eye');
}

function finiteNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(op, `argument '${name}' must be a finite number, got ${String(v)}`);
  return v;
}

/** arange(end) | arange(start, end, step?): numbers are floats here, so the default float dtype. */
export function arange(a: number, b?: number | CreateOptions, c?: number | CreateOptions, d?: CreateOptions): Tensor {
  let start = 0, end = a, step = 1, opts: CreateOptions | undefined;
  if (typeof b === 'number') {
    start = a;
    end = b;
    if (typeof c === 'number') {
      step = c;
      opts = d;
    } else opts = c;
  } else opts = b;
  const o = checkOptions('arange', opts);
  [start, end, step] = [finiteNumber('arange', 'start', start), finiteNumber('arange', 'end', end), finiteNumber('arange', 'step', step)];
  if (step === 0) throw new ArgumentError('arange', 'step must be nonzero');
  if ((end - start) / step < 0) throw new ArgumentError('arange', 'upper bound and larger bound inconsistent with step sign');
  const n = Math.ceil((end - start) / step);
  // torch.arange(5) is int64 (integer arguments), torch.arange(0, 1, 0.25) the default float: JS numbers
  // carry no int/float distinction, so whole-number arguments give int64 (pass { dtype } for floats).
  const whole = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
  const dtype = o?.dtype ?? (whole ? 'int64' : dtypeOption(o));
  const t = Tensor.empty('arange', [n], dtype);
  for (let i = 0; i < n; i++) t.dataSync()[i] = storedValue('arange', dtype, start + i * step, '');
  return finish(t, o, 'arange');
}

/**
 * linspace(start, end, steps) as torch's CPU kernel: the step and every product are computed in
 * the tensor's dtype (float32 rounds each operation), the first half counted from start and the
 * second half from end.
 */
/** a·b + c with one rounding (the product's error carried exactly; Veltkamp split, then a two-sum). */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || p === 0) return p + c;
  const SPLIT = 134217729; // 2^27 + 1
  const ta = SPLIT * a, ah = ta - (ta - a), al = a - ah;
  const tb = SPLIT * b, bh = tb - (tb - b), bl = b - bh;
  const e = ((ah * bh - p) + ah * bl + al * bh) + al * bl; // p + e = a·b exactly
  const s = p + c;
  const v = s - p;
  const err = (p - (s - v)) + (c - v); // s + err = p + c exactly
  return s + (err + e);
}

const r32 = (dtype: Dtype): ((v: number) => number) => (dtype === 'float32' ? Math.fround : (v: number) => v);

/**
 * torch 1.13's CPU linspace, element for element: the ends and the step in the dtype; the first half
 * counts up from start and the second down from end (both ends exact), each as one fused multiply-add
 * (the compiled kernel contracts `start + step * i`). The kernel's vector loop (AVX2: 8 floats or 4
 * doubles a vector, two vectors a turn) computes each vector's first element that way and adds
 * `j * step` for the others; what is left after the last whole turn is scalar. On a CPU with other
 * vectors, or above 32,768 elements (split across threads), torch itself differs by a unit in the
 * last place.
 */
function fillLinspace(data: Storage, lo: number, hi: number, steps: number, f32: boolean): void {
  const r = f32 ? Math.fround : (v: number) => v;
  const step = steps > 1 ? r(r(hi - lo) / (steps - 1)) : 0;
  // float32: step·i is exact in a double (24-bit × < 29-bit), so one rounding to float32 remains
  const fused = f32 ? (a: number, i: number, c: number): number => Math.fround(a * i + c) : fma;
  const half = Math.floor(steps / 2);
  const at = (i: number): number => (i < half ? fused(step, i, lo) : fused(-step, steps - 1 - i, hi));
  const width = f32 ? 8 : 4;
  const vectorEnd = steps === 1 ? 0 : Math.floor(steps / (2 * width)) * 2 * width;
  for (let c = 0; c < vectorEnd; c += width) {
    const base = at(c);
    for (let j = 0; j < width; j++) data[c + j] = j === 0 ? base : r(base + r(step * j));
  }
  if (steps === 1) data[0] = lo;
  else for (let i = vectorEnd; i < steps; i++) data[i] = at(i);
}

export function linspace(start: number, end: number, steps: number, opts?: CreateOptions): Tensor {
  const o = checkOptions('linspace', opts);
  if (!Number.isInteger(steps) || steps < 0) throw new ArgumentError('linspace', 'number of steps must be non-negative');
  finiteNumber('linspace', 'start', start);
  finiteNumber('linspace', 'end', end);
  const dtype = dtypeOption(o);
  if (!isFloating(dtype)) throw new ArgumentError('linspace', `only floating point dtypes are supported here, got ${dtype}`);
  const t = Tensor.empty('linspace', [steps], dtype);
  if (steps > 0) fillLinspace(t.dataSync(), r32(dtype)(start), r32(dtype)(end), steps, dtype === 'float32');
  return finish(t, o, 'linspace');
}
