/**
 * Dtypes, their storage, and PyTorch's type promotion for the cases users hit.
 * float32 is stored in a Float32Array, so every result is rounded to float32 exactly like torch;
 * int64 lives in a Float64Array (exact up to 2^53); bool in a Uint8Array (0/1).
 */
export type Dtype = 'float32' | 'float64' | 'int64' | 'bool';
export type FloatArray = Float32Array | Float64Array;
export type Storage = Float32Array | Float64Array | Uint8Array;

/** The one piece of dtype state, as in torch.set_default_dtype. */
const defaults: { dtype: 'float32' | 'float64' } = { dtype: 'float32' };

export function setDefaultDtype(d: Dtype): void {
  if (d !== 'float32' && d !== 'float64') throw new TypeError(`[setDefaultDtype] only floating point dtypes are supported as the default, got ${d}`);
  defaults.dtype = d;
}
export function getDefaultDtype(): 'float32' | 'float64' {
  return defaults.dtype;
}

export function isFloating(d: Dtype): boolean {
  return d === 'float32' || d === 'float64';
}

export function allocStorage(d: Dtype, n: number): Storage {
  switch (d) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new Float64Array(n);
    case 'bool': return new Uint8Array(n);
  }
}

const rank: Record<Dtype, number> = { bool: 0, int64: 1, float32: 2, float64: 3 };

/** Result dtype of a binary op on two tensors (both "dimensioned" or both 0-d). */
export function promoteTypes(a: Dtype, b: Dtype): Dtype {
  return rank[a] >= rank[b] ? a : b;
}

/**
 * torch's result_type with category rules: a 0-d tensor (or a number) only decides the dtype when it
 * is of a higher category (bool < integer < floating) than the dimensioned operand.
 */
export function resultType(a: Dtype, aZeroDim: boolean, b: Dtype, bZeroDim: boolean): Dtype {
  if (aZeroDim === bZeroDim) return promoteTypes(a, b);
  const [dim, zd] = aZeroDim ? [b, a] : [a, b];
  if (category(zd) > category(dim)) return zd;
  return dim;
}

function category(d: Dtype): number {
  return d === 'bool' ? 0 : d === 'int64' ? 1 : 2;
}

/** Dtype a JS number takes when it meets a tensor of dtype `t` (wrapped-number rule). */
export function numberResultType(t: Dtype, x: number): Dtype {
  if (isFloating(t)) return t;
  if (Number.isInteger(x)) return t === 'bool' ? 'int64' : t;
  return getDefaultDtype();
}

/** PyTorch's legacy type name used in autograd error messages. */
export function torchTypeName(d: Dtype): string {
  switch (d) {
    case 'float32': return 'torch.FloatTensor';
    case 'float64': return 'torch.DoubleTensor';
    case 'int64': return 'torch.LongTensor';
    case 'bool': return 'torch.BoolTensor';
  }
}
