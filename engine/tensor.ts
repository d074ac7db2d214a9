/**
 * The Tensor: a flat typed array in row-major order, a shape and a dtype, plus autograd fields.
 * Data is always stored densely for its own shape; `_vstrides` records the strides torch would
 * have (after transpose/permute/expand/slice), only so that reshape/view/matmul pick torch's
 * decompositions and grad_fn names. Methods are thin: every op lives in engine/ops/.
 */
import type { Dtype, Storage } from './dtype';
import { allocStorage, getDefaultDtype } from './dtype';
import { charge } from './limits';
import { counters } from './node';
import type { GradFn } from './node';
import type { AccumulateGrad, Node } from './node';
import type { Tape } from './tape';
import { isContiguousStrides, numelOf } from './shape';
import type { Shape } from './shape';
import { ArgumentError, AutogradError } from './errors';
import * as A from './ops/arith';
import * as U from './ops/unary';
import * as R from './ops/reduce';
import * as V from './ops/view';
import * as I from './ops/indexing';
import * as M from './ops/matmul';
import * as P from './ops/inplace';
import { backward } from './autograd';
import type { BackwardOptions } from './autograd';
import { formatTensor } from './print';
import type { IndexItem } from './ops/indexing';
import * as NN from './ops/nn/softmax';
import * as W from './ops/clamp';
import * as C from './ops/compare';
import { materialise } from './lazy/defer';
import type { LazyNode } from './lazy/node';
import { release } from './lazy/pool';

export type TensorLike = Tensor | number;
/** A shape passed as varargs (`x.view(2, 3)`) or as one list (`x.view([2, 3])`). */
export type ShapeArgs = (number | readonly number[])[];

/**
 * The fields most tensors never set, apart: a scalar graph makes one Tensor per op, and their size
 * decides how often the young-generation GC runs (W4: 25% fewer collections without these five).
 */
class Rare {
  /** torch's strides when they differ from the dense row-major ones (null = contiguous). */
  vstrides: number[] | null = null;
  /** The tensor whose storage (and version counter) this view shares, or null. */
  base: Tensor | null = null;
  /** The storage's version counter (bumped by in-place ops). */
  ver = 0;
  grad: Tensor | null = null;
  /** `.grad` was read since it was set: its buffer may be held outside the engine (engine/lazy/pool). */
  gradSeen = false;
  acc: AccumulateGrad | null = null;
  /** Deferred elementwise values (engine/lazy): `_d` is null until `data` computes them. */
  lz: LazyNode | null = null;
}

export class Tensor {
  /** Unique, increasing: the analyzer's handle on a tensor. */
  readonly id: number;
  requiresGrad = false;
  /** See Rare: created on the first non-default write. */
  private _x: Rare | null = null;
  /** The grad function when it is an object (null for leaves and for results in compact slots). */
  _fn: Node | null = null;
  /** A single-element result recorded in a compact slot of the tape: its segment and slot (null / -1 otherwise). */
  _tape: Tape | null = null;
  _slot = -1;

  /** The storage, or null while a single element lives in `_s` (no typed array until `data` is read). */
  _d: Storage | null;
  /** The element of a single-element tensor whose storage is not materialised yet (already rounded). */
  readonly _s: number;

  /** `id`: given only when a tape rebuilds a tensor it recorded earlier (same id). */
  constructor(data: Storage | null, readonly shape: Shape, readonly dtype: Dtype, single = 0, id = ++counters.tensor) {
    this._d = data;
    this._s = single;
    this.id = id;
  }

  private rare(): Rare {
    return (this._x ??= new Rare());
  }
  get _vstrides(): number[] | null { return this._x === null ? null : this._x.vstrides; }
  set _vstrides(v: number[] | null) { if (v !== null || this._x !== null) this.rare().vstrides = v; }
  get _base(): Tensor | null { return this._x === null ? null : this._x.base; }
  set _base(v: Tensor | null) { if (v !== null || this._x !== null) this.rare().base = v; }
  get _ver(): number { return this._x === null ? 0 : this._x.ver; }
  set _ver(v: number) { this.rare().ver = v; }
  /** torch's `.grad`. A read counts as exposing the buffer; engine code uses `_g`. */
  get grad(): Tensor | null {
    const x = this._x;
    if (x === null) return null;
    x.gradSeen = true;
    return x.grad;
  }
  /** Replacing or clearing `.grad` lets an unread engine-made gradient buffer be reused (engine/lazy/pool). */
  set grad(v: Tensor | null) {
    const x = this._x;
    const unread = x !== null && x.grad !== null && x.grad !== v && !x.gradSeen;
    if (unread) release(x.grad!);
    this._g = v;
  }
  /** The gradient, for engine code (not a read of `.grad`); setting it starts unseen. */
  get _g(): Tensor | null { return this._x === null ? null : this._x.grad; }
  set _g(v: Tensor | null) {
    if (v === null && this._x === null) return;
    const x = this.rare();
    x.grad = v;
    x.gradSeen = false;
  }
  get _acc(): AccumulateGrad | null { return this._x === null ? null : this._x.acc; }
  set _acc(v: AccumulateGrad | null) { if (v !== null || this._x !== null) this.rare().acc = v; }
  get _lz(): LazyNode | null { return this._x === null ? null : this._x.lz; }
  set _lz(v: LazyNode | null) { if (v !== null || this._x !== null) this.rare().lz = v; }

  /** PyTorch's grad_fn. A tape-recorded result builds its node on first read (then the same object). */
  get gradFn(): Node | null {
    const f = this._fn;
    return f !== null || this._tape === null ? f : this._tape.node(this._slot, this);
  }
  /** Setting a grad function (recording, in-place rebasing) takes the tensor off the tape. */
  set gradFn(f: Node | null) {
    this._fn = f;
    this._tape = null;
    this._slot = -1;
  }

  /**
   * Flat row-major values (typed array). Single-element op results create theirs on first access.
   * Change values through the in-place ops (`add_`, `copy_`, `fill_`, `zero_`, optimizers), not by
   * writing into this array: a large elementwise result made earlier may still be deferred
   * (engine/lazy) and would then read the new values, where the in-place ops keep the old ones for it.
   */
  get data(): Storage {
    let d = this._d;
    if (d === null) {
      if (this._lz !== null) return materialise(this);
      d = allocStorage(this.dtype, 1);
      d[0] = this._s;
      this._d = d;
    }
    return d;
  }

  /** A single-element result without storage (scalar graphs allocate no typed arrays). */
  static single(op: string, shape: Shape, dtype: Dtype, v: number): Tensor {
    charge(op, 1);
    return new Tensor(null, shape, dtype, dtype === 'float32' ? Math.fround(v) : v);
  }
  /** True when the tensor holds exactly one element (without materialising storage). */
  _isSingle(): boolean {
    return this._d === null ? this._lz === null || this._lz.n === 1 : this._d.length === 1;
  }
  /** The first element (without materialising storage). */
  _first(): number {
    return this._d === null ? (this._lz === null ? this._s : this.data[0]) : this._d[0];
  }

  /** An uninitialised (zero-filled) tensor; charges the element budget before allocating. */
  static empty(op: string, shape: Shape, dtype: Dtype): Tensor {
    const n = numelOf(shape);
    charge(op, n);
    return new Tensor(allocStorage(dtype, n), shape, dtype);
  }

  get ndim(): number { return this.shape.length; }
  numel(): number { return this._d === null ? (this._lz === null ? 1 : this._lz.n) : this._d.length; }
  size(dim?: number): number | readonly number[] { return dim === undefined ? this.shape : this.shape[dim < 0 ? dim + this.shape.length : dim]; }
  get isLeaf(): boolean { return this._fn === null && this._tape === null; }
  /** The version counter of the storage (bumped by in-place ops). */
  get _version(): number { return (this._base ?? this)._ver; }
  _bumpVersion(): void {
    const b = this._base ?? this;
    b._ver++;
    if (b._tape !== null) b._tape.touch(b._slot, b);
  }
  isContiguous(): boolean { return this._vstrides === null || isContiguousStrides(this.shape, this._vstrides); }
  /** torch's strides (dense row-major unless a view op made them otherwise). */
  strides(): readonly number[] { return this._vstrides ?? V.denseStrides(this.shape); }

  item(): number {
    if (this._d === null && this._lz === null) return this._s;
    const d = this.data;
    if (d.length !== 1) throw new ArgumentError('item', `a Tensor with ${d.length} elements cannot be converted to Scalar`);
    return d[0];
  }
  tolist(): unknown {
    return V.toNested(this);
  }
  /** `console.log(t)` under Node prints what PyTorch's `print(t)` does, not the object's fields. */
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
  toString(): string {
    return formatTensor({ shape: this.shape, dtype: this.dtype, data: this.data, gradFnName: this._tape !== null ? this._tape.nameOf(this._slot) : this._fn?.name ?? null, requiresGrad: this.requiresGrad, isLeaf: this.isLeaf }, getDefaultDtype());
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
    if (this.isLeaf) this.requiresGrad = on;
    return this;
  }
  zeroGrad(): void { this.grad = null; }
  detach(): Tensor { return V.detach(this); }
  clone(): Tensor { return V.clone(this); }
  contiguous(): Tensor { return V.contiguous(this); }
  get gradFnNode(): GradFn | null { return this.gradFn; }
  /** Add an arriving gradient into `.grad` (in place when it exists, like torch). */
  _accumulateGrad(g: Tensor, createGraph: boolean, steal = false): void { P.accumulateGrad(this, g, createGraph, steal); }

  // ---- elementwise ----
  add(o: TensorLike, alpha?: number): Tensor { return A.add(this, o, alpha); }
  sub(o: TensorLike, alpha?: number): Tensor { return A.sub(this, o, alpha); }
  mul(o: TensorLike): Tensor { return A.mul(this, o); }
  div(o: TensorLike): Tensor { return A.div(this, o); }
  pow(o: TensorLike): Tensor { return A.pow(this, o); }
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
  square(): Tensor { return A.pow(this, 2); }
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

  // ---- shape ----
  reshape(...shape: ShapeArgs): Tensor { return V.reshape(this, V.shapeArg(shape)); }
  view(...shape: ShapeArgs): Tensor { return V.view(this, V.shapeArg(shape)); }
  flatten(): Tensor { return V.reshape(this, [-1]); }
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
  /** PyTorch getitem: one entry per leading dim (int, {start, stop, step}, or null for ':'). */
  index(idx: readonly IndexItem[] | IndexItem): Tensor { return I.index(this, idx); }

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
