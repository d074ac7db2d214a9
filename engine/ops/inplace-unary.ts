/**
 * In-place unary and clamping ops (relu_ sigmoid_ tanh_ exp_ neg_ abs_ sqrt_ pow_ clamp_ clamp_min_
 * clamp_max_), with the grad_fn of their out-of-place op and torch's rules for in-place ops
 * (inplace.ts): the values written through self's storage, the version bumped, self's history
 * rebased onto the op's node (its old history the node's input 0; CopySlices on a view's base).
 *
 * What backward reads follows torch's autograd codegen for in-place variants:
 * - an op whose derivative reads `self` (abs, pow, clamp*) saves a copy of self's old values, which
 *   no later in-place op can change;
 * - an op whose derivative reads `result` (relu, sigmoid, tanh, exp, sqrt) saves self itself as the
 *   node's output, at the version this op left it: changing self again before backward fails with
 *   "output 0 of ReluBackward0, is at version 2; expected version 1".
 */
import type { Tensor } from '../tensor';
import type { OpDef } from './define';
import { DEFS } from './derive';
import { Clamp, clampBounds } from './clamp';
import { checkLeaf, commit, previous, rebaseHistory } from './inplace';
import { isGradEnabled } from '../grad-mode';
import { SAVE_OUT, SAVE_SELF } from './saves';
import { AutogradError } from '../errors';
import { scalarTypeName } from '../dtype';
import { checkNegatable, numberArg } from './operands';
import type { Dtype } from '../dtype';

/** torch's error when the op's result dtype (an int tensor's sqrt, or clamp to 0.5: float) cannot be written into self. */
function castError(name: string, result: Dtype, self: Dtype): AutogradError {
  return new AutogradError(name, `result type ${scalarTypeName(result)} can't be cast to the desired output type ${scalarTypeName(self)}`);
}

/** Run `op` on self's old value, write the result into self, and record the op as self's new history. */
function unaryInplace<P, T extends Tensor>(name: string, op: OpDef<P>, self: T, p: P): T {
  checkLeaf(name, self);
  const needsGraph = isGradEnabled() && self.requiresGrad;
  const prev = needsGraph ? previous(self, (op.saves & SAVE_SELF) !== 0) : self;
  const result = op.forward([prev], p);
  if (result.dtype !== self.dtype) throw castError(name, result.dtype, self.dtype);
  commit(name, self, result);
  if (!needsGraph) return self;
  const node = rebaseHistory(op, [prev], p, self);
  if (node !== null && (op.saves & SAVE_OUT) !== 0 && node.out !== null) {
    // the saved result stands for self: it shares self's version counter (and its views'), expected at this op's version
    node.out._setViewBase(self._viewBase() ?? self);
    node.vOut = self._version;
  }
  return self;
}

export function relu_<T extends Tensor>(self: T): T {
  return unaryInplace('relu_', DEFS.relu, self, undefined);
}
export function sigmoid_<T extends Tensor>(self: T): T {
  return unaryInplace('sigmoid_', DEFS.sigmoid, self, undefined);
}
export function tanh_<T extends Tensor>(self: T): T {
  return unaryInplace('tanh_', DEFS.tanh, self, undefined);
}
export function exp_<T extends Tensor>(self: T): T {
  return unaryInplace('exp_', DEFS.exp, self, undefined);
}
export function neg_<T extends Tensor>(self: T): T {
  checkNegatable('neg_', self);
  return unaryInplace('neg_', DEFS.neg, self, undefined);
}
export function abs_<T extends Tensor>(self: T): T {
  return unaryInplace('abs_', DEFS.abs, self, undefined);
}
export function sqrt_<T extends Tensor>(self: T): T {
  return unaryInplace('sqrt_', DEFS.sqrt, self, undefined);
}
/** self ** exponent in place, for a number exponent (PowBackward0). */
export function pow_<T extends Tensor>(self: T, exponent: number): T {
  return unaryInplace('pow_', DEFS.powScalar, self, numberArg('pow_', 'exponent', exponent));
}

/** clamp_(min, max): either bound may be omitted (null), not both (ClampBackward1, as clamp). */
export function clamp_<T extends Tensor>(self: T, min?: number | null, max?: number | null): T {
  return unaryInplace('clamp_', Clamp, self, clampBounds('clamp_', min, max));
}
export function clampMin_<T extends Tensor>(self: T, min: number): T {
  return unaryInplace('clamp_min_', DEFS.clampMin, self, numberArg('clamp_min_', 'min', min));
}
export function clampMax_<T extends Tensor>(self: T, max: number): T {
  return unaryInplace('clamp_max_', DEFS.clampMax, self, numberArg('clamp_max_', 'max', max));
}
