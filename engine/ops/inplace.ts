/**
 * In-place ops (add_ sub_ mul_ div_ zero_ fill_ copy_) with torch's autograd rules: a leaf that
 * requires grad (or a view of one) may not be modified outside noGrad; every in-place op writes
 * through the tensor's place into the storage it shares with its views and bumps the shared
 * version, so a node that saved the tensor earlier fails in backward with torch's message; the
 * modified tensor's history is rebased onto the new node (its old history becomes input 0), and
 * for a view, its base's history becomes CopySlices (copy-slices.ts).
 */
import { Tensor } from '../tensor';
import { defineOp, record } from './define';
import type { OpDef } from './define';
import { isGradEnabled } from '../grad-mode';
import { DEFS } from './derive';
import { AutogradError, ShapeError } from '../errors';
import { fmtShape, sameShape } from '../shape';
import { binaryDtype } from './binary';
import type { TensorLike } from './binary';
import { beforeWrite } from '../lazy/node';
import { charge, chargeCompute } from '../limits';
import type { Operand } from './define';
import type { Storage } from '../dtype';
import type { Node } from '../node';
import { checkNoOverlap, positions, scatter } from '../strided';
import { recordCopySlices } from './copy-slices';
import { checkSubtractable } from './operands';

/** The old value of `self` as an input of the new node (same history; data copied only if saved). */
export function previous(self: Tensor, saved: boolean): Tensor {
  if (saved) charge('copy', self.numel());
  const prev = new Tensor(saved ? self.dataSync().slice() : self.dataSync(), self.shape, self.dtype);
  prev.gradFn = self.gradFn;
  prev.requiresGrad = self.requiresGrad;
  prev._setAccumulator(self._accumulator());
  return prev;
}

export function checkLeaf(op: string, self: Tensor): void {
  if (!isGradEnabled()) return;
  if (self.requiresGrad && self.gradFn === null) {
    throw new AutogradError(op, 'a leaf Variable that requires grad is being used in an in-place operation.');
  }
  // writing through a view would change the leaf's values behind autograd's back (torch refuses too)
  const base = self._viewBase();
  if (base !== null && self._isDiffView() && base.requiresGrad && base.gradFn === null) {
    throw new AutogradError(op, 'a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
}

/** Write `result` into self's storage (shared with its views) and bump the version. */
export function commit(op: string, self: Tensor, result: Tensor): void {
  if (!sameShape(result.shape, self.shape)) {
    throw new ShapeError(op, `output with shape ${fmtShape(self.shape)} doesn't match the broadcast shape ${fmtShape(result.shape)}`);
  }
  writeValues(op, self, result.dataSync());
  self._bumpVersion();
}

/** Write row-major `values` into self: its storage, or through its place (no version bump). */
export function writeValues(op: string, self: Tensor, values: Storage): void {
  const p = self._place();
  if (p === null) {
    const d = self.dataSync();
    beforeWrite(d);
    d.set(values);
    return;
  }
  checkNoOverlap(op, self.shape, p.strides);
  beforeWrite(p.storage);
  scatter(p, self.shape, values);
}

/** Set every element of self to v, through its place for a strided view (no version bump). */
function fillValues(op: string, self: Tensor, v: number): void {
  const p = self._place();
  if (p === null) {
    const d = self.dataSync();
    beforeWrite(d);
    d.fill(v);
    return;
  }
  checkNoOverlap(op, self.shape, p.strides);
  beforeWrite(p.storage);
  const at = positions(p, self.shape);
  for (let i = 0; i < at.length; i++) p.storage[at[i]] = v;
}

/**
 * Record the in-place op `op` on `inputs` (input 0: self's previous value) as self's new history,
 * torch's rebase_history: on self, or for a differentiable view, as CopySlices on its base (the
 * view's own history then becomes AsStridedBackward0 of the base's when read). Returns the op's
 * node (null when nothing recorded); its saved result, if any, is a stand-in holding the values.
 */
export function rebaseHistory<P>(op: OpDef<P>, inputs: readonly Operand[], p: P, self: Tensor): Node | null {
  const base = self._viewBase();
  // the base's previous value is taken before the op is recorded: its history is the one before
  const prevBase = base !== null && self._isDiffView() ? previous(base, false) : null;
  const holder = new Tensor(self.dataSync(), self.shape, self.dtype);
  record(op, inputs, p, holder);
  const inner = holder._node();
  if (base === null || prevBase === null || inner === null) {
    self.gradFn = holder.gradFn;
    self.requiresGrad = true;
    return inner;
  }
  recordCopySlices(self, base, prevBase, inner, inputs.slice(1));
  return inner;
}

function binaryInplace<P>(name: string, op: OpDef<P>, self: Tensor, other: TensorLike, p: P): Tensor {
  checkLeaf(name, self);
  const dt = binaryDtype(self, other, name === 'div_' ? 'float' : 'same');
  if (dt !== self.dtype && !(dt === 'float64' && self.dtype === 'float32')) {
    throw new AutogradError(name, `result type ${dt} can't be cast to the desired output type ${self.dtype}`);
  }
  const needsGraph = isGradEnabled() && (self.requiresGrad || (typeof other !== 'number' && other.requiresGrad));
  const prev = needsGraph ? previous(self, (op.saves & 1) !== 0) : self;
  // x.mul_(x): both operands are the old value of x
  const o = other === self ? prev : other;
  const result = op.forward([prev, o], p);
  commit(name, self, result);
  if (needsGraph) rebaseHistory(op, [prev, o], p, self);
  return self;
}

export function add_<T extends Tensor>(self: T, other: TensorLike, alpha = 1): T {
  return binaryInplace('add_', DEFS.add, self, other, alpha) as T;
}
export function sub_<T extends Tensor>(self: T, other: TensorLike, alpha = 1): T {
  checkSubtractable('sub_', self, other);
  return binaryInplace('sub_', DEFS.sub, self, other, alpha) as T;
}
export function mul_<T extends Tensor>(self: T, other: TensorLike): T {
  return binaryInplace('mul_', DEFS.mul, self, other, undefined) as T;
}
export function div_<T extends Tensor>(self: T, other: TensorLike): T {
  return binaryInplace('div_', DEFS.div, self, other, undefined) as T;
}

/** self.fill_(value): the gradient to the old value is zero. */
export const Fill = defineOp<number>({
  name: 'FillBackward0', doc: 'fill with a constant; d/dself = 0', formulas: ['zeros_like(grad)'], saves: 0,
  forward: ([a], v) => {
    const x = a as Tensor, out = Tensor.empty('fill_', x.shape, x.dtype);
    out.dataSync().fill(v);
    return out;
  },
  backward: (g) => [g.mul(0)],
});
export const Zero = defineOp<number>({ ...Fill, name: 'ZeroBackward0', doc: 'fill with zeros; d/dself = 0' });

function fillInplace<T extends Tensor>(name: string, op: OpDef<number>, self: T, v: number): T {
  checkLeaf(name, self);
  chargeCompute(name, self.numel());
  const needsGraph = isGradEnabled() && self.requiresGrad;
  const prev = needsGraph ? previous(self, false) : null;
  fillValues(name, self, v);
  self._bumpVersion();
  if (prev !== null) rebaseHistory(op, [prev], v, self);
  return self;
}
export function zero_<T extends Tensor>(self: T): T {
  return fillInplace('zero_', Zero, self, 0);
}
export function fill_<T extends Tensor>(self: T, v: number): T {
  return fillInplace('fill_', Fill, self, v);
}

/** self.copy_(src) without recording (used under noGrad by optimizers and the analyzer). */
export function copy_<T extends Tensor>(self: T, src: Tensor): T {
  checkLeaf('copy_', self);
  if (isGradEnabled() && (self.requiresGrad || src.requiresGrad)) {
    throw new AutogradError('copy_', 'copy_ is only supported under noGrad or on tensors that do not require grad');
  }
  const b = src.expand(self.shape);
  commit('copy_', self, b);
  return self;
}

/**
 * Accumulate an arriving gradient into a leaf's (or retained tensor's) `.grad`, like torch: the
 * first gradient is stored (taken as is when `steal`: the engine made it and nothing else owns it;
 * else copied), later ones are added in place.
 */
export function accumulateGrad(t: Tensor, g: Tensor, createGraph: boolean, steal = false): void {
  // (engine code uses the `_g` field: `.grad` reads and writes are the user's, see Tensor.grad)
  const old = t._g;
  if (old === null) {
    if (!(createGraph || steal)) charge('accumulate_grad', g.numel());
    t._g = createGraph || steal ? g : new Tensor(g.dataSync().slice(), g.shape, g.dtype);
  } else if (createGraph || old.requiresGrad) {
    t._g = old.add(g);
  } else if (old._place() !== null) {
    commit('accumulate_grad', old, old.add(g)); // a strided view (a createGraph gradient): through its place
  } else {
    const d = old.dataSync(), s = g.dataSync();
    beforeWrite(d);
    for (let i = 0; i < d.length; i++) d[i] += s[i];
    old._bumpVersion();
  }
}

/** How zeroGrad clears a gradient (Tensor, Module and the optimizers take the same options). */
export interface ZeroGradOptions {
  /**
   * true (the default, as torch >= 2.0): `.grad` becomes null, and a parameter no later backward
   * reaches shows no gradient. false (torch 1.13's default): `.grad` is detached from any history
   * and filled with zeros in place.
   */
  setToNone?: boolean;
}

/** torch's `zero_grad` for one tensor (see ZeroGradOptions). */
export function zeroGrad(t: Tensor, options: ZeroGradOptions = {}): void {
  const g = t._g; // not a read of .grad (see Tensor.grad): clearing may recycle its buffer
  if (g === null) return;
  if (options.setToNone ?? true) {
    t.grad = null;
    return;
  }
  // a gradient with history (createGraph) is detached first, as torch's detach_()
  const z = g.requiresGrad ? g.detach() : g;
  fillValues('zero_grad', z, 0);
  z._bumpVersion();
  t._g = z;
}
