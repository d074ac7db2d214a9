/**
 * The backward kernels of the op table's entries (backward-kernel.ts): with grad mode on, tanh's
 * backward records `TanhBackwardBackward0(grad, result)` instead of the primitives of its term. The
 * kernel's forward is the entry's own derivative term (derive.ts firstDerivative), so the values
 * are those of the term, bit for bit; its backward is the kernel's derivative (derivatives.yaml,
 * torch 1.13), with y the result, go the kernel's grad input and gg the gradient arriving at it:
 *
 * - tanh_backward(go, y) = go (1 - y²):      d/dgo = tanh_backward(gg, y),    d/dy = gg · (-2 y go)
 * - sigmoid_backward(go, y) = go y (1 - y):  d/dgo = sigmoid_backward(gg, y), d/dy = gg · go · (1 - 2 y)
 *
 * relu's backward, threshold_backward, is already an entry of the table (`threshold`).
 */
import type { Tensor } from '../tensor';
import type { OpDef } from './define';
import { SAVE_BOTH } from './saves';
import { applyKernel, backwardKernel } from './backward-kernel';
import { firstDerivative } from './derive';
import type { Leaf, OpId, RecordedOpId } from './table';
import { add, mul } from './arith';

/** A kernel and which leaves of its entry's derivative it takes, in torch's order. */
export interface TableKernel {
  readonly def: OpDef;
  readonly inputs: readonly Leaf[];
}

type Vjp = (gg: Tensor, go: Tensor, y: Tensor) => [Tensor | null, Tensor | null];

/** A kernel over (grad, result) of a one-input entry: `vjp` gives the gradients of go and y. */
function gradResultKernel(entry: RecordedOpId, name: string, formulas: [string, string], vjp: Vjp): TableKernel {
  const def = backwardKernel({
    name, formulas, saves: SAVE_BOTH,
    compute: ([go, y]) => firstDerivative(entry, { grad: go as Tensor, result: y as Tensor }),
    backward: (gg, n) => vjp(gg, n.input(0) as Tensor, n.input(1) as Tensor),
  });
  return Object.freeze({ def, inputs: Object.freeze(['grad', 'result'] as const) });
}

const TanhBackward: TableKernel = gradResultKernel('tanh', 'TanhBackwardBackward0', ['tanh_backward(grad, output)', 'grad * -2 * output * grad_output'],
  (gg, go, y) => [applyKernel(TanhBackward.def, [gg, y], undefined), mul(gg, mul(mul(y, -2), go))]);

const SigmoidBackward: TableKernel = gradResultKernel('sigmoid', 'SigmoidBackwardBackward0', ['sigmoid_backward(grad, output)', 'grad * grad_output * (1 - 2 * output)'],
  (gg, go, y) => [applyKernel(SigmoidBackward.def, [gg, y], undefined), mul(mul(gg, go), add(mul(y, -2), 1))]);

const KERNELS: Partial<Record<OpId, TableKernel>> = Object.freeze({ tanh: TanhBackward, sigmoid: SigmoidBackward });

/** The backward kernel of entry `id`, if torch runs its backward as a kernel of its own. */
export function tableKernelOf(id: OpId): TableKernel | undefined {
  return KERNELS[id];
}

/** Every table kernel's OpDef, by the entry it belongs to (the gradient-check samples). */
export const TABLE_KERNEL_DEFS = { tanhBackward: TanhBackward.def, sigmoidBackward: SigmoidBackward.def } as const;
