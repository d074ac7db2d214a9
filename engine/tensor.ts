/**
 * The Tensor: its state (values, torch's strides, version, gradient, where its gradient goes) is
 * engine/tensor-state.ts; this class adds what needs no op. PyTorch's methods that are ops are
 * declared below (the interface merged with the class: their types and docs) and attached once, as
 * thin calls into engine/ops/, by engine/tensor-methods.ts, which engine/index.ts loads: the ops
 * make and read tensors, so the class sits below them and imports none.
 */
import type { Dtype, Storage } from './dtype';
import { allocStorage, getDefaultDtype } from './dtype';
import { charge, chargeCompute } from './limits';
import type { GradFn } from './node';
import { TensorState } from './tensor-state';
import { contiguousStrides, isContiguousStrides, numelOf } from './shape';
import type { Shape } from './shape';
import { ArgumentError, AutogradError } from './errors';
import type { BackwardOptions } from './autograd';
import { formatTensor, printWork } from './print';
import type { IndexItem } from './ops/getitem';
import type { ZeroGradOptions } from './ops/inplace';
import type { VarOptions } from './ops/reduce';
import type { NormOrder } from './ops/norm';
import type { AllcloseOptions, NanToNumOptions } from './ops/predicates';

export type TensorLike = Tensor | number;
/** A shape passed as varargs (`x.view(2, 3)`) or as one list (`x.view([2, 3])`). */
export type ShapeArgs = (number | readonly number[])[];

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface's methods are on the prototype (tensor-methods.ts)
export class Tensor extends TensorState {
  /**
   * See TensorState. (Written out: V8 inlines an explicit constructor where a tensor is made, but
   * not the implicit one of a subclass, which forwards its arguments as a list.)
   */
  constructor(data: Storage | null, shape: Shape, dtype: Dtype, single?: number, id?: number) {
    super(data, shape, dtype, single, id);
  }

  /** See TensorState: a view's history after its base changed in place (AsStridedBackward0 of the base's). */
  protected _regenerate(): void { this._regenerateHistory(); }

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
  strides(): readonly number[] { return this._torchStrides() ?? contiguousStrides(this.shape); }

  /** The one element as a number; a bool tensor gives 1 or 0 (PyTorch: True/False; one type for every dtype). */
  item(): number {
    const s = this._single();
    if (s !== null) return s;
    const d = this.dataSync();
    if (d.length !== 1) throw new ArgumentError('item', `a Tensor with ${d.length} elements cannot be converted to Scalar`);
    return d[0];
  }
  /** `console.log(t)` under Node prints what PyTorch's `print(t)` does, not the object's fields. */
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
  override toString(): string {
    chargeCompute('toString', printWork(this.shape));
    return formatTensor({ shape: this.shape, dtype: this.dtype, data: this.dataSync(), gradFnName: this._gradFnName(), requiresGrad: this.requiresGrad, isLeaf: this.isLeaf }, getDefaultDtype());
  }

  // ---- autograd ----
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
  get gradFnNode(): GradFn | null { return this.gradFn; }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface Tensor extends TensorOps {
  /** `_regenerate`'s work, an op (engine/ops/copy-slices.ts). @internal */
  _regenerateHistory(): void;
}

/** PyTorch's methods that are ops (engine/tensor-methods.ts attaches them to the class above). */
export interface TensorOps {
  tolist(): unknown;

  // ---- autograd ----
  backward(gradient?: Tensor | number, options?: BackwardOptions): void;
  /** Clear `.grad`: to null by default (torch >= 2.0), to zeros with `{ setToNone: false }` (torch 1.13). */
  zeroGrad(options?: ZeroGradOptions): void;
  detach(): Tensor;
  /**
   * torch's `.data`: the same storage without history, with a version counter of its own, for the
   * update idiom `w.data.sub_(w.grad.mul(lr))`. The values as a typed array: `dataSync()`.
   */
  get data(): Tensor;
  set data(v: Tensor);
  clone(): Tensor;
  contiguous(): Tensor;
  /** Add an arriving gradient into `.grad` (in place when it exists, like torch). @internal */
  _accumulateGrad(g: Tensor, createGraph: boolean, steal?: boolean): void;
  // ---- elementwise ----
  add(o: TensorLike, alpha?: number): Tensor;
  sub(o: TensorLike, alpha?: number): Tensor;
  mul(o: TensorLike): Tensor;
  div(o: TensorLike): Tensor;
  pow(o: TensorLike): Tensor;
  /** Remainder of division truncated toward zero (torch.fmod: the sign of self). */
  fmod(o: TensorLike): Tensor;
  /** Remainder of floor division (torch.remainder, Python's %: the sign of the divisor). */
  remainder(o: TensorLike): Tensor;
  neg(): Tensor;
  reciprocal(): Tensor;
  maximum(o: Tensor): Tensor;
  minimum(o: Tensor): Tensor;
  exp(): Tensor;
  log(): Tensor;
  sqrt(): Tensor;
  abs(): Tensor;
  sin(): Tensor;
  cos(): Tensor;
  tanh(): Tensor;
  sigmoid(): Tensor;
  relu(): Tensor;
  /** torch.square: self ** 2 (PowBackward0, as torch 1.13 records it). */
  square(): Tensor;
  log1p(): Tensor;
  expm1(): Tensor;
  sinh(): Tensor;
  cosh(): Tensor;
  log2(): Tensor;
  log10(): Tensor;
  rsqrt(): Tensor;
  /** Rounds half to even (2.5 -> 2), as torch.round. Zero gradient. */
  round(): Tensor;
  floor(): Tensor;
  ceil(): Tensor;
  trunc(): Tensor;
  /** -1, 0 or 1; NaN gives 0, as torch.sign. Zero gradient. */
  sign(): Tensor;
  clampMin(min: number): Tensor;
  clampMax(max: number): Tensor;
  clamp(min?: number | null, max?: number | null): Tensor;
  where(cond: Tensor, other: TensorLike): Tensor;
  // ---- comparisons: bool masks, never differentiable ----
  gt(o: TensorLike): Tensor;
  lt(o: TensorLike): Tensor;
  ge(o: TensorLike): Tensor;
  le(o: TensorLike): Tensor;
  eq(o: TensorLike): Tensor;
  ne(o: TensorLike): Tensor;
  // ---- reductions ----
  sum(dim?: number | readonly number[] | null, keepdim?: boolean): Tensor;
  mean(dim?: number | readonly number[] | null, keepdim?: boolean): Tensor;
  max(): Tensor;
  max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  min(): Tensor;
  min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  amax(dim?: number | readonly number[], keepdim?: boolean): Tensor;
  argmax(dim?: number, keepdim?: boolean): Tensor;
  var(dim?: number | readonly number[] | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean): Tensor;
  std(dim?: number | readonly number[] | boolean | null, unbiased?: boolean | VarOptions, keepdim?: boolean): Tensor;
  /** Product of all elements, or along dim. Integers give int64. */
  prod(dim?: number, keepdim?: boolean): Tensor;
  cumsum(dim: number): Tensor;
  cumprod(dim: number): Tensor;
  /** Vector norm: p = 2 (default), 1, Infinity, -Infinity, any number, or 'fro'; over dim or all elements. */
  norm(p?: NormOrder, dim?: number | readonly number[] | null, keepdim?: boolean): Tensor;
  isnan(): Tensor;
  /** torch's `all()`: every element non-zero (over `dim` when given); a bool tensor. */
  all(dim?: number | null, keepdim?: boolean): Tensor;
  /** torch's `any()`: some element non-zero (over `dim` when given); a bool tensor. */
  any(dim?: number | null, keepdim?: boolean): Tensor;
  isinf(): Tensor;
  isfinite(): Tensor;
  /** NaN to `nan` (0), +-Infinity to posinf/neginf (the dtype's largest finite values). */
  nanToNum(options?: NanToNumOptions): Tensor;
  /** Whether every element is within atol + rtol * |other| of other's. */
  allclose(other: Tensor, options?: AllcloseOptions): boolean;
  // ---- shape ----
  reshape(...shape: ShapeArgs): Tensor;
  view(...shape: ShapeArgs): Tensor;
  /** Dims startDim..endDim merged (all by default), as torch.flatten. */
  flatten(startDim?: number, endDim?: number): Tensor;
  /** Dim `dim` split into `sizes` (one may be -1). */
  unflatten(dim: number, sizes: readonly number[]): Tensor;
  flip(dims: number | readonly number[]): Tensor;
  /** Elements shifted along dims, wrapping around; without dims over the flattened tensor. */
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor;
  /** Tiled `sizes[i]` times along each dim (extra leading sizes add dims), as torch's repeat. */
  repeat(...sizes: ShapeArgs): Tensor;
  /** The lower triangle (j - i <= diagonal) of each matrix in the last two dims; zeros above. */
  tril(diagonal?: number): Tensor;
  /** The upper triangle (j - i >= diagonal); zeros below. */
  triu(diagonal?: number): Tensor;
  /** A copy with `value` where the bool mask (broadcast) is true. */
  maskedFill(mask: Tensor, value: number): Tensor;
  maskedFill_(mask: Tensor, value: number): this;
  /** Pieces of splitSize along dim (the last may be smaller), or of the listed sizes. */
  split(splitSize: number | readonly number[], dim?: number): Tensor[];
  /** `chunks` pieces of ceil(n / chunks) along dim (possibly fewer pieces). */
  chunk(chunks: number, dim?: number): Tensor[];
  /** The slices along dim, that dim removed. */
  unbind(dim?: number): Tensor[];
  /** out[...i...] = self[...index[...i...]...] along dim (index int64, same ndim). */
  gather(dim: number, index: Tensor): Tensor;
  /** A copy with src (or a number) written at the indexed positions along dim. */
  scatter(dim: number, index: Tensor, src: Tensor | number): Tensor;
  /** A copy with src added at the indexed positions along dim. */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
  /** Sorted along dim (stable; NaN sorts above every number), with the int64 indices. */
  sort(dim?: number, descending?: boolean): { values: Tensor; indices: Tensor };
  argsort(dim?: number, descending?: boolean): Tensor;
  /** The k largest (or smallest) along dim, sorted, with their int64 indices. */
  topk(k: number, dim?: number, largest?: boolean): { values: Tensor; indices: Tensor };
  squeeze(dim?: number): Tensor;
  unsqueeze(dim: number): Tensor;
  transpose(dim0: number, dim1: number): Tensor;
  t(): Tensor;
  get T(): Tensor;
  permute(...dims: ShapeArgs): Tensor;
  expand(...size: ShapeArgs): Tensor;
  expandAs(o: Tensor): Tensor;
  select(dim: number, index: number): Tensor;
  slice(dim: number, start?: number | null, end?: number | null, step?: number): Tensor;
  narrow(dim: number, start: number, length: number): Tensor;
  /** PyTorch getitem `x[...]`: ints, slices ({} is ':'), null (new axis), '...', booleans, index tensors, arrays. */
  index(idx: readonly IndexItem[] | IndexItem): Tensor;
  /** torch.index_put: a copy with values written (or added) at the positions the index tensors pick. */
  indexPut(indices: readonly Tensor[], values: Tensor | number, accumulate?: boolean): Tensor;
  indexPut_(indices: readonly Tensor[], values: Tensor | number, accumulate?: boolean): this;
  /** Conversions to int32 / int64 (truncating; not differentiable, like torch's). */
  int(): Tensor;
  long(): Tensor;
  /** float32 (ToCopyBackward0 from another float dtype; itself when already float32). */
  float(): Tensor;
  /** float64 (ToCopyBackward0 from another float dtype; itself when already float64). */
  double(): Tensor;
  /** bool: nonzero (and NaN) is true; not differentiable. */
  bool(): Tensor;
  /** Cast to a dtype ('float32', 'float64', 'int32', 'int64', 'bool') or to another tensor's dtype. */
  to(dtype: Dtype | Tensor): Tensor;
  // ---- linear algebra ----
  matmul(o: Tensor): Tensor;
  mm(o: Tensor): Tensor;
  bmm(o: Tensor): Tensor;
  mv(o: Tensor): Tensor;
  dot(o: Tensor): Tensor;
  // ---- nn methods PyTorch has on tensors (implemented in engine/ops/nn) ----
  softmax(dim: number): Tensor;
  logSoftmax(dim: number): Tensor;
  logsumexp(dim: number | readonly number[], keepdim?: boolean): Tensor;
  // ---- in-place ----
  add_(o: TensorLike, alpha?: number): this;
  sub_(o: TensorLike, alpha?: number): this;
  mul_(o: TensorLike): this;
  div_(o: TensorLike): this;
  zero_(): this;
  fill_(v: number): this;
  copy_(src: Tensor): this;
  /** The in-place unary ops: self's values replaced, grad_fn the out-of-place op's (ReluBackward0, ...). */
  relu_(): this;
  sigmoid_(): this;
  tanh_(): this;
  exp_(): this;
  neg_(): this;
  abs_(): this;
  sqrt_(): this;
  /** self ** exponent in place (a number exponent; PowBackward0). */
  pow_(exponent: number): this;
  /** Clamp in place; either bound may be omitted (null), not both (ClampBackward1). */
  clamp_(min?: number | null, max?: number | null): this;
  clampMin_(min: number): this;
  clampMax_(max: number): this;
}
