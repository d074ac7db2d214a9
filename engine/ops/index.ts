/**
 * Every op definition, by key (the elementwise ones derived from the op table). `OpName` is the union of the keys: the gradient-check table is a
 * `Record<OpName, Sample>`, so adding an op here without a sample fails to compile.
 */
import { DEFS, TABLE_KERNEL_DEFS } from './derive';
import { Clamp, Where } from './clamp';
import { MeanAll, MeanDim, Std, SumAll, SumDim, Var } from './reduce';
import { Amax, Amin, MaxAll, MaxDim, MinAll, MinDim } from './minmax';
import { Alias, Clone, Expand, Permute, SqueezeAll, SqueezeDim, SqueezeInternal, TOp, Transpose, UnsafeView, Unsqueeze, View, ReshapeAlias } from './view';
import { Select, SelectBackwardOp, Slice, SliceBackwardOp } from './indexing';
import { Index, IndexPut, IndexPutImpl } from './advanced';
import { Cat, Stack } from './join';
import { Addmm, Bmm, Dot, Mm, Mv } from './matmul';
import { Fill, Zero } from './inplace';
import { nnOps } from './nn/index';
import { ToCopy } from './cast';
import { Flip, MaskedFill, Repeat, Roll, Tril, Triu } from './rearrange';
import { Cumprod, Cumsum, ProdAll, ProdDim } from './scan';
import { Norm } from './norm';
import { NanToNum } from './predicates';
import { Gather, ScatterAdd, ScatterSrc, ScatterValue } from './scatter';
import { Sort, SplitPiece, SplitWithSizesPiece, Topk, UnbindPiece } from './pieces';

export const coreOps = {
  // every elementwise op of the table (engine/ops/table.ts), by its id
  ...DEFS,
  // their backward kernels, recorded under createGraph (tanhBackward, sigmoidBackward)
  ...TABLE_KERNEL_DEFS,
  clamp: Clamp, where: Where,
  sumAll: SumAll, sumDim: SumDim, meanAll: MeanAll, meanDim: MeanDim, var: Var, std: Std,
  maxAll: MaxAll, minAll: MinAll, maxDim: MaxDim, minDim: MinDim, amax: Amax, amin: Amin,
  view: View, reshapeAlias: ReshapeAlias, alias: Alias, unsafeView: UnsafeView, clone: Clone, squeezeAll: SqueezeAll, squeezeDim: SqueezeDim, squeezeInternal: SqueezeInternal,
  unsqueeze: Unsqueeze, transpose: Transpose, t: TOp, permute: Permute, expand: Expand,
  select: Select, slice: Slice, selectBackward: SelectBackwardOp, sliceBackward: SliceBackwardOp,
  index: Index, indexPutImpl: IndexPutImpl, indexPut: IndexPut,
  cat: Cat, stack: Stack,
  dot: Dot, mv: Mv, mm: Mm, bmm: Bmm, addmm: Addmm,
  fill: Fill, zero: Zero,
  toCopy: ToCopy,
  flip: Flip, roll: Roll, repeat: Repeat, tril: Tril, triu: Triu, maskedFill: MaskedFill,
  cumsum: Cumsum, cumprod: Cumprod, prodAll: ProdAll, prodDim: ProdDim, norm: Norm, nanToNum: NanToNum,
  gather: Gather, scatter: ScatterSrc, scatterValue: ScatterValue, scatterAdd: ScatterAdd,
  split: SplitPiece, splitWithSizes: SplitWithSizesPiece, unbind: UnbindPiece, sort: Sort, topk: Topk,
} as const;

export const ops = { ...coreOps, ...nnOps };

/** The key of every op definition (core and nn). */
export type OpName = keyof typeof ops;
