/**
 * In-place ops (add_ sub_ mul_ div_ zero_ fill_ copy_) with torch's autograd rules: a leaf that
 * requires grad may not be modified outside noGrad; every in-place op bumps the storage's version,
 * so a node that saved the tensor earlier fails in backward with torch's message; the modified
 * tensor's history is rebased onto the new node (its old history becomes input 0).
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
  if (base !== null && self.gradFn !== null && base.requiresGrad && base.gradFn === null) {
    throw new AutogradError(op, 'a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
}

/** Write `result` into self's storage (shared with its views) and bump the version. */
export function commit(op: string, self: Tensor, result: Tensor): void {
  if (!sameShape(result.shape, self.shape)) {
    throw new ShapeError(op, `output with shape ${fmtShape(self.shape)} doesn't match the broadcast shape ${fmtShape(result.shape)}`);
  }
  const d = self.dataSync(), r = result.dataSync();
  beforeWrite(d);
  d.set(r);
  self._bumpVersion();
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
  if (needsGraph) {
    const holder = new Tensor(self.dataSync(), self.shape, self.dtype);
    record(op, [prev, o], p, holder);
    self.gradFn = holder.gradFn;
    self.requiresGrad = true;
  }
  return self;
}

export function add_<T extends Tensor>(self: T, other: TensorLike, alpha = 1): T {
  return binaryInplace('add_', DEFS.add, self, other, alpha) as T;
}
export function sub_<T extends Tensor>(self: T, other: TensorLike, alpha = 1): T {
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
  if (isGradEnabled() && self.requiresGrad) {
    const prev = previous(self, false);
    beforeWrite(self.dataSync());
    self.dataSync().fill(v);
    self._bumpVersion();
    const holder = new Tensor(self.dataSync(), self.shape, self.dtype);
    record(op, [prev], v, holder);
    self.gradFn = holder.gradFn;
    return self;
  }
  beforeWrite(self.dataSync());
  self.dataSync().fill(v);
  self._bumpVersion();
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
  const d = z.dataSync();
  beforeWrite(d);
  d.fill(0);
  z._bumpVersion();
  t._g = z;
}
