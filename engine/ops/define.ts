/**
 * One op = one definition: its grad_fn name, derivative formulas, forward and backward side by side.
 * `run` executes the forward and, when grad mode is on and an input requires grad, records a Node.
 * Un-broadcasting of gradients happens once, in `computeInputGrads` (input-grads.ts), not in each op.
 */
export { SAVE_SELF, SAVE_OTHER, SAVE_BOTH, SAVE_OUT } from './saves';
import type { Tensor } from '../tensor';
import type { Node } from '../node';
import { SAVE_OUT } from './saves';
import { recordNode } from '../tape-record';
import { isGradEnabled } from '../grad-mode';
import { isFloating } from '../dtype';
import { keepSaved } from '../lazy/materialise';

/** What an op receives: tensors, plain numbers (PyTorch's wrapped numbers), or null (absent). */
export type Operand = Tensor | number | null;

export interface OpDef<P = undefined> {
  /** grad_fn class name, e.g. 'MulBackward0'. */
  readonly name: string;
  /** Unused (never read); kept optional until the definitions that still set it drop it. */
  readonly doc?: string;
  /** Per input, the vector-Jacobian product in derivatives.yaml vocabulary (grad, self, other, result). */
  readonly formulas: readonly string[];
  /** Which tensors backward reads (bit i = input i, SAVE_OUT = result): version checks and freeing. */
  readonly saves: number;
  /**
   * Per input i, the input whose gradient alone reads saved input i, or -1 (absent: all -1). torch's
   * autograd codegen saves an input used by exactly one derivative formula only when that formula's
   * gradient is needed (should_compute_output), so only then can modifying it in place break backward.
   */
  readonly savedOnlyFor?: readonly number[];
  forward(inputs: readonly Operand[], p: P): Tensor;
  /**
   * Gradient per input, at the output's shape or the input's (autograd sums broadcast dims); a fresh array.
   * `own`: the engine owns `grad` (made during this backward, held nowhere else): one result may reuse its storage.
   */
  backward(grad: Tensor, node: Node<P>, own: boolean): readonly (Tensor | null)[];
}

export function defineOp<P = undefined>(def: OpDef<P>): OpDef<P> {
  return def;
}


/** Run an op: forward, then record the graph node if any input requires grad. */
export function run<P>(op: OpDef<P>, inputs: Operand[], p: P): Tensor {
  const out = op.forward(inputs, p);
  if (isGradEnabled()) record(op, inputs, p, out);
  return out;
}

/** Attach a grad function for `out` (also used by in-place ops and composite ops). */
export function record<P>(op: OpDef<P>, inputs: readonly Operand[], p: P, out: Tensor): void {
  let any = false;
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i];
    if (x !== null && typeof x === 'object' && x.requiresGrad) {
      any = true;
      break;
    }
  }
  if (!any || !isFloating(out.dtype)) return;
  const node = recordNode(op, inputs, p);
  const saves = op.saves;
  if (saves !== 0) {
    const a = inputs[0], b = inputs[1], c = inputs[2];
    if ((saves & 1) !== 0 && a !== null && typeof a === 'object') node.v0 = a._version;
    if ((saves & 2) !== 0 && b !== null && typeof b === 'object') node.v1 = b._version;
    if ((saves & 4) !== 0 && c !== null && typeof c === 'object') node.v2 = c._version;
    if ((saves & SAVE_OUT) !== 0) {
      node.out = out;
      node.vOut = out._version;
    }
    keepSaved(node);
  }
  out.gradFn = node;
  out.requiresGrad = true;
}
