/** Tensor creation: tensor, zeros, ones, full, eye, arange, linspace, zerosLike, onesLike. */
import { Tensor } from './tensor';
import type { Dtype } from './dtype';
import { getDefaultDtype } from './dtype';
import { ArgumentError } from './errors';

export interface CreateOptions {
  dtype?: Dtype;
  requiresGrad?: boolean;
}

/** Nested arrays of numbers or booleans, or a single number/boolean. */
export type NestedData = number | boolean | readonly NestedData[];

function finish(t: Tensor, opts: CreateOptions | undefined): Tensor {
  if (opts?.requiresGrad) {
    if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new ArgumentError('tensor', 'Only Tensors of floating point dtype can require gradients');
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

/** torch.tensor: numbers become the default float dtype (JS cannot tell 1 from 1.0), booleans bool. */
export function tensor(data: NestedData | Tensor, opts?: CreateOptions): Tensor {
  if (data instanceof Tensor) return finish(data.detach().clone(), opts);
  const shape = inferShape(data);
  let first: NestedData = data;
  while (Array.isArray(first) && first.length > 0) first = first[0];
  const dtype = opts?.dtype ?? (typeof first === 'boolean' ? 'bool' : getDefaultDtype());
  const t = Tensor.empty('tensor', shape, dtype);
  const out = t.data;
  const conv = dtype === 'int64' ? Math.trunc : dtype === 'bool' ? (v: number) => (v !== 0 ? 1 : 0) : (v: number) => v;
  let k = 0;
  // recursion depth is the number of dims, not the number of elements
  const fill = (v: NestedData, depth: number): void => {
    if (Array.isArray(v)) {
      if (depth >= shape.length || v.length !== shape[depth]) throw new ArgumentError('tensor', `expected sequence of length ${shape[depth]} at dim ${depth} (got ${v.length})`);
      for (let i = 0; i < v.length; i++) fill(v[i], depth + 1);
    } else {
      if (depth !== shape.length) throw new ArgumentError('tensor', 'ragged nested sequence');
      out[k++] = typeof v === 'boolean' ? (v ? 1 : 0) : conv(v as number);
    }
  };
  fill(data, 0);
  return finish(t, opts);
}

/** A tensor from flat row-major data and a shape (used by the oracle runner and the analyzer). */
export function fromFlat(data: ArrayLike<number | boolean>, shape: readonly number[], opts?: CreateOptions): Tensor {
  const t = Tensor.empty('tensor', shape, opts?.dtype ?? getDefaultDtype());
  if (t.data.length !== data.length) throw new ArgumentError('tensor', `shape [${shape.join(', ')}] needs ${t.data.length} elements, got ${data.length}`);
  for (let i = 0; i < data.length; i++) t.data[i] = Number(data[i]);
  return finish(t, opts);
}

/** 0-d tensor holding one number (not recorded). */
export function toTensor(x: number, dtype: Dtype = getDefaultDtype()): Tensor {
  const t = Tensor.empty('tensor', [], dtype);
  t.data[0] = x;
  return t;
}

type SizeArgs = (number | readonly number[] | CreateOptions)[];

/** Split `zeros(2, 3, {dtype})` / `zeros([2, 3], {dtype})` into a shape and options. */
function sizeAndOptions(op: string, args: SizeArgs): [number[], CreateOptions | undefined] {
  let opts: CreateOptions | undefined;
  const dims: number[] = [];
  for (const a of args) {
    if (typeof a === 'number') dims.push(a);
    else if (Array.isArray(a)) dims.push(...(a as readonly number[]));
    else opts = a as CreateOptions;
  }
  for (const d of dims) if (!Number.isInteger(d) || d < 0) throw new ArgumentError(op, `Trying to create tensor with invalid size ${d}`);
  return [dims, opts];
}

export function full(shape: readonly number[], value: number, opts?: CreateOptions, op = 'full'): Tensor {
  const t = Tensor.empty(op, shape, opts?.dtype ?? getDefaultDtype());
  if (value !== 0) t.data.fill(value);
  return finish(t, opts);
}
export function zeros(...args: SizeArgs): Tensor {
  const [shape, opts] = sizeAndOptions('zeros', args);
  return full(shape, 0, opts, 'zeros');
}
export function ones(...args: SizeArgs): Tensor {
  const [shape, opts] = sizeAndOptions('ones', args);
  return full(shape, 1, opts, 'ones');
}
export function zerosLike(t: Tensor, opts?: CreateOptions): Tensor {
  return full(t.shape, 0, { dtype: t.dtype, ...opts });
}
export function onesLike(t: Tensor, opts?: CreateOptions): Tensor {
  return full(t.shape, 1, { dtype: t.dtype, ...opts });
}
export function fullLike(t: Tensor, value: number, opts?: CreateOptions): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...opts });
}

export function eye(n: number, m: number | CreateOptions = n, opts?: CreateOptions): Tensor {
  const cols = typeof m === 'number' ? m : n;
  const o = typeof m === 'number' ? opts : m;
  const t = full([n, cols], 0, { ...o, requiresGrad: false });
  for (let i = 0; i < Math.min(n, cols); i++) t.data[i * cols + i] = 1;
  return finish(t, o);
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
  if (step === 0) throw new ArgumentError('arange', 'step must be nonzero');
  const n = Math.max(0, Math.ceil((end - start) / step));
  const t = Tensor.empty('arange', [n], opts?.dtype ?? getDefaultDtype());
  for (let i = 0; i < n; i++) t.data[i] = start + i * step;
  return finish(t, opts);
}

/**
 * linspace(start, end, steps) as torch's CPU kernel: the step and every product are computed in
 * the tensor's dtype (float32 rounds each operation), the first half counted from start and the
 * second half from end.
 */
export function linspace(start: number, end: number, steps: number, opts?: CreateOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new ArgumentError('linspace', 'number of steps must be non-negative');
  const t = Tensor.empty('linspace', [steps], opts?.dtype ?? getDefaultDtype());
  const r = t.dtype === 'float32' ? Math.fround : (v: number) => v;
  const step = steps > 1 ? r(r(end - start) / (steps - 1)) : 0;
  const half = Math.floor(steps / 2);
  if (steps === 1) t.data[0] = start;
  else for (let i = 0; i < steps; i++) t.data[i] = i < half ? r(start + r(step * i)) : r(end - r(step * (steps - 1 - i)));
  return finish(t, opts);
}
