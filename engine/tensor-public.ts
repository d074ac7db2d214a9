/**
 * The `Tensor` the package exports. Engine code constructs tensors with the internal class
 * (engine/tensor.ts), whose constructor trusts its arguments: storage already charged to the element
 * budget, a shape that matches it. From outside, `new Tensor(data, shape, dtype?)` is a charged
 * factory instead: it checks the shape, copies `data` into fresh storage charged to the element
 * budget (engine/limits), and returns an ordinary tensor. `instanceof Tensor` and `t.constructor`
 * refer to this face, so no public path reaches the trusting constructor.
 */
import { Tensor as Impl } from './tensor';
import type { Dtype } from './dtype';
import { ArgumentError } from './errors';
import { fromFlat } from './creation';

export interface TensorConstructor {
  /** A tensor of `shape` holding a copy of the flat row-major `data` (default dtype: the default float). */
  new (data: ArrayLike<number | boolean>, shape: readonly number[], dtype?: Dtype): Impl;
  readonly prototype: Impl;
}

const DTYPES: readonly Dtype[] = ['float32', 'float64', 'int64', 'bool'];

function checkShape(shape: unknown): readonly number[] {
  if (!Array.isArray(shape)) throw new ArgumentError('Tensor', `shape must be an array of sizes, got ${typeof shape}`);
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) throw new ArgumentError('Tensor', `Trying to create tensor with invalid size ${String(d)}`);
  }
  return shape as number[];
}

function create(data: unknown, shape: unknown, dtype: unknown): Impl {
  const dims = checkShape(shape);
  if (dtype !== undefined && !DTYPES.includes(dtype as Dtype)) throw new ArgumentError('Tensor', `unknown dtype ${String(dtype)}`);
  if (typeof data !== 'object' || data === null || typeof (data as ArrayLike<number>).length !== 'number') {
    throw new ArgumentError('Tensor', 'data must be an array or typed array of numbers');
  }
  // fromFlat charges the allocation before it copies, and checks that data has numel(shape) elements.
  return fromFlat(data as ArrayLike<number>, dims, dtype === undefined ? undefined : { dtype: dtype as Dtype });
}

/** Called with `new`, returns the created tensor (a constructor may return another object). */
function Tensor(this: unknown, data: unknown, shape: unknown, dtype?: unknown): Impl {
  if (new.target === undefined) throw new ArgumentError('Tensor', "Class constructor Tensor cannot be invoked without 'new'");
  return create(data, shape, dtype);
}
// Engine-made tensors are instances of the face (same prototype), and their `constructor` is the face.
Tensor.prototype = Impl.prototype;
Object.defineProperty(Impl.prototype, 'constructor', { value: Tensor, writable: false, enumerable: false, configurable: false });

const PublicTensor = Tensor as unknown as TensorConstructor;
export { PublicTensor as Tensor };
export type Tensor = Impl;
