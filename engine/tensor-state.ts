/**
 * A tensor's state, and the one place its invariants live: where its values are and where its
 * gradient goes. Tensor (tensor.ts) extends this class with the ops; every other module reads and
 * changes the state through the `_`-prefixed methods below (the lint rule in eslint.config.mjs
 * keeps the fields themselves private to this file; the analyzer never exposes `_` members).
 *
 * Values are in exactly one of four states:
 * - single:   `_d` and the deferred node are null; the one element (already rounded to the dtype)
 *             is `_s`, or for the result of a compact slot the segment's value at that slot (a
 *             number field of its own would be one more allocation per op of a scalar graph).
 *             Single-element op results allocate no typed array until `data` is read.
 * - dense:    `_d` holds every element, row-major for `shape`. `torchStrides` records the strides
 *             torch would have (e.g. a clone of a transposed tensor; only so that reshape and
 *             matmul pick torch's decompositions). A view that covers its base's whole storage
 *             row-major (view, reshape, squeeze, unsqueeze, alias, detach) shares `_d`.
 * - strided:  a view anywhere else in its base's storage (transpose, permute, expand, select,
 *             slice, narrow): `_d` is null and `place` (engine/strided.ts) gives the storage, the
 *             offset and the strides. `dataSync()` returns a row-major copy, made again only after
 *             a storage write (strided.ts `writeCount`); in-place ops write through the place.
 * - deferred: `_d` is null and the node of engine/lazy computes the values when `data` is read; the
 *             tensor then becomes dense.
 * A view (dense or strided) has `base`, its root base (never itself a view): the version counter is
 * the base's. A view made by a view op is differentiable (`viewVer` >= 0): when the shared version
 * moved since its history was set (an in-place op on the base or on any of its views), reading its
 * history makes it torch's AsStridedBackward0 of the base's history first (`_regenerate`). detach
 * and `.data` make views that are not differentiable.
 * Where its gradient goes, exactly one of: a leaf (`_accumulator` on first use); a Node recorded in
 * a general slot of the tape (`_node`); a compact slot of the tape (`_compactTape`, `_compactSlot`).
 * One field holds the general slot's Node or the compact slot's segment (`_slot >= 0` tells which),
 * and `_s` is null unless set: a scalar graph makes a tensor per op, and each field and each boxed
 * double is young-generation garbage (W4: 18% fewer scavenges than with a field per kind).
 */
import type { Dtype, Storage } from './dtype';
import type { Place } from './strided';
import { gather, writeCount } from './strided';
import { numelOf } from './shape';
import { allocStorage } from './dtype';
import { counters } from './ids';
import type { AccumulateGrad, Node } from './node';
import type { Tape } from './tape';
import type { Shape } from './shape';
import type { Tensor } from './tensor';
import type { LazyNode } from './lazy/node';
import { materialise } from './lazy/materialise';
import { release } from './lazy/pool';

/**
 * The fields most tensors never set, apart: a scalar graph makes one Tensor per op, and their size
 * decides how often the young-generation GC runs (W4: 25% fewer collections without these).
 */
class Rare {
  /** torch's strides when they differ from the dense row-major ones (null = contiguous). */
  strides: number[] | null = null;
  /** The tensor whose storage (and version counter) this view shares, or null. */
  base: Tensor | null = null;
  /** The storage's version counter (bumped by in-place ops). */
  ver = 0;
  grad: Tensor | null = null;
  /** `.grad` was read since it was set: its buffer may be held outside the engine (engine/lazy/pool). */
  gradSeen = false;
  acc: AccumulateGrad | null = null;
  /** Deferred values (engine/lazy): `_d` is null until `data` computes them. */
  lz: LazyNode | null = null;
  /** A strided view's place in the storage it shares (`_d` is then null). */
  place: Place | null = null;
  /** A strided view's row-major copy, and the storage write count it was made at. */
  copy: Storage | null = null;
  copyAt = -1;
  /** A differentiable view: the shared version when its history was last set; -1 for any other tensor. */
  viewVer = -1;
}

export abstract class TensorState {
  // Fields are only declared here and assigned in the constructor: V8 does not inline a base-class
  // constructor that runs field initialisers, and a scalar graph makes a tensor per op.
  declare readonly shape: Shape;
  declare readonly dtype: Dtype;
  /** Unique, increasing: the analyzer's handle on a tensor. */
  declare readonly id: number;
  private declare _rg: boolean;
  /** See Rare: created on the first non-default write. */
  private declare _x: Rare | null;
  /** The general slot's Node, or for a compact slot's result (`_slot >= 0`) its segment: one field, not two (a scalar graph makes a tensor per op). */
  private declare _fn: Node | Tape | null;
  private declare _slot: number;
  private declare _d: Storage | null;
  /** null unless the tensor is single with its own element (a number field would be a double: a heap box per tensor). */
  private declare _s: number | null;

  /** `single`: the element of a single-element tensor without storage. `id`: only when a tape rebuilds a tensor it recorded. */
  constructor(data: Storage | null, shape: Shape, dtype: Dtype, single?: number, id?: number) {
    this.shape = shape;
    this.dtype = dtype;
    this.id = id === undefined ? ++counters.tensor : id;
    this._rg = false;
    this._x = null;
    this._fn = null;
    this._slot = -1;
    this._d = data;
    this._s = single === undefined ? null : single;
  }

  private rare(): Rare {
    return (this._x ??= new Rare());
  }

  // ---- values ----

  /**
   * Flat row-major values (typed array). Single-element op results create theirs on first access.
   * Change values through the in-place ops (`add_`, `copy_`, `fill_`, `zero_`, optimizers), not by
   * writing into this array: a large elementwise result made earlier may still be deferred
   * (engine/lazy) and would then read the new values, where the in-place ops keep the old ones for it.
   */
  dataSync(): Storage {
    let d = this._d;
    if (d === null) {
      const x = this._x;
      if (x !== null && x.place !== null) return this._gathered(x, x.place);
      if (this._deferred() !== null) return materialise(this as unknown as Tensor);
      d = allocStorage(this.dtype, 1);
      const tape = this._compactTape();
      d[0] = tape === null ? this._s ?? 0 : tape.val[this._slot];
      this._d = d;
    }
    return d;
  }
  /**
   * A strided view's elements row-major: a copy, kept until some storage is written. Writing into it
   * does not reach the base: write through the in-place ops.
   */
  private _gathered(x: Rare, p: Place): Storage {
    const n = writeCount();
    if (x.copy === null || x.copyAt !== n) {
      x.copy = gather(p, this.shape, this.dtype);
      x.copyAt = n;
    }
    return x.copy;
  }
  /** A strided view's place in the storage it shares; null for every other state. @internal */
  _place(): Place | null {
    return this._x === null ? null : this._x.place;
  }
  /** A fresh tensor (no storage) becomes a strided view at `p`. @internal */
  _setPlace(p: Place): void {
    this._d = null;
    this.rare().place = p;
  }
  /**
   * The storage, for a tensor that will share it (torch's `x.data`): later writes through the sharer
   * must reach whatever saved this tensor, so a compact tape slot hands its savers the tensor itself.
   * @internal
   */
  _sharedStorage(): Storage {
    const d = this.dataSync();
    this._compactTape()?.touch(this._slot, this as unknown as Tensor);
    return d;
  }
  /** torch's `x.data = y`: x's values are y's storage from now on (same shape and dtype; no version bump). @internal */
  _setStorage(d: Storage): void {
    this.dataSync(); // a deferred tensor becomes dense first, so nothing computes into the old array later
    if (this._x !== null) this._x.place = this._x.copy = null; // a strided view leaves its old storage
    this._d = d;
    this._compactTape()?.touch(this._slot, this as unknown as Tensor);
  }
  /** True when the tensor holds exactly one element (without computing or allocating anything). @internal */
  _isSingle(): boolean {
    return this.numel() === 1;
  }
  /** The first element (computing deferred values, allocating no storage for a single element). @internal */
  _first(): number {
    if (this._d !== null) return this._d[0];
    const tape = this._compactTape();
    if (tape !== null) return tape.val[this._slot];
    const x = this._x;
    return x === null || (x.lz === null && x.place === null) ? this._s ?? 0 : this.dataSync()[0];
  }
  numel(): number {
    if (this._d !== null) return this._d.length;
    const x = this._x;
    return x === null ? 1 : x.lz !== null ? x.lz.n : x.place !== null ? numelOf(this.shape) : 1;
  }
  /** The dense storage if there is one (null while single, strided or deferred): for code that must not compute values. @internal */
  _storage(): Storage | null {
    return this._d;
  }
  /** The node computing (or that computed) deferred values, until the tensor takes them as its storage. @internal */
  _deferred(): LazyNode | null {
    return this._x === null ? null : this._x.lz;
  }
  /** A fresh tensor without storage becomes deferred: `z` computes its values (engine/lazy). @internal */
  _defer(z: LazyNode): void {
    this.rare().lz = z;
  }
  /** Deferred values were computed: they are the storage now. @internal */
  _settle(d: Storage): void {
    this._d = d;
    this.rare().lz = null;
  }

  // ---- torch's strides, views, versions ----

  /** torch's strides when they are not the dense row-major ones, else null. @internal */
  _torchStrides(): number[] | null {
    return this._x === null ? null : this._x.strides;
  }
  /** @internal */
  _setTorchStrides(v: number[] | null): void {
    if (v !== null || this._x !== null) this.rare().strides = v;
  }
  /** The tensor whose storage and version counter this view shares, or null. @internal */
  _viewBase(): Tensor | null {
    return this._x === null ? null : this._x.base;
  }
  /** @internal */
  _setViewBase(b: Tensor | null): void {
    if (b !== null || this._x !== null) this.rare().base = b;
  }
  /** This tensor is a differentiable view (a view op made it): its history follows its base's (see the module comment). @internal */
  _markView(): void {
    this.rare().viewVer = this._version;
  }
  /** True for a view made by a view op (not detach or `.data`). @internal */
  _isDiffView(): boolean {
    return this._x !== null && this._x.viewVer >= 0;
  }
  /** A differentiable view whose base changed in place since its history was set: make it AsStridedBackward0 of the base's. */
  protected abstract _regenerate(): void;
  /**
   * Before reading requiresGrad or the history of a tensor with rare fields: a differentiable view
   * whose shared version moved takes its history from its base (a method of its own: the readers stay
   * small enough to inline where every scalar op reads them).
   */
  private _syncView(): void {
    const x = this._x!;
    if (x.viewVer >= 0 && x.viewVer !== this._version) this._regenerate();
  }
  /** The version counter of the storage (bumped by in-place ops). @internal */
  get _version(): number {
    const s = this._viewBase() ?? this;
    return s._x === null ? 0 : s._x.ver;
  }
  /** An in-place op changed the storage: a compact slot that saved it must check versions in backward. @internal */
  _bumpVersion(): void {
    const b: TensorState = this._viewBase() ?? this;
    b.rare().ver++;
    b._compactTape()?.touch(b._slot, b as unknown as Tensor);
  }

  // ---- gradient ----

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
    if (x !== null && x.grad !== null && x.grad !== v && !x.gradSeen) release(x.grad);
    this._g = v;
  }
  /** The gradient, for engine code (not a read of `.grad`); setting it starts unseen. @internal */
  get _g(): Tensor | null {
    return this._x === null ? null : this._x.grad;
  }
  /** @internal */
  set _g(v: Tensor | null) {
    if (v === null && this._x === null) return;
    const x = this.rare();
    x.grad = v;
    x.gradSeen = false;
  }
  /** A leaf's AccumulateGrad once made (one per leaf, reused). @internal */
  _accumulator(): AccumulateGrad | null {
    return this._x === null ? null : this._x.acc;
  }
  /** @internal */
  _setAccumulator(a: AccumulateGrad | null): void {
    if (a !== null || this._x !== null) this.rare().acc = a;
  }

  // ---- where the gradient goes ----

  /**
   * torch's requires_grad. A differentiable view whose base gained a history through an in-place op
   * since (its shared version moved) takes its history, and so this flag, from the base first: torch
   * computes the flag from that regenerated history, and an op on the view must record it.
   */
  get requiresGrad(): boolean {
    if (this._x !== null) this._syncView();
    return this._rg;
  }
  set requiresGrad(on: boolean) {
    this._rg = on;
  }
  /** PyTorch's grad_fn. A compact slot's node is built on first read (then the same object). */
  get gradFn(): Node | null {
    if (this._x !== null) this._syncView();
    const f = this._fn;
    return this._slot < 0 ? f as Node | null : (f as Tape).node(this._slot, this as unknown as Tensor);
  }
  /** Recorded in a general slot (recording, in-place rebasing): off any compact slot (its value kept). */
  set gradFn(f: Node | null) {
    const tape = this._compactTape();
    if (tape !== null && this._d === null) this._s = tape.val[this._slot];
    this._fn = f;
    this._slot = -1;
  }
  get isLeaf(): boolean {
    return this._node() === null && this._slot < 0;
  }
  /** The Node of the general slot that made this tensor, or null. @internal */
  _node(): Node | null {
    if (this._x !== null) this._syncView();
    return this._slot < 0 ? this._fn as Node | null : null;
  }
  /** The segment of the compact slot that made this tensor, or null; its slot. @internal */
  _compactTape(): Tape | null {
    return this._slot < 0 ? null : this._fn as Tape;
  }
  /** @internal */
  _compactSlot(): number {
    return this._slot;
  }
  /** A fresh result of compact slot `slot` of `tape`: its value is the segment's (`tape.val[slot]`). @internal */
  _setCompact(tape: Tape, slot: number): void {
    this._fn = tape;
    this._slot = slot;
  }
  /** The element of a single-element tensor without storage (print without allocating). */
  protected _single(): number | null {
    if (this._d !== null || this._deferred() !== null || this._place() !== null) return null;
    const tape = this._compactTape();
    return tape === null ? this._s ?? 0 : tape.val[this._slot];
  }
  /** grad_fn's name without building a compact slot's node (printing). */
  protected _gradFnName(): string | null {
    return this._slot >= 0 ? (this._fn as Tape).nameOf(this._slot) : this._node()?.name ?? null;
  }
}
