/**
 * Outputs of a custom Function (engine/function.ts) and its once-differentiable results.
 *
 * The walk (engine/backward.ts) delivers one summed gradient per node. The first differentiable
 * output's grad_fn is the Function's node; every further output k gets an output node recorded after
 * it, so the walk runs it first: it keeps its gradient for the Function's backward (`pending[k]`) and
 * the first of them sends a zero gradient on, only so that the walk reaches the Function's node. To the user it is the
 * Function's node: same name and id, and edges to it read `[node, k]` (node.ts), as in torch.
 */
import { Tensor } from './tensor';
import { OutputOf } from './node';
import type { Node, NextEdge } from './node';
import type { OpDef } from './ops/define';
import { record } from './ops/define';
import { recordNode } from './tape-record';
import { capturingWalk } from './backward';
import { AutogradError } from './errors';
import { zeros } from './creation';
import { detach } from './ops/view';
import type { FunctionCtx } from './function-ctx';
import type { FunctionClass } from './function';

export interface CustomParams {
  readonly cls: FunctionClass;
  readonly ctx: FunctionCtx;
  /** Per forward argument: a tensor (it has a next_functions slot and a gradient)? */
  readonly argIsTensor: readonly boolean[];
  /** Per tensor output: its shape and dtype (zero gradients when none arrived). */
  readonly outputs: { shape: readonly number[]; dtype: Tensor['dtype'] }[];
  /** Gradients handed over by the output nodes, per output, until backward runs. */
  readonly pending: (Tensor | null)[];
  /** The output whose grad_fn is the node itself (its gradient is the walk's); -1 until set. */
  primary: number;
  /** The zero an output node sent on in this backward (see outputOp), or null. */
  carrier: Tensor | null;
  /** That output's tensor (the output nodes' input: their edge leads to the node). */
  primaryTensor?: Tensor;
}

/** Make `t` (tensor output k) an output of the Function's `node`. */
export function attachOutput(node: Node<CustomParams>, p: CustomParams, k: number, t: Tensor): void {
  if (p.primary < 0) {
    p.primary = k;
    p.primaryTensor = t;
    t.gradFn = node;
  } else {
    const out = recordNode(outputOp(node.name), [p.primaryTensor as Tensor], new OutputOf(node, k) as unknown as CustomParams);
    // the user sees the Function's node, not this one
    Object.defineProperty(out, 'id', { value: node.id });
    Object.defineProperty(out, 'nextFunctions', { get: (): readonly NextEdge[] => node.nextFunctions });
    Object.defineProperty(out, 'formulas', { get: (): readonly string[] => node.formulas });
    t.gradFn = out;
  }
  t.requiresGrad = true;
}

function outputOp(name: string): OpDef<CustomParams> {
  return {
    name,
    formulas: ['grad'],
    saves: 0,
    forward(): Tensor {
      throw new AutogradError(name, 'an output node is recorded by apply, never run forward');
    },
    backward(grad: Tensor, self: Node<CustomParams>): (Tensor | null)[] {
      const o = self.params as unknown as OutputOf;
      const p = o.main.params as CustomParams;
      const prev = p.pending[o.index];
      p.pending[o.index] = prev === null ? grad : prev.add(grad);
      if (p.carrier !== null) return [null];
      // the first output node to run sends a zero: the Function's node then runs even when its own
      // output got no gradient, and it knows that when the zero arrives alone (still this object)
      const first = p.outputs[p.primary];
      p.carrier = zeros(first.shape as number[], { dtype: first.dtype });
      return [p.carrier];
    },
  };
}

/** torch's DelayedError: differentiating a once-differentiable backward's results raises. */
const ONCE = 'trying to differentiate twice a function that was marked with @once_differentiable';
const delayedError: OpDef = {
  name: 'Error',
  formulas: ['error'],
  saves: 0,
  forward(inputs): Tensor {
    return detach(inputs[0] as Tensor);
  },
  backward(): (Tensor | null)[] {
    // it leads only to its own leaves, never to an input of autograd.grad (which torch then skips)
    if (capturingWalk()) return [null];
    throw new AutogradError('Error', ONCE);
  },
};

/**
 * A once-differentiable backward asked for a graph (createGraph with gradients that require grad):
 * its results get torch's Error node, which raises if they are differentiated.
 */
export function onceDifferentiableResult(res: (Tensor | null)[]): (Tensor | null)[] {
  return res.map((g) => {
    if (g === null) return null;
    const leaf = detach(g);
    leaf.requiresGrad = true;
    const out = detach(leaf);
    record(delayedError, [leaf], undefined, out);
    return out;
  });
}
