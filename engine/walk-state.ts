/**
 * What the backward walk (backward.ts) keeps while it runs: per segment the pending gradients of
 * its slots (numbers for compact slots in a plain backward, tensors otherwise), per leaf its
 * pending gradient, and which gradient buffers the engine owns (may overwrite).
 */
import type { Tensor } from './tensor';
import type { Node } from './node';
import type { Tape } from './tape';
import { addInto } from './kernels/elementwise';
import type { FloatArray } from './kernels/gemm';
import { isFloating } from './dtype';
import type { Storage } from './dtype';
import { hasReaders } from './lazy/node';
import { noteWrite } from './strided';
import { markEngineMade } from './lazy/pool';

/**
 * A slot's stamp (SlotArrays.st): the walk's epoch (a multiple of 4) when the walk reached it (a
 * gradient, possibly null, was sent there), with these bits: a number gradient is pending in `num`,
 * a tensor gradient in `tensor`. One array read tells all three (the sweep reads it per slot).
 */
export const enum St { Num = 1, Tensor = 2, Bits = 3 }

/** Per-slot arrays of one segment's sweep; stamps say which entries belong to the current walk. */
export class SlotArrays {
  /** Operands and results of the generated VJP (tape-ops.ts). */
  readonly io = new Float64Array(6);
  /** Per slot: reached by this walk when `(st & ~St.Bits) === ep`, and what is pending (St). */
  st = new Int32Array(0);
  num = new Float64Array(0);
  /** Pending tensor gradients and the general nodes of reached general slots (cleared after each walk). */
  /** (Filled to the capacity: a write far past the end would turn an array into a slow dictionary.) */
  tensor: (Tensor | null)[] = [];
  node: (Node | null)[] = [];
  /** Slots whose `tensor` or `node` entry was set (to clear). */
  readonly dirty: number[] = [];

  /** Room for `cap` slots (fresh stamp arrays are all 0: no walk's stamp). */
  fit(cap: number): this {
    if (this.num.length < cap) {
      this.st = new Int32Array(cap);
      this.num = new Float64Array(cap);
      this.tensor = new Array<Tensor | null>(cap).fill(null);
      this.node = new Array<Node | null>(cap).fill(null);
    }
    return this;
  }

  clear(): void {
    for (const k of this.dirty) {
      this.tensor[k] = null;
      this.node[k] = null;
    }
    this.dirty.length = 0;
  }

  /** Forget all stamps (when the walk counter wraps). */
  reset(): void {
    this.st.fill(0);
  }
}

/**
 * One segment's part of a walk: its arrays, the highest slot reached, and how many reached slots the
 * sweep has yet to process (it goes down from `top` and stops when none is left: every slot's inputs
 * are below it, so nothing below the last one can be reached any more).
 */
export class Pass {
  top = -1;
  pend = 0;
  constructor(readonly tape: Tape, readonly a: SlotArrays) {}
  /** Slot k is reached (counted once per walk). */
  reach(k: number, ep: number): void {
    const st = this.a.st;
    if ((st[k] & ~St.Bits) === ep) return;
    st[k] = ep;
    this.pend++;
    if (k > this.top) this.top = k;
  }
}

/** A leaf's pending gradient: a number (single-element leaves in a plain walk) or a tensor. */
export interface LeafGrad {
  readonly leaf: Tensor;
  num: number;
  hasNum: boolean;
  tensor: Tensor | null;
  /** Edges into the leaf not yet walked (counted only when an observer sees the order). */
  deps: number;
  /** It took its gradient. */
  done: boolean;
}

/**
 * Which gradients `.grad` may take without a copy: made during this backward (id after `start`), not a
 * view of another tensor, and not already taken (by storage) -- so no two `.grad`s share memory and
 * no user tensor (e.g. an explicit `gradient`) becomes a `.grad` that later accumulates in place.
 * Also which pending gradients the engine owns outright (may overwrite): the same conditions, plus
 * their storage was handed to exactly one place (counted per storage of multi-element gradients).
 */
/** The storage g's values are in: its own, or for a strided view its base's (a holder of that storage too). */
function heldStorage(g: Tensor): Storage | null {
  return g._storage() ?? g._place()?.storage ?? null;
}

export class Owned {
  private readonly taken = new Set<unknown>();
  private readonly handed = new Map<unknown, number>();
  /** Tensors whose `.grad` this backward set (materialised together at the end). */
  readonly gradHolders: Tensor[] = [];
  constructor(private readonly start: number, private readonly createGraph: boolean, private readonly inPlace: boolean) {}
  take(t: Tensor, g: Tensor): boolean {
    this.gradHolders.push(t);
    const key = g._storage() ?? g;
    if (this.createGraph || t._g !== null || g.id <= this.start || g._viewBase() !== null || this.taken.has(key)) return false;
    this.taken.add(key);
    // no hook sees it: `.grad` will be its only holder (its buffer may be recycled: engine/lazy/pool)
    if (this.inPlace) markEngineMade(g);
    return true;
  }
  /** Count one more holder of g's storage (single elements are never reused, so not counted). */
  handOut(g: Tensor): void {
    const d = heldStorage(g);
    if (this.inPlace && d !== null && d.length > 1) this.handed.set(d, (this.handed.get(d) ?? 0) + 1);
  }
  /** One holder fewer: a grad function consumed its pending g (not for leaves: `.grad` keeps it). */
  release(g: Tensor): void {
    const d = heldStorage(g);
    if (this.inPlace && d !== null && d.length > 1) this.handed.set(d, (this.handed.get(d) ?? 1) - 1);
  }
  /** True when g may be overwritten: made by this backward, not a view, its storage held only by its one slot. */
  owns(g: Tensor): boolean {
    const d = g._storage();
    return this.inPlace && d !== null && d.length > 1 && g.id > this.start && g._viewBase() === null && this.handed.get(d) === 1 && !hasReaders(d);
  }
  /** The pending sum after g arrives where `b` was pending: in place (b += g) when b is owned. */
  put(b: Tensor | null, g: Tensor): Tensor {
    if (b === null) {
      this.handOut(g);
      return g;
    }
    if (this.owns(b) && b.dtype === g.dtype && isFloating(b.dtype) && b.shape.length === g.shape.length && b.shape.every((s, i) => s === g.shape[i])) {
      const d = b._storage() as FloatArray;
      const s = g.dataSync() as FloatArray; // (a strided view of b: its copy, read before b changes)
      noteWrite();
      addInto(d, s, d.length);
      b._setTorchStrides(null); // dense, as the fresh sum it replaces
      return b;
    }
    const sum = b.add(g);
    this.handOut(sum);
    return sum;
  }
}
