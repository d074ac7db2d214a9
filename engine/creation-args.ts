/**
 * Argument checks shared by the creation functions (creation.ts, random.ts): sizes, the dtype
 * option, and how one data element is stored in a dtype. Bad input raises an ArgumentError naming
 * the op and the argument, never a JavaScript TypeError.
 */
import type { Dtype } from './dtype';
import { DTYPES, fitsInt32, getDefaultDtype, integerRangeError, isDtype } from './dtype';
import { ArgumentError } from './errors';

export interface CreateOptions {
  dtype?: Dtype;
  requiresGrad?: boolean;
}

/** `zeros(2, 3, {dtype})` / `zeros([2, 3], {dtype})`: numbers, lists of numbers, one options object. */
export type SizeArgs = (number | readonly number[] | CreateOptions)[];

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

/** Every dim an integer >= 0; torch's text for a negative one. */
export function checkShape(op: string, shape: readonly unknown[]): number[] {
  const dims = shape as number[];
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d)) throw new ArgumentError(op, `argument 'size' must be a list of integers, got ${describe(d)} in [${shape.map(describe).join(', ')}]`);
    if (d < 0) throw new ArgumentError(op, `Trying to create tensor with negative dimension ${d}: [${dims.join(', ')}]`);
  }
  return dims.slice();
}

/** The options object, checked: only `dtype` (a known dtype) and `requiresGrad` (a boolean). */
export function checkOptions(op: string, opts: unknown): CreateOptions | undefined {
  if (opts === undefined) return undefined;
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) throw new ArgumentError(op, `options must be an object like { dtype, requiresGrad }, got ${describe(opts)}`);
  const o = opts as Record<string, unknown>;
  if (o.dtype !== undefined && !isDtype(o.dtype)) throw new ArgumentError(op, `argument 'dtype' must be one of ${DTYPES.map((d) => `'${d}'`).join(', ')}, got ${describe(o.dtype)}`);
  if (o.requiresGrad !== undefined && typeof o.requiresGrad !== 'boolean') throw new ArgumentError(op, `argument 'requiresGrad' must be a boolean, got ${describe(o.requiresGrad)}`);
  return o as CreateOptions;
}

export function dtypeOption(opts: CreateOptions | undefined): Dtype {
  return opts?.dtype ?? getDefaultDtype();
}

/** Split size varargs into a checked shape and checked options. */
export function parseSize(op: string, args: SizeArgs): [number[], CreateOptions | undefined] {
  let opts: CreateOptions | undefined;
  const dims: unknown[] = [];
  for (const a of args) {
    if (Array.isArray(a)) dims.push(...(a as readonly unknown[]));
    else if (a !== null && typeof a === 'object') opts = checkOptions(op, a);
    else dims.push(a);
  }
  return [checkShape(op, dims), opts];
}

/**
 * How one data element (a number or boolean) is stored in `dtype`, as torch.tensor(data, dtype=)
 * does: booleans are 1/0, floats truncate toward zero into integer dtypes, and a value an integer
 * dtype cannot hold is refused (torch: "value cannot be converted to type int32 without overflow";
 * for int64 beyond 2^53 torch could hold it, we cannot, see dtype.ts).
 */
export function storedValue(op: string, dtype: Dtype, v: unknown, where: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') throw new ArgumentError(op, `invalid data type ${typeof v === 'string' ? "'string'" : describe(v)}${where}: tensor data must be numbers or booleans`);
  if (dtype === 'bool') return v !== 0 ? 1 : 0;
  if (dtype !== 'int32' && dtype !== 'int64') return v;
  const w = Math.trunc(v);
  const bad = integerRangeError(dtype, w);
  if (bad !== null) throw new ArgumentError(op, `value ${v}${where} cannot be converted to ${dtype}: ${bad}`);
  if (dtype === 'int32' && !fitsInt32(w)) throw new ArgumentError(op, `value cannot be converted to type int32 without overflow: ${v}${where}`);
  return w;
}
