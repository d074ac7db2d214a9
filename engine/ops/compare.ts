/** Comparisons: bool tensors, never differentiable (used for masks and `where`). */
import type { Tensor } from '../tensor';
import { binaryForward, binaryKernel } from './binary';
import type { TensorLike } from './binary';

const kGt = binaryKernel('gt');
const kLt = binaryKernel('lt');
const kGe = binaryKernel('ge');
const kLe = binaryKernel('le');
const kEq = binaryKernel('eq');
const kNe = binaryKernel('ne');

export const gt = (a: TensorLike, b: TensorLike): Tensor => binaryForward('gt', kGt, a, b, 'bool');
export const lt = (a: TensorLike, b: TensorLike): Tensor => binaryForward('lt', kLt, a, b, 'bool');
export const ge = (a: TensorLike, b: TensorLike): Tensor => binaryForward('ge', kGe, a, b, 'bool');
export const le = (a: TensorLike, b: TensorLike): Tensor => binaryForward('le', kLe, a, b, 'bool');
export const eq = (a: TensorLike, b: TensorLike): Tensor => binaryForward('eq', kEq, a, b, 'bool');
export const ne = (a: TensorLike, b: TensorLike): Tensor => binaryForward('ne', kNe, a, b, 'bool');
