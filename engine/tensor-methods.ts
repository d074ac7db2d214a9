/**
 * PyTorch's Tensor methods that are ops, attached once to the class (engine/tensor.ts declares them,
 * with their types and docs, in the interface merged with it). Each is a thin call into engine/ops/.
 * This module sits above the ops and the backward walk; engine/index.ts loads it, so every tensor a
 * user of the library sees has them. Attached as class methods are: on the prototype, not enumerable.
 */
import { Tensor } from './tensor';
import type { TensorOps } from './tensor';
import * as A from './ops/arith';
import * as U from './ops/unary';
import * as R from './ops/reduce';
import * as V from './ops/view';
import * as I from './ops/indexing';
import * as G from './ops/getitem';
import * as IP from './ops/index-put';
import * as CV from './ops/convert';
import * as CS from './ops/cast';
import * as RA from './ops/rearrange';
import * as SC from './ops/scan';
import * as NR from './ops/norm';
import * as PR from './ops/predicates';
import * as PC from './ops/pieces';
import * as SG from './ops/scatter';
import * as M from './ops/matmul';
import * as P from './ops/inplace';
import * as PU from './ops/inplace-unary';
import * as NN from './ops/nn/softmax';
import * as W from './ops/clamp';
import * as C from './ops/compare';
import { regenerateHistory } from './ops/copy-slices';
import { backward } from './autograd';

/** Every method TensorOps declares (the compiler checks that none is missing), and `_regenerateHistory`. */
const methods: ThisType<Tensor> & Pick<Tensor, keyof TensorOps | '_regenerateHistory'> = {
  _regenerateHistory() { regenerateHistory(this); },
  tolist() { return V.toNested(this); },

  // ---- autograd ----
  backward(gradient, options = {}) { backward([this], gradient === undefined ? undefined : [gradient], options); },
  zeroGrad(options) { P.zeroGrad(this, options); },
  detach() { return V.detach(this); },
  get data() { return V.dataOf(this); },
  set data(v) { V.setData(this, v); },
  clone() { return V.clone(this); },
  contiguous() { return V.contiguous(this); },
  _accumulateGrad(g, createGraph, steal = false) { P.accumulateGrad(this, g, createGraph, steal); },
  // ---- elementwise ----
  add(o, alpha) { return A.add(this, o, alpha); },
  sub(o, alpha) { return A.sub(this, o, alpha); },
  mul(o) { return A.mul(this, o); },
  div(o) { return A.div(this, o); },
  pow(o) { return A.pow(this, o); },
  fmod(o) { return A.fmod(this, o); },
  remainder(o) { return A.remainder(this, o); },
  neg() { return A.neg(this); },
  reciprocal() { return A.reciprocal(this); },
  maximum(o) { return A.maximum(this, o); },
  minimum(o) { return A.minimum(this, o); },
  exp() { return U.exp(this); },
  log() { return U.log(this); },
  sqrt() { return U.sqrt(this); },
  abs() { return U.abs(this); },
  sin() { return U.sin(this); },
  cos() { return U.cos(this); },
  tanh() { return U.tanh(this); },
  sigmoid() { return U.sigmoid(this); },
  relu() { return U.relu(this); },
  square() { return A.pow(this, 2); },
  log1p() { return U.log1p(this); },
  expm1() { return U.expm1(this); },
  sinh() { return U.sinh(this); },
  cosh() { return U.cosh(this); },
  log2() { return U.log2(this); },
  log10() { return U.log10(this); },
  rsqrt() { return U.rsqrt(this); },
  round() { return U.round(this); },
  floor() { return U.floor(this); },
  ceil() { return U.ceil(this); },
  trunc() { return U.trunc(this); },
  sign() { return U.sign(this); },
  clampMin(min) { return W.clampMin(this, min); },
  clampMax(max) { return W.clampMax(this, max); },
  clamp(min, max) { return W.clamp(this, min, max); },
  where(cond, other) { return W.where(cond, this, other); },
  // ---- comparisons: bool masks, never differentiable ----
  gt(o) { return C.gt(this, o); },
  lt(o) { return C.lt(this, o); },
  ge(o) { return C.ge(this, o); },
  le(o) { return C.le(this, o); },
  eq(o) { return C.eq(this, o); },
  ne(o) { return C.ne(this, o); },
  // ---- reductions ----
  sum(dim, keepdim = false) { return R.sum(this, dim, keepdim); },
  mean(dim, keepdim = false) { return R.mean(this, dim, keepdim); },
  max: function max(this: Tensor, dim?: number, keepdim?: boolean): Tensor | { values: Tensor; indices: Tensor } { return dim === undefined ? R.max(this) : R.max(this, dim, keepdim); } as Tensor['max'],
  min: function min(this: Tensor, dim?: number, keepdim?: boolean): Tensor | { values: Tensor; indices: Tensor } { return dim === undefined ? R.min(this) : R.min(this, dim, keepdim); } as Tensor['min'],
  amax(dim = [], keepdim = false) { return R.amax(this, dim, keepdim); },
  argmax(dim, keepdim = false) { return R.argmax(this, dim, keepdim); },
  var(dim, unbiased, keepdim) { return R.variance(this, dim, unbiased, keepdim); },
  std(dim, unbiased, keepdim) { return R.std(this, dim, unbiased, keepdim); },
  prod(dim, keepdim = false) { return SC.prod(this, dim, keepdim); },
  cumsum(dim) { return SC.cumsum(this, dim); },
  cumprod(dim) { return SC.cumprod(this, dim); },
  norm(p = 2, dim, keepdim = false) { return NR.norm(this, p, dim, keepdim); },
  isnan() { return PR.isnan(this); },
  all(dim, keepdim = false) { return PR.all(this, dim, keepdim); },
  any(dim, keepdim = false) { return PR.any(this, dim, keepdim); },
  isinf() { return PR.isinf(this); },
  isfinite() { return PR.isfinite(this); },
  nanToNum(options) { return PR.nanToNum(this, options); },
  allclose(other, options) { return PR.allclose(this, other, options); },
  // ---- shape ----
  reshape(...shape) { return V.reshape(this, V.shapeArg(shape)); },
  view(...shape) { return V.view(this, V.shapeArg(shape)); },
  flatten(startDim = 0, endDim = -1) { return RA.flatten(this, startDim, endDim); },
  unflatten(dim, sizes) { return RA.unflatten(this, dim, sizes); },
  flip(dims) { return RA.flip(this, dims); },
  roll(shifts, dims) { return RA.roll(this, shifts, dims); },
  repeat(...sizes) { return RA.repeat(this, V.shapeArg(sizes)); },
  tril(diagonal = 0) { return RA.tril(this, diagonal); },
  triu(diagonal = 0) { return RA.triu(this, diagonal); },
  maskedFill(mask, value) { return RA.maskedFill(this, mask, value); },
  maskedFill_(mask, value) { return RA.maskedFill_(this, mask, value); },
  split(splitSize, dim = 0) { return PC.split(this, splitSize, dim); },
  chunk(chunks, dim = 0) { return PC.chunk(this, chunks, dim); },
  unbind(dim = 0) { return PC.unbind(this, dim); },
  gather(dim, index) { return SG.gather(this, dim, index); },
  scatter(dim, index, src) { return SG.scatter(this, dim, index, src); },
  scatterAdd(dim, index, src) { return SG.scatterAdd(this, dim, index, src); },
  sort(dim = -1, descending = false) { return PC.sort(this, dim, descending); },
  argsort(dim = -1, descending = false) { return PC.argsort(this, dim, descending); },
  topk(k, dim = -1, largest = true) { return PC.topk(this, k, dim, largest); },
  squeeze(dim) { return V.squeeze(this, dim); },
  unsqueeze(dim) { return V.unsqueeze(this, dim); },
  transpose(dim0, dim1) { return V.transpose(this, dim0, dim1); },
  t() { return V.t(this); },
  get T() { return V.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i)); },
  permute(...dims) { return V.permute(this, V.shapeArg(dims)); },
  expand(...size) { return V.expand(this, V.shapeArg(size)); },
  expandAs(o) { return V.expand(this, o.shape); },
  select(dim, index) { return I.select(this, dim, index); },
  slice(dim, start, end, step = 1) { return I.slice(this, dim, start, end, step); },
  narrow(dim, start, length) { return I.narrow(this, dim, start, length); },
  index(idx) { return G.index(this, idx); },
  indexPut(indices, values, accumulate = false) { return IP.indexPut(this, indices, values, accumulate); },
  indexPut_(indices, values, accumulate = false) { return IP.indexPut_(this, indices, values, accumulate); },
  int() { return CV.toInt(this); },
  long() { return CV.toLong(this); },
  float() { return CS.toFloat(this); },
  double() { return CS.toDouble(this); },
  bool() { return CS.toBool(this); },
  to(dtype) { return CS.to(this, dtype); },
  // ---- linear algebra ----
  matmul(o) { return M.matmul(this, o); },
  mm(o) { return M.mm(this, o); },
  bmm(o) { return M.bmm(this, o); },
  mv(o) { return M.mv(this, o); },
  dot(o) { return M.dot(this, o); },
  // ---- nn methods PyTorch has on tensors (implemented in engine/ops/nn) ----
  softmax(dim) { return NN.softmax(this, dim); },
  logSoftmax(dim) { return NN.logSoftmax(this, dim); },
  logsumexp(dim, keepdim = false) { return NN.logsumexp(this, dim, keepdim); },
  // ---- in-place ----
  add_(o, alpha) { return P.add_(this, o, alpha); },
  sub_(o, alpha) { return P.sub_(this, o, alpha); },
  mul_(o) { return P.mul_(this, o); },
  div_(o) { return P.div_(this, o); },
  zero_() { return P.zero_(this); },
  fill_(v) { return P.fill_(this, v); },
  copy_(src) { return P.copy_(this, src); },
  relu_() { return PU.relu_(this); },
  sigmoid_() { return PU.sigmoid_(this); },
  tanh_() { return PU.tanh_(this); },
  exp_() { return PU.exp_(this); },
  neg_() { return PU.neg_(this); },
  abs_() { return PU.abs_(this); },
  sqrt_() { return PU.sqrt_(this); },
  pow_(exponent) { return PU.pow_(this, exponent); },
  clamp_(min, max) { return PU.clamp_(this, min, max); },
  clampMin_(min) { return PU.clampMin_(this, min); },
  clampMax_(max) { return PU.clampMax_(this, max); },
};

for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(methods))) {
  Object.defineProperty(Tensor.prototype, name, { ...d, enumerable: false });
}
