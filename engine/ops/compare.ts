/** Comparisons: bool tensors, never differentiable (used for masks and `where`); entries of the op table. */
import type { Tensor } from '../tensor';
import { maskOp } from './derive';
import type { TensorLike } from './binary';

export const gt = (a: TensorLike, b: TensorLike): Tensor => maskOp('gt', a, b);
export const lt = (a: TensorLike, b: TensorLike): Tensor => maskOp('lt', a, b);
export const ge = (a: TensorLike, b: TensorLike): Tensor => maskOp('ge', a, b);
export const le = (a: TensorLike, b: TensorLike): Tensor => maskOp('le', a, b);
export const eq = (a: TensorLike, b: TensorLike): Tensor => maskOp('eq', a, b);
export const ne = (a: TensorLike, b: TensorLike): Tensor => maskOp('ne', a, b);
