/**
 * Dtypes, their storage, and PyTorch's type promotion for the cases users hit.
 * float32 is stored in a Float32Array, so every result is rounded to float32 exactly like torch;
 * int64 and int32 live in a Float64Array, exact for integers up to 2^53 in magnitude (see
 * `integerRangeError`); bool in a Uint8Array (0/1).
 */
export type Dtype = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';
export type FloatArray = Float32Array | Float64Array;
export type Storage = Float32Array | Float64Array | Uint8Array;

/** Every dtype, for validating a dtype given by a caller (the analysed file included). */
export const DTYPES: readonly Dtype[] = ['float32', 'float64', 'int32', 'int64', 'bool'];

/** The one piece of dtype state, as in torch.set_default_dtype. */
const defaults: { dtype: 'float32' | 'float64' } = { dtype: 'float32' };

export function setDefaultDtype(d: Dtype): void {
  if (d !== 'float32' && d !== 'float64') throw new TypeError(`[setDefaultDtype] only floating point dtypes are supported as the default, got ${d}`);
  defaults.dtype = d;
}
export function getDefaultDtype(): 'float32' | 'float64' {
  return defaults.dtype;
}

export function isDtype(d: unknown): d is Dtype {
  return typeof d === 'string' && (DTYPES as readonly string[]).includes(d);
}

export function isFloating(d: Dtype): boolean {
  return d === 'float32' || d === 'float64';
}

/** int32 or int64 (bool is not an integer type for promotion, as in torch). */
export function isInteger(d: Dtype): boolean {
  return d === 'int32' || d === 'int64';
}

export function allocStorage(d: Dtype, n: number): Storage {
  switch (d) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int32': return new Float64Array(n);
    case 'int64': return new Float64Array(n);
    case 'bool': return new Uint8Array(n);
  }
}

const rank: Record<Dtype, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };

/** Result dtype of a binary op on two tensors (both "dimensioned" or both 0-d): torch.promote_types. */
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
  return d === 'bool' ? 0 : isInteger(d) ? 1 : 2;
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
    case 'int32': return 'torch.IntTensor';
    case 'int64': return 'torch.LongTensor';
    case 'bool': return 'torch.BoolTensor';
  }
}

/** torch's ScalarType name in messages ("Float", "Double", "Int", "Long", "Bool"). */
export function scalarTypeName(d: Dtype): string {
  switch (d) {
    case 'float32': return 'Float';
    case 'float64': return 'Double';
    case 'int32': return 'Int';
    case 'int64': return 'Long';
    case 'bool': return 'Bool';
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Why the integer `v` cannot be stored exactly as `d`, or null when it can. int64 values are held in
 * float64, exact only while |v| <= 2^53 - 1; torch would keep (or wrap) the 64-bit value, which we
 * cannot represent, so anything larger is refused rather than shown rounded.
 */
export function integerRangeError(d: Dtype, v: number): string | null {
  if (!isInteger(d) || Number.isSafeInteger(v)) return null;
  if (Number.isNaN(v)) return `NaN cannot be converted to ${d}`;
  return `${v} is outside the range of integers Gradlens holds exactly as ${d} (|v| <= 2^53 - 1 = ${Number.MAX_SAFE_INTEGER}); PyTorch would keep or wrap it as a 64-bit integer, which cannot be shown exactly here`;
}

/** torch's int32 overflow: two's-complement wrap of an exact (safe) integer. */
export function wrapInt32(v: number): number {
  return v >= INT32_MIN && v <= INT32_MAX ? v : v | 0;
}

/** True when v fits int32 without wrapping (torch refuses such values at creation). */
export function fitsInt32(v: number): boolean {
  return v >= INT32_MIN && v <= INT32_MAX;
}
