/**
 * The Tensor: its state (values, torch's strides, version, gradient, where its gradient goes) is
 * engine/tensor-state.ts; this class adds PyTorch's methods, each a thin call into engine/ops/.
 */
import type { Dtype, Storage } from './dtype';
import { allocStorage, getDefaultDtype } from './dtype';
import { charge, chargeCompute } from './limits';
import type { GradFn } from './node';
import { TensorState } from './tensor-state';
import { isContiguousStrides, numelOf } from './shape';
import type { Shape } from './shape';
import { ArgumentError, AutogradError } from './errors';
import * as A from './ops/arith';
import * as U from './ops/unary';
import * as R from './ops/reduce';
import * as V from './ops/view';
import * as I from './ops/indexing';
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
import { regenerateHistory } from './ops/copy-slices';
import { backward } from './autograd';
import type { BackwardOptions } from './autograd';
import { formatTensor, printWork } from './print';
import type { IndexItem } from './ops/indexing';
import * as NN from './ops/nn/softmax';
import * as W from './ops/clamp';
import * as C from './ops/compare';

export type TensorLike = Tensor | number;
/** A shape passed as varargs (`x.view(2, 3)`) or as one list (`x.view([2, 3])`). */
export type ShapeArgs = (number | readonly number[])[];

export class Tensor extends TensorState {
  /**
   * See TensorState. (Written out: V8 inlines an explicit constructor where a tensor is made, but
   * not the implicit one of a subclass, which forwards its arguments as a list.)
   */
  constructor(data: Storage | null, shape: Shape, dtype: Dtype, single?: number, id?: number) {
    super(data, shape, dtype, single, id);
  }

  /** See TensorState: a view's history after its base changed in place. */
  protected _regenerate(): void { regenerateHistory(this); }

  /** A single-element result without storage (scalar graphs allocate no typed arrays). @internal */
  static single(op: string, shape: Shape, dtype: Dtype, v: number): Tensor {
    charge(op, 1);
    return new Tensor(null, shape, dtype, dtype === 'float32' ? Math.fround(v) : v);
  }

  /** An uninitialised (zero-filled) tensor; charges the element budget before allocating. @internal */
  static empty(op: string, shape: Shape, dtype: Dtype): Tensor {
    const n = numelOf(shape);
    charge(op, n);
    return new Tensor(allocStorage(dtype, n), shape, dtype);
  }

  get ndim(): number { return this.shape.length; }
  size(dim?: number): number | readonly number[] { return dim === undefined ? this.shape : this.shape[dim < 0 ? dim + this.shape.length : dim]; }
  isContiguous(): boolean {
    const st = this._torchStrides();
    return st === null || isContiguousStrides(this.shape, st);
  }
  /** torch's strides (dense row-major unless a view op made them otherwise). */
  strides(): readonly number[] { return this._torchStrides() ?? V.denseStrides(this.shape); }

  item(): number {
    const s = this._single();
    if (s !== null) return s;
    const d = this.dataSync();
    if (d.length !== 1) throw new ArgumentError('item', `a Tensor with ${d.length} elements cannot be converted to Scalar`);
    return d[0];
  }
  tolist(): unknown {
    return V.toNested(this);
  }
  /** `console.log(t)` under Node prints what PyTorch's `print(t)` does, not the object's fields. */
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
  override toString(): string {
    chargeCompute('toString', printWork(this.shape));
    return formatTensor({ shape: this.shape, dtype: this.dtype, data: this.dataSync(), gradFnName: this._gradFnName(), requiresGrad: this.requiresGrad, isLeaf: this.isLeaf }, getDefaultDtype());
  }

  // ---- autograd ----
  backward(gradient?: Tensor | number, options: BackwardOptions = {}): void {
    backward([this], gradient === undefined ? undefined : [gradient], options);
  }
  retainGrad(): void {
    if (!this.requiresGrad) throw new AutogradError('retainGrad', "can't retain_grad on Tensor that has requires_grad=False");
    if (this.gradFn !== null) this.gradFn.retained = this;
  }
  requiresGrad_(on = true): this {
    if (!this.isLeaf && !on) throw new AutogradError('requiresGrad_', 'you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn\'t require differentiation use var_no_grad = var.detach().');
    if (on && this.dtype !== 'float32' && this.dtype !== 'float64') {
      throw new AutogradError('requiresGrad_', 'only Tensors of floating point and complex dtype can require gradients');
    }
    if (this.isLeaf) this.requiresGrad = on;
    return this;
  }
  /** Clear `.grad`: to null by default (torch >= 2.0), to zeros with `{ setToNone: false }` (torch 1.13). */
  zeroGrad(options?: P.ZeroGradOptions): void { P.zeroGrad(this, options); }
  detach(): Tensor { return V.detach(this); }
  /**
   * torch's `.data`: the same storage without history, with a version counter of its own, for the
   * update idiom `w.data.sub_(w.grad.mul(lr))`. The values as a typed array: `dataSync()`.
   */
  get data(): Tensor { return V.dataOf(this); }
  set data(v: Tensor) { V.setData(this, v); }
  clone(): Tensor { return V.clone(this); }
  contiguous(): Tensor { return V.contiguous(this); }
  get gradFnNode(): GradFn | null { return this.gradFn; }
  /** Add an arriving gradient into `.grad` (in place when it exists, like torch). @internal */
  _accumulateGrad(g: Tensor, createGraph: boolean, steal = false): void { P.accumulateGrad(this, g, createGraph, steal); }

  // ---- elementwise ----
  add(o: TensorLike, alpha?: number): Tensor { return A.add(this, o, alpha); }
  sub(o: TensorLike, alpha?: number): Tensor { return A.sub(this, o, alpha); }
  mul(o: TensorLike): Tensor { return A.mul(this, o); }
  div(o: TensorLike): Tensor { return A.div(this, o); }
  pow(o: TensorLike): Tensor { return A.pow(this, o); }
  /** Remainder of division truncated toward zero (torch.fmod: the sign of self). */
  fmod(o: TensorLike): Tensor { return A.fmod(this, o); }
  /** Remainder of floor division (torch.remainder, Python's %: the sign of the divisor). */
  remainder(o: TensorLike): Tensor { return A.remainder(this, o); }
  neg(): Tensor { return A.neg(this); }
  reciprocal(): Tensor { return A.reciprocal(this); }
  maximum(o: Tensor): Tensor { return A.maximum(this, o); }
  minimum(o: Tensor): Tensor { return A.minimum(this, o); }
  exp(): Tensor { return U.exp(this); }
  log(): Tensor { return U.log(this); }
  sqrt(): Tensor { return U.sqrt(this); }
  abs(): Tensor { return U.abs(this); }
  sin(): Tensor { return U.sin(this); }
  cos(): Tensor { return U.cos(this); }
  tanh(): Tensor { return U.tanh(this); }
  sigmoid(): Tensor { return U.sigmoid(this); }
  relu(): Tensor { return U.relu(this); }
  /** torch.square: self ** 2 (PowBackward0, as torch 1.13 records it). */
  square(): Tensor { return A.pow(this, 2); }
  log1p(): Tensor { return U.log1p(this); }
  expm1(): Tensor { return U.expm1(this); }
  sinh(): Tensor { return U.sinh(this); }
  cosh(): Tensor { return U.cosh(this); }
  log2(): Tensor { return U.log2(this); }
  log10(): Tensor { return U.log10(this); }
  rsqrt(): Tensor { return U.rsqrt(this); }
  /** Rounds half to even (2.5 -> 2), as torch.round. Zero gradient. */
  round(): Tensor { return U.round(this); }
  floor(): Tensor { return U.floor(this); }
  ceil(): Tensor { return U.ceil(this); }
  trunc(): Tensor { return U.trunc(this); }
  /** -1, 0 or 1; NaN gives 0, as torch.sign. Zero gradient. */
  sign(): Tensor { return U.sign(this); }
  clampMin(min: number): Tensor { return W.clampMin(this, min); }
  clampMax(max: number): Tensor { return W.clampMax(this, max); }
  clamp(min?: number | null, max?: number | null): Tensor { return W.clamp(this, min, max); }
  where(cond: Tensor, other: TensorLike): Tensor { return W.where(cond, this, other); }

  // ---- comparisons: bool masks, never differentiable ----
  gt(o: TensorLike): Tensor { return C.gt(this, o); }
  lt(o: TensorLike): Tensor { return C.lt(this, o); }
  ge(o: TensorLike): Tensor { return C.ge(this, o); }
  le(o: TensorLike): Tensor { return C.le(this, o); }
  eq(o: TensorLike): Tensor { return C.eq(this, o); }
  ne(o: TensorLike): Tensor { return C.ne(this, o); }

  // ---- reductions ----
  sum(dim?: number | readonly number[] | null, keepdim = false): Tensor { return R.sum(this, dim, keepdim); }
  mean(dim?: number | readonly number[] | null, keepdim = false): Tensor { return R.mean(this, dim, keepdim); }
  max(): Tensor;
  max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  max(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } { return dim === undefined ? R.max(this) : R.max(this, dim, keepdim); }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  min(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } { return dim === undefined ? R.min(this) : R.min(this, dim, keepdim); }
  amax(dim: number | readonly number[] = [], keepdim = false): Tensor { return R.amax(this, dim, keepdim); }
  argmax(dim?: number, keepdim = false): Tensor { return R.argmax(this, dim, keepdim); }
  var(dim?: number | readonly number[] | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean): Tensor { return R.variance(this, dim, unbiased, keepdim); }
  std(dim?: number | readonly number[] | boolean | null, unbiased?: boolean | R.VarOptions, keepdim?: boolean): Tensor { return R.std(this, dim, unbiased, keepdim); }
  /** Product of all elements, or along dim. Integers give int64. */
  prod(dim?: number, keepdim = false): Tensor { return SC.prod(this, dim, keepdim); }
  cumsum(dim: number): Tensor { return SC.cumsum(this, dim); }
  cumprod(dim: number): Tensor { return SC.cumprod(this, dim); }
  /** Vector norm: p = 2 (default), 1, Infinity, -Infinity, any number, or 'fro'; over dim or all elements. */
  norm(p: NR.NormOrder = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor { return NR.norm(this, p, dim, keepdim); }
  isnan(): Tensor { return PR.isnan(this); }
  /** torch's `all()`: every element non-zero (over `dim` when given); a bool tensor. */
  all(dim?: number | null, keepdim = false): Tensor { return PR.all(this, dim, keepdim); }
  /** torch's `any()`: some element non-zero (over `dim` when given); a bool tensor. */
  any(dim?: number | null, keepdim = false): Tensor { return PR.any(this, dim, keepdim); }
  isinf(): Tensor { return PR.isinf(this); }
  isfinite(): Tensor { return PR.isfinite(this); }
  /** NaN to `nan` (0), +-Infinity to posinf/neginf (the dtype's largest finite values). */
  nanToNum(options?: PR.NanToNumOptions): Tensor { return PR.nanToNum(this, options); }
  /** Whether every element is within atol + rtol * |other| of other's. */
  allclose(other: Tensor, options?: PR.AllcloseOptions): boolean { return PR.allclose(this, other, options); }

  // ---- shape ----
  reshape(...shape: ShapeArgs): Tensor { return V.reshape(this, V.shapeArg(shape)); }
  view(...shape: ShapeArgs): Tensor { return V.view(this, V.shapeArg(shape)); }
  /** Dims startDim..endDim merged (all by default), as torch.flatten. */
  flatten(startDim = 0, endDim = -1): Tensor { return RA.flatten(this, startDim, endDim); }
  /** Dim `dim` split into `sizes` (one may be -1). */
  unflatten(dim: number, sizes: readonly number[]): Tensor { return RA.unflatten(this, dim, sizes); }
  flip(dims: number | readonly number[]): Tensor { return RA.flip(this, dims); }
  /** Elements shifted along dims, wrapping around; without dims over the flattened tensor. */
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor { return RA.roll(this, shifts, dims); }
  /** Tiled `sizes[i]` times along each dim (extra leading sizes add dims), as torch's repeat. */
  repeat(...sizes: ShapeArgs): Tensor { return RA.repeat(this, V.shapeArg(sizes)); }
  /** The lower triangle (j - i <= diagonal) of each matrix in the last two dims; zeros above. */
  tril(diagonal = 0): Tensor { return RA.tril(this, diagonal); }
  /** The upper triangle (j - i >= diagonal); zeros below. */
  triu(diagonal = 0): Tensor { return RA.triu(this, diagonal); }
  /** A copy with `value` where the bool mask (broadcast) is true. */
  maskedFill(mask: Tensor, value: number): Tensor { return RA.maskedFill(this, mask, value); }
  maskedFill_(mask: Tensor, value: number): this { return RA.maskedFill_(this, mask, value); }
  /** Pieces of splitSize along dim (the last may be smaller), or of the listed sizes. */
  split(splitSize: number | readonly number[], dim = 0): Tensor[] { return PC.split(this, splitSize, dim); }
  /** `chunks` pieces of ceil(n / chunks) along dim (possibly fewer pieces). */
  chunk(chunks: number, dim = 0): Tensor[] { return PC.chunk(this, chunks, dim); }
  /** The slices along dim, that dim removed. */
  unbind(dim = 0): Tensor[] { return PC.unbind(this, dim); }
  /** out[...i...] = self[...index[...i...]...] along dim (index int64, same ndim). */
  gather(dim: number, index: Tensor): Tensor { return SG.gather(this, dim, index); }
  /** A copy with src (or a number) written at the indexed positions along dim. */
  scatter(dim: number, index: Tensor, src: Tensor | number): Tensor { return SG.scatter(this, dim, index, src); }
  /** A copy with src added at the indexed positions along dim. */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor { return SG.scatterAdd(this, dim, index, src); }
  /** Sorted along dim (stable; NaN sorts above every number), with the int64 indices. */
  sort(dim = -1, descending = false): { values: Tensor; indices: Tensor } { return PC.sort(this, dim, descending); }
  argsort(dim = -1, descending = false): Tensor { return PC.argsort(this, dim, descending); }
  /** The k largest (or smallest) along dim, sorted, with their int64 indices. */
  topk(k: number, dim = -1, largest = true): { values: Tensor; indices: Tensor } { return PC.topk(this, k, dim, largest); }
  squeeze(dim?: number): Tensor { return V.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return V.unsqueeze(this, dim); }
  transpose(dim0: number, dim1: number): Tensor { return V.transpose(this, dim0, dim1); }
  t(): Tensor { return V.t(this); }
  get T(): Tensor { return V.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i)); }
  permute(...dims: ShapeArgs): Tensor { return V.permute(this, V.shapeArg(dims)); }
  expand(...size: ShapeArgs): Tensor { return V.expand(this, V.shapeArg(size)); }
  expandAs(o: Tensor): Tensor { return V.expand(this, o.shape); }
  select(dim: number, index: number): Tensor { return I.select(this, dim, index); }
  slice(dim: number, start?: number | null, end?: number | null, step = 1): Tensor { return I.slice(this, dim, start, end, step); }
  narrow(dim: number, start: number, length: number): Tensor { return I.narrow(this, dim, start, length); }
  /** PyTorch getitem `x[...]`: ints, slices ({} is ':'), null (new axis), '...', booleans, index tensors, arrays. */
  index(idx: readonly IndexItem[] | IndexItem): Tensor { return I.index(this, idx); }
  /** torch.index_put: a copy with values written (or added) at the positions the index tensors pick. */
  indexPut(indices: readonly Tensor[], values: Tensor | number, accumulate = false): Tensor { return IP.indexPut(this, indices, values, accumulate); }
  indexPut_(indices: readonly Tensor[], values: Tensor | number, accumulate = false): this { return IP.indexPut_(this, indices, values, accumulate); }
  /** Conversions to int32 / int64 (truncating; not differentiable, like torch's). */
  int(): Tensor { return CV.toInt(this); }
  long(): Tensor { return CV.toLong(this); }
  /** float32 (ToCopyBackward0 from another float dtype; itself when already float32). */
  float(): Tensor { return CS.toFloat(this); }
  /** float64 (ToCopyBackward0 from another float dtype; itself when already float64). */
  double(): Tensor { return CS.toDouble(this); }
  /** bool: nonzero (and NaN) is true; not differentiable. */
  bool(): Tensor { return CS.toBool(this); }
  /** Cast to a dtype ('float32', 'float64', 'int32', 'int64', 'bool') or to another tensor's dtype. */
  to(dtype: Dtype | Tensor): Tensor { return CS.to(this, dtype); }

  // ---- linear algebra ----
  matmul(o: Tensor): Tensor { return M.matmul(this, o); }
  mm(o: Tensor): Tensor { return M.mm(this, o); }
  bmm(o: Tensor): Tensor { return M.bmm(this, o); }
  mv(o: Tensor): Tensor { return M.mv(this, o); }
  dot(o: Tensor): Tensor { return M.dot(this, o); }

  // ---- nn methods PyTorch has on tensors (implemented in engine/ops/nn) ----
  softmax(dim: number): Tensor { return NN.softmax(this, dim); }
  logSoftmax(dim: number): Tensor { return NN.logSoftmax(this, dim); }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor { return NN.logsumexp(this, dim, keepdim); }

  // ---- in-place ----
  add_(o: TensorLike, alpha?: number): this { return P.add_(this, o, alpha); }
  sub_(o: TensorLike, alpha?: number): this { return P.sub_(this, o, alpha); }
  mul_(o: TensorLike): this { return P.mul_(this, o); }
  div_(o: TensorLike): this { return P.div_(this, o); }
  zero_(): this { return P.zero_(this); }
  fill_(v: number): this { return P.fill_(this, v); }
  copy_(src: Tensor): this { return P.copy_(this, src); }
}
