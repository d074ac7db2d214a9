/**
 * gradlens: a PyTorch-faithful autograd library (docs/engine.md), PyTorch's API in camelCase.
 *
 * Hooks for the analyzer and the graph panel:
 * - every Tensor has a unique increasing `id`; every grad function (`tensor.gradFn`) has `id`,
 *   `name` (PyTorch's class name), `nextFunctions` ([fn | null, 0] pairs), `apply(grad)` (the
 *   gradients per next_functions slot) and `formulas` (per slot, the derivative as text: edge labels);
 *   AccumulateGrad nodes also have `variable` (the leaf tensor).
 * - `backward(gradient?, { retainGraph, createGraph, onStep })` and `autograd.grad(outputs, inputs,
 *   { createGraph, retainGraph, gradOutputs, allowUnused, onStep })`: `onStep({ node, gradsIn, gradsOut })`
 *   is called for each grad function in execution order.
 * - `withLimits({ maxElements, maxCompute }, fn)` runs fn under cumulative budgets on every tensor
 *   allocation and on the work of costly ops (conv, matmul, reductions, tolist, printing); a
 *   BudgetError naming the op and the budget is thrown before the allocation or the work; scoped.
 * - `new Tensor(data, shape, dtype?)` copies data into a fresh, charged tensor (engine/tensor-public.ts).
 * - `isGradEnabled()` and `noGrad(fn)`; `getDefaultDtype()`; `manualSeed(n)`: the only global state.
 * - `autograd.Function` (custom forward/backward, engine/function.ts) and `autograd.gradcheck` /
 *   `gradgradcheck` (engine/gradcheck.ts); `jacobianMismatch` gives a check's numbers without raising.
 * Errors are typed (GradlensError with `op`; ShapeError, ArgumentError, AutogradError, BudgetError).
 */
// PyTorch's Tensor methods that are ops (declared in tensor.ts, attached here once).
import './tensor-methods';
export { Tensor } from './tensor-public';
export type { TensorConstructor } from './tensor-public';
export type { TensorLike, ShapeArgs } from './tensor';
export type { Dtype } from './dtype';
export { setDefaultDtype, getDefaultDtype } from './dtype';
export type { GradFn, NextEdge } from './node';
export { AccumulateGrad, Node } from './node';
export { GradlensError, ShapeError, ArgumentError, AutogradError, BudgetError } from './errors';
export { withLimits } from './limits';
export type { Limits, Usage } from './limits';
export { noGrad, enableGrad, isGradEnabled } from './grad-mode';
import { autograd as walkApi } from './autograd';
import { CustomFunction } from './function';
import { gradcheck, gradgradcheck } from './gradcheck';
/** torch.autograd: backward, grad, Function (custom forward/backward), gradcheck, gradgradcheck. */
export const autograd = { ...walkApi, Function: CustomFunction, gradcheck, gradgradcheck };
export { GradcheckError, jacobianMismatch } from './gradcheck';
export type { GradcheckOptions, GradgradcheckOptions, GradcheckMismatch } from './gradcheck';
export { CustomFunction, FunctionCtx } from './function';
export type { FunctionClass } from './function';
export type { BackwardOptions, GradOptions, BackwardStep } from './autograd';
export type { ZeroGradOptions } from './ops/inplace';
export { tensor, zeros, ones, full, eye, arange, linspace, zerosLike, onesLike, fullLike, fromFlat } from './creation';
export type { CreateOptions, NestedData } from './creation';
export { manualSeed, rand, randn, randint } from './random';
export { multinomial } from './ops/multinomial';
export { optim, Optimizer, SGD, Adam, AdamW, RMSprop, Adagrad } from './optim/index';
export type { SGDOptions, AdamOptions, RMSpropOptions, AdagradOptions } from './optim/index';
export { defineOp } from './ops/define';
export type { OpDef, Operand } from './ops/define';
export { ops, coreOps } from './ops/index';
export { F, functional } from './functional';
export * as nn from './nn/index';
export type { Reduction, ReductionOptions, GeluApproximate } from './functional';
export type { OpName } from './ops/index';
export type { IndexItem, IndexList, SliceItem } from './ops/getitem';

export { add, sub, mul, div, pow, neg, reciprocal, maximum, minimum, fmod, remainder } from './ops/arith';
export * from './ops/unary';
export { clamp, clampMin, clampMax, where } from './ops/clamp';
export { sum, mean, variance, variance as var, std, sumToShape } from './ops/reduce';
export { max, min, amax, amin, argmax } from './ops/minmax';
export { reshape, view, squeeze, unsqueeze, transpose, permute, expand, t, clone, contiguous, detach } from './ops/view';
export { select, slice, narrow } from './ops/indexing';
export { index } from './ops/getitem';
export { indexPut, indexPut_ } from './ops/index-put';
export { cat, stack } from './ops/join';
export { matmul, mm, bmm, mv, dot, addmm } from './ops/matmul';
export { gt, lt, ge, le, eq, ne } from './ops/compare';
export { flip, roll, repeat, tril, triu, maskedFill, flatten, unflatten } from './ops/rearrange';
export { cumsum, cumprod, prod } from './ops/scan';
export { norm } from './ops/norm';
export { gather, scatter, scatterAdd } from './ops/scatter';
export { split, chunk, unbind, sort, argsort, topk } from './ops/pieces';
export type { NormOrder } from './ops/norm';
export { isnan, isinf, isfinite, nanToNum, allclose, all, any } from './ops/predicates';
export type { NanToNumOptions, AllcloseOptions } from './ops/predicates';
