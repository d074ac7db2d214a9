/**
 * Every op definition, by key. `OpName` is the union of the keys: the gradient-check table is a
 * `Record<OpName, Sample>`, so adding an op here without a sample fails to compile.
 */
import { Add, Div, Maximum, Minimum, Mul, MulScalar, Neg, PowScalar, PowTensor, Reciprocal, Rsub, Sub } from './arith';
import { Abs, Clamp, Cos, Exp, Log, Relu, Sigmoid, Sin, Sqrt, Tanh, Where } from './unary';
import { MeanAll, MeanDim, Std, SumAll, SumDim, Var } from './reduce';
import { Amax, Amin, MaxAll, MaxDim, MinAll, MinDim } from './minmax';
import { Alias, Clone, Expand, Permute, SqueezeAll, SqueezeDim, SqueezeInternal, TOp, Transpose, UnsafeView, Unsqueeze, View } from './view';
import { Select, SelectBackwardOp, Slice, SliceBackwardOp } from './indexing';
import { Index, IndexPut, IndexPutImpl } from './advanced';
import { Cat, Stack } from './join';
import { Addmm, Bmm, Dot, Mm, Mv } from './matmul';
import { Fill, Zero } from './inplace';
import { nnOps } from './nn/index';

export const coreOps = {
  add: Add, sub: Sub, rsub: Rsub, mul: Mul, mulScalar: MulScalar, div: Div, reciprocal: Reciprocal, powScalar: PowScalar, powTensor: PowTensor,
  neg: Neg, maximum: Maximum, minimum: Minimum,
  exp: Exp, log: Log, sqrt: Sqrt, abs: Abs, sin: Sin, cos: Cos, tanh: Tanh, sigmoid: Sigmoid, relu: Relu, clamp: Clamp, where: Where,
  sumAll: SumAll, sumDim: SumDim, meanAll: MeanAll, meanDim: MeanDim, var: Var, std: Std,
  maxAll: MaxAll, minAll: MinAll, maxDim: MaxDim, minDim: MinDim, amax: Amax, amin: Amin,
  view: View, alias: Alias, unsafeView: UnsafeView, clone: Clone, squeezeAll: SqueezeAll, squeezeDim: SqueezeDim, squeezeInternal: SqueezeInternal,
  unsqueeze: Unsqueeze, transpose: Transpose, t: TOp, permute: Permute, expand: Expand,
  select: Select, slice: Slice, selectBackward: SelectBackwardOp, sliceBackward: SliceBackwardOp,
  index: Index, indexPutImpl: IndexPutImpl, indexPut: IndexPut,
  cat: Cat, stack: Stack,
  dot: Dot, mv: Mv, mm: Mm, bmm: Bmm, addmm: Addmm,
  fill: Fill, zero: Zero,
} as const;

export const ops = { ...coreOps, ...nnOps };

/** The key of every op definition (core and nn). */
export type OpName = keyof typeof ops;
