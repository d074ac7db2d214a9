/**
 * Custom autograd Functions (torch.autograd.Function, camelCase): a class with `static forward(ctx,
 * ...args)` and `static backward(ctx, ...gradOutputs)`, called as `MyFn.apply(...args)`.
 *
 * `apply` runs forward with grad mode off, then records one general Node named `<class>Backward`
 * (torch 1.13's name) whose inputs are the tensor arguments (torch's next_functions: one per tensor
 * argument). Its backward calls the class's backward with grad mode as the walk sets it, so with
 * createGraph the ops backward uses are recorded: a custom backward is differentiable unless the
 * class sets `static onceDifferentiable = true`.
 *
 * Several outputs: the first differentiable output's grad_fn is the Node; each further one gets an
 * output node (engine/function-outputs.ts) that hands its gradient to the Node, so the walk, which
 * delivers one gradient per node, needs no change.
 */
import { Tensor } from './tensor';
import type { Node } from './node';
import type { OpDef, Operand } from './ops/define';
import { recordNode } from './tape-record';
import { isGradEnabled, noGrad } from './grad-mode';
import { AutogradError, ShapeError } from './errors';
import { isFloating } from './dtype';
import { broadcastsTo, fmtShape, sameShape } from './shape';
import { sumToShape } from './ops/reduce';
import { detach } from './ops/view';
import { zeros } from './creation';
import { FunctionCtx, ctxState } from './function-ctx';
import { attachOutput, onceDifferentiableResult } from './function-outputs';
import type { CustomParams } from './function-outputs';

/** The static side of a custom Function class, as `apply` sees it. */
export interface FunctionClass {
  readonly name: string;
  forward(ctx: FunctionCtx, ...args: never[]): unknown;
  backward(ctx: FunctionCtx, ...gradOutputs: never[]): unknown;
  readonly onceDifferentiable?: boolean;
}

type Call = (ctx: FunctionCtx, ...args: unknown[]) => unknown;

/** torch.autograd.Function: extend it, define static forward and backward, call `apply`. */
export class CustomFunction {
  /** Opt-in: backward is not differentiable (torch's @once_differentiable). */
  static onceDifferentiable = false;

  static forward(_ctx: FunctionCtx, ..._args: unknown[]): unknown {
    throw new AutogradError('Function.forward', 'You must implement the forward function for custom autograd.Function.');
  }
  static backward(_ctx: FunctionCtx, ..._gradOutputs: unknown[]): unknown {
    throw new AutogradError('Function.backward', 'You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.');
  }
  /** Run forward (grad mode off) and record the backward node when an input requires grad. */
  static apply(this: FunctionClass, ...args: unknown[]): unknown {
    return applyFunction(this, args);
  }
}

export function applyFunction(cls: FunctionClass, args: readonly unknown[]): unknown {
  const name = `${cls.name}Backward`;
  const gradOn = isGradEnabled();
  const needs = args.map((a) => gradOn && a instanceof Tensor && a.requiresGrad);
  const ctx = new FunctionCtx(needs);
  const raw = noGrad(() => (cls.forward as Call).call(cls, ctx, ...args));
  if (!needs.some(Boolean)) return raw;
  const outs = Array.isArray(raw) ? raw.slice() : [raw];
  const state = ctxState(ctx);
  for (const t of state.dirty) {
    if (t.isLeaf && t.requiresGrad) throw new AutogradError(name, 'a leaf Variable that requires grad has been used in an in-place operation.');
    if (!outs.includes(t)) throw new AutogradError(name, 'Some elements marked as dirty during the forward method were not returned as output. The inputs that are modified inplace must all be outputs of the Function.');
  }
  const tensorArgs = args.filter((a): a is Tensor => a instanceof Tensor);
  const outputs: { shape: readonly number[]; dtype: Tensor['dtype'] }[] = [];
  const params: CustomParams = { cls, ctx, argIsTensor: args.map((a) => a instanceof Tensor), outputs, pending: [], primary: -1, carrier: null };
  const node = recordNode(customOp(name), tensorArgs, params);
  state.node = node;
  outs.forEach((o, i) => {
    if (!(o instanceof Tensor)) return;
    outputs.push({ shape: o.shape, dtype: o.dtype });
    params.pending.push(null);
    if (state.nonDiff.includes(o) || !isFloating(o.dtype)) return;
    // an input returned unchanged becomes an alias with its own grad_fn (torch: view_as)
    const t = tensorArgs.includes(o) && !state.dirty.includes(o) ? detach(o) : o;
    attachOutput(node, params, outputs.length - 1, t);
    outs[i] = t;
  });
  // versions at the end of forward (after markDirty's in-place ops): read back by savedTensors
  state.versions = state.saved.map((t) => t._version);
  state.savedOutput = state.saved.map((t) => outs.includes(t));
  return Array.isArray(raw) ? outs : outs[0];
}

/** The Node's definition: one per call (its name is the class's; backward is the class's). */
function customOp(name: string): OpDef<CustomParams> {
  return {
    name,
    formulas: [`${name.slice(0, -'Backward'.length)}.backward`],
    saves: 0,
    forward(): Tensor {
      throw new AutogradError(name, 'a custom Function node is recorded by apply, never run forward');
    },
    backward(grad: Tensor, node: Node<CustomParams>): (Tensor | null)[] {
      return runBackward(name, node, grad);
    },
  };
}

/** The class's backward on this node's gradient outputs, checked and fitted as torch's PyNode does. */
function runBackward(name: string, node: Node<CustomParams>, grad: Tensor): (Tensor | null)[] {
  const p = node.params;
  const state = ctxState(p.ctx);
  const own = grad === p.carrier ? null : grad;
  p.carrier = null;
  const grads = p.outputs.map((o, i) => {
    const g = i === p.primary ? own : p.pending[i];
    p.pending[i] = null;
    return g ?? (state.materialize ? zeros(o.shape as number[], { dtype: o.dtype }) : null);
  });
  const once = p.cls.onceDifferentiable === true;
  const call = (): unknown => (p.cls.backward as Call).call(p.cls, p.ctx, ...grads);
  const raw = once ? noGrad(call) : call();
  const list = checkCount(name, Array.isArray(raw) ? raw : [raw], p.argIsTensor);
  const res: (Tensor | null)[] = [];
  for (let i = 0; i < p.argIsTensor.length; i++) {
    if (p.argIsTensor[i]) res.push(fitGradient(name, res.length, node.input(res.length), list[i]));
  }
  return once && isGradEnabled() && grads.some((g) => g !== null && g.requiresGrad) ? onceDifferentiableResult(res) : res;
}

/** torch: one gradient per forward argument (extra trailing nulls allowed), null for non-tensors. */
function checkCount(name: string, list: readonly unknown[], argIsTensor: readonly boolean[]): unknown[] {
  const n = argIsTensor.length;
  let got = list.length;
  while (got > n && (list[got - 1] === null || list[got - 1] === undefined)) got--;
  if (got !== n) throw new AutogradError(name, `function ${name} returned an incorrect number of gradients (expected ${n}, got ${list.length})`);
  for (let i = 0; i < n; i++) {
    const g = list[i];
    if (!argIsTensor[i] && g !== null && g !== undefined) {
      throw new AutogradError(name, `function ${name} returned a gradient different than None at position ${i + 1}, but the corresponding forward input was not a Variable`);
    }
  }
  return list.slice(0, n);
}

/** Gradient for tensor input i: null, or a tensor of the input's shape (summed if it broadcasts to it) and dtype. */
function fitGradient(name: string, i: number, input: Operand, g: unknown): Tensor | null {
  if (g === null || g === undefined) return null;
  if (!(g instanceof Tensor)) throw new AutogradError(name, `function ${name} returned an invalid gradient at index ${i} - expected a Tensor or null, got ${typeof g}`);
  const x = input as Tensor;
  if (sameShape(g.shape, x.shape)) return g;
  if (!broadcastsTo(x.shape, g.shape)) {
    throw new ShapeError(name, `Function ${name} returned an invalid gradient at index ${i} - got ${fmtShape(g.shape)} but expected shape compatible with ${fmtShape(x.shape)}`);
  }
  return sumToShape(g, x.shape);
}

export { FunctionCtx };
