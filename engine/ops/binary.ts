/** Forward machinery shared by binary elementwise ops: result dtype, broadcast shape, kernel choice. */
import { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import { getDefaultDtype, isFloating, isInteger, numberResultType, resultType } from '../dtype';
import { fitIntegers } from './convert';
import { broadcastShapes, broadcastStrides, sameShape } from '../shape';
import type { BinaryKernel, UnaryKernel } from './ewise';
import type { ResultKind } from './table';
import { ArgumentError } from '../errors';
import { deferBinary, deferUnary } from '../lazy/defer';
import { hasReaders } from '../lazy/node';
import { noteWrite } from '../strided';

export type TensorLike = Tensor | number;

export type { ResultKind };

export function binaryDtype(a: TensorLike, b: TensorLike, kind: ResultKind): Dtype {
  if (kind === 'bool') return 'bool';
  let d: Dtype;
  if (typeof a === 'number') d = typeof b === 'number' ? getDefaultDtype() : numberResultType(b.dtype, a);
  else if (typeof b === 'number') d = numberResultType(a.dtype, b);
  else d = resultType(a.dtype, a.shape.length === 0, b.dtype, b.shape.length === 0);
  if (kind === 'float' && !isFloating(d)) d = getDefaultDtype();
  return d;
}

/**
 * A number operand as the op sees it: torch casts it to the dtype the op computes in, so a float32
 * op sees Math.fround(1.1) (x * 1.1 and x > 0.1 round as torch's do). Every binary path uses this.
 */
function castNumber(v: TensorLike, compute: Dtype): TensorLike {
  return typeof v === 'number' && compute === 'float32' ? Math.fround(v) : v;
}

/** out = f(a, b) with NumPy broadcasting; numbers are used directly (no wrapping tensor). */
export function binaryForward(op: string, k: BinaryKernel, a: TensorLike, b: TensorLike, kind: ResultKind = 'same'): Tensor {
  const dtype = binaryDtype(a, b, kind);
  if (typeof a === 'number' || typeof b === 'number') {
    const compute = kind === 'bool' ? binaryDtype(a, b, 'same') : dtype;
    a = castNumber(a, compute);
    b = castNumber(b, compute);
  }
  // integer results are computed in float64: checked for exactness, int32 wrapped (convert.ts)
  return isInteger(dtype) ? fitIntegers(op, binaryCompute(op, k, a, b, dtype)) : binaryCompute(op, k, a, b, dtype);
}

function binaryCompute(op: string, k: BinaryKernel, a: TensorLike, b: TensorLike, dtype: Dtype): Tensor {
  // single elements of the same shape (or with a number): a number result, no storage
  if (typeof a !== 'number' && a._isSingle()) {
    if (typeof b === 'number') return Tensor.single(op, a.shape, dtype, k.scalar(a._first(), b));
    if (b._isSingle() && sameShape(a.shape, b.shape)) return Tensor.single(op, a.shape, dtype, k.scalar(a._first(), b._first()));
  } else if (typeof a === 'number' && typeof b !== 'number' && b._isSingle()) {
    return Tensor.single(op, b.shape, dtype, k.scalar(a, b._first()));
  }
  const lazy = deferBinary(op, k.id, a, b, dtype);
  if (lazy !== null) return lazy;
  if (typeof b === 'number') {
    if (typeof a === 'number') throw new ArgumentError(op, 'expected at least one tensor operand');
    const out = Tensor.empty(op, a.shape, dtype);
    k.right(a.dataSync(), b, out.dataSync(), out.dataSync().length);
    return out;
  }
  if (typeof a === 'number') {
    const out = Tensor.empty(op, b.shape, dtype);
    k.left(a, b.dataSync(), out.dataSync(), out.dataSync().length);
    return out;
  }
  if (sameShape(a.shape, b.shape)) {
    const out = Tensor.empty(op, a.shape, dtype);
    k.same(a.dataSync(), b.dataSync(), out.dataSync(), out.dataSync().length);
    return out;
  }
  if (b.dataSync().length === 1 && b.shape.length <= a.shape.length) {
    const out = Tensor.empty(op, a.shape, dtype);
    k.right(a.dataSync(), b.dataSync()[0], out.dataSync(), out.dataSync().length);
    return out;
  }
  if (a.dataSync().length === 1 && a.shape.length <= b.shape.length) {
    const out = Tensor.empty(op, b.shape, dtype);
    k.left(a.dataSync()[0], b.dataSync(), out.dataSync(), out.dataSync().length);
    return out;
  }
  const shape = broadcastShapes(op, a.shape, b.shape);
  const out = Tensor.empty(op, shape, dtype);
  k.strided(a.dataSync(), broadcastStrides(a.shape, shape), b.dataSync(), broadcastStrides(b.shape, shape), out.dataSync(), shape);
  return out;
}

/** True when `t`'s storage may take f's result in place: stored, several elements, read by no deferred value. */
function writable(t: Tensor, dtype: Dtype): boolean {
  const d = t._storage();
  return d !== null && d.length > 1 && t.dtype === dtype && !hasReaders(d);
}

/**
 * f(a, b) written over the storage of `into` (a or b: a buffer the caller owns, e.g. a gradient made
 * during this backward that nothing else holds) when no broadcast or dtype change is involved (the
 * kernels read element i before writing it), saving an allocation and a sweep. Otherwise a fresh
 * tensor, exactly as binaryForward.
 */
export function binaryInto(op: string, k: BinaryKernel, a: TensorLike, b: TensorLike, into: Tensor, kind: ResultKind = 'same'): Tensor {
  const dtype = binaryDtype(a, b, kind);
  if (writable(into, dtype)) {
    const d = into._storage()!;
    const other = castNumber(into === a ? b : a, dtype);
    if (typeof other === 'number' || (sameShape(into.shape, other.shape) && other._storage() !== d)) {
      // read first (a strided view's copy), then note that d changes: its views read it again
      const od = typeof other === 'number' ? null : other.dataSync();
      noteWrite();
      if (od === null) {
        if (into === a) k.right(d, other as number, d, d.length);
        else k.left(other as number, d, d, d.length);
      } else if (into === a) k.same(d, od, d, d.length);
      else k.same(od, d, d, d.length);
      // dense like a fresh result: an owned gradient (e.g. the expand of a sum's) may carry torch strides
      into._setTorchStrides(null);
      return into;
    }
  }
  return binaryForward(op, k, a, b, kind);
}

/** f(a) written over a's storage (owned by the caller, as in binaryInto), or a fresh tensor. */
export function unaryInto(op: string, k: UnaryKernel, a: Tensor, kind: ResultKind): Tensor {
  if (kind !== 'bool' && writable(a, a.dtype) && (kind === 'same' || isFloating(a.dtype))) {
    const d = a._storage()!;
    noteWrite();
    k(d, d, d.length);
    a._setTorchStrides(null);
    return a;
  }
  return unaryForward(op, k, a, kind);
}

/** out = f(a) elementwise; integer inputs give a default-dtype float result when `kind` is 'float'. */
export function unaryForward(op: string, k: UnaryKernel, a: Tensor, kind: ResultKind = 'float'): Tensor {
  const dtype: Dtype = kind === 'bool' ? 'bool' : kind === 'float' && !isFloating(a.dtype) ? getDefaultDtype() : a.dtype;
  return isInteger(dtype) ? fitIntegers(op, unaryCompute(op, k, a, dtype)) : unaryCompute(op, k, a, dtype);
}

function unaryCompute(op: string, k: UnaryKernel, a: Tensor, dtype: Dtype): Tensor {
  if (a._isSingle()) return Tensor.single(op, a.shape, dtype, k.scalar(a._first()));
  const lazy = deferUnary(op, k.id, a, dtype);
  if (lazy !== null) return lazy;
  const out = Tensor.empty(op, a.shape, dtype);
  k(a.dataSync(), out.dataSync(), out.dataSync().length);
  return out;
}

