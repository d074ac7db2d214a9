/**
 * Backward kernels as ops of their own. In torch 1.13 an op whose backward is a kernel of its own
 * (tanh_backward, _softmax_backward_data, mse_loss_backward, ...) records that kernel as ONE node
 * when the backward runs with grad mode on (create_graph=True): `TanhBackwardBackward0` with the
 * kernel's inputs (typically the incoming gradient and the saved input or output) as its
 * next_functions, and the kernel's own derivative as its backward.
 *
 * A kernel here is an OpDef like any other: its forward is the op's first-order formula, computed
 * with grad mode off (the same tensor ops as before, so the values are the same bit for bit), and
 * its backward is the derivative of that formula (derivatives.yaml's entry for the kernel), written
 * with tensor ops that record when grad mode is on (third and higher derivatives). The op's backward
 * applies it with `run` (define.ts), which records the node only when grad mode is on and an input
 * requires grad: a plain backward records nothing, as before.
 *
 * Imports no value from the ops (only types and grad mode), so it stays out of their import cycle.
 */
import type { Tensor } from '../tensor';
import type { OpDef, Operand } from './define';
import { noGrad } from '../grad-mode';

export type KernelSpec<P> = Omit<OpDef<P>, 'forward'> & {
  /** The first-order formula over the kernel's inputs (in torch's order); runs with grad mode off. */
  compute(inputs: readonly Operand[], p: P): Tensor;
};

/** A backward kernel's OpDef: `compute` as a forward that records nothing inside. */
export function backwardKernel<P = undefined>(spec: KernelSpec<P>): OpDef<P> {
  const { compute, ...rest } = spec;
  return { ...rest, forward: (inputs, p) => noGrad(() => compute(inputs, p)) };
}
