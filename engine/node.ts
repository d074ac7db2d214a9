/**
 * Grad function nodes: PyTorch's `grad_fn` objects. A Node is one recorded op (MulBackward0, ...);
 * an AccumulateGrad is the sink of a leaf that requires grad (one per leaf, reused).
 */
import type { OpDef, Operand } from './ops/define';
import { computeInputGrads } from './ops/define';
import { SAVE_OUT } from './ops/saves';
import type { Tensor } from './tensor';
import { AutogradError } from './errors';
import { fmtShape } from './shape';
import { torchTypeName } from './dtype';

/** Ids for tensors and nodes, and the epoch stamp of graph walks (increasing counters only). */
export const counters = { tensor: 0, node: 0, epoch: 0 };

/** A `next_functions` entry: [grad function or null, output index (always 0 here)]. */
export type NextEdge = readonly [GradFn | null, number];

export interface GradFn {
  readonly id: number;
  /** PyTorch's class name, e.g. `MulBackward0`. */
  readonly name: string;
  readonly nextFunctions: readonly NextEdge[];
  /** Per next_functions slot, the derivative formula (graph panel edge labels). */
  readonly formulas: readonly string[];
  /** Call the grad function on an upstream gradient, like `z.grad_fn(g)` in PyTorch. */
  apply(...grads: Tensor[]): (Tensor | null)[];
  toString(): string;
}

const NULL_EDGE: NextEdge = [null, 0];

/** Sink of a leaf tensor's gradient: accumulates into `variable.grad`. */
export class AccumulateGrad implements GradFn {
  readonly id = ++counters.node;
  readonly name = 'AccumulateGrad';
  readonly nextFunctions: readonly NextEdge[] = [];
  readonly formulas: readonly string[] = [];
  /** No inputs: lets the engine walk every grad function the same way (arity 0, no edges). */
  readonly arity = 0;
  edge(_i: number): GradFn | null {
    return null;
  }
  /** Engine scratch: priority (sinks run as soon as ready), pending gradient, dependency count, walk stamp. @internal */
  readonly _prio = Infinity;
  /** @internal */
  _buf: Tensor | null = null;
  /** @internal */
  _deps = 0;
  /** @internal */
  _epoch = 0;
  constructor(readonly variable: Tensor) {}
  apply(grad: Tensor): (Tensor | null)[] {
    this.variable._accumulateGrad(grad, false);
    return [];
  }
  toString(): string {
    return `<AccumulateGrad>`;
  }
}

/** One recorded op: its definition, inputs, params and (when the op saves it) its result. */
export class Node<P = unknown> implements GradFn {
  readonly id: number;
  /** Saved result, for ops whose backward uses it (exp, tanh, sigmoid, ...). */
  out: Tensor | null = null;
  /** Versions of saved tensors when they were saved (inputs 0..2 and the result). @internal */
  v0 = 0;
  /** @internal */
  v1 = 0;
  /** @internal */
  v2 = 0;
  /** @internal */
  vOut = 0;
  /** True once backward ran without retainGraph: saved tensors may no longer be used. @internal */
  freed = false;
  /** The non-leaf whose `.grad` is kept (retainGrad). */
  retained: Tensor | null = null;
  /** Engine scratch: priority (latest-created first, like torch's sequence numbers), pending gradient, ... @internal */
  readonly _prio: number;
  /** @internal */
  _buf: Tensor | null = null;
  /** @internal */
  _deps = 0;
  /** @internal */
  _epoch = 0;
  private edges: NextEdge[] | null = null;
  /** How many inputs (= next_functions slots). */
  readonly arity: number;
  /**
   * Inputs 0 and 1 and their grad functions in fixed fields: most ops have at most two inputs, and
   * two arrays per node were a third of a scalar graph's memory. More inputs: both arrays in `many`.
   */
  private readonly a0: Operand;
  private readonly a1: Operand;
  private readonly e0: GradFn | null;
  private readonly e1: GradFn | null;
  private readonly many: { readonly inputs: readonly Operand[]; readonly next: readonly (GradFn | null)[] } | null;

  /**
   * `e0`, `e1`: the grad functions of inputs 0 and 1 (null: no gradient needed); `next`: all of them,
   * only when there are more than two inputs. `id`: reserved earlier when the op was recorded on the
   * scalar tape (engine/tape.ts) and this node is built only when someone reads it.
   */
  constructor(readonly op: OpDef<P>, inputs: readonly Operand[], readonly params: P, e0: GradFn | null, e1: GradFn | null, next: readonly (GradFn | null)[] | null, id = ++counters.node) {
    this.id = id;
    this._prio = id;
    const n = inputs.length;
    this.arity = n;
    this.a0 = n > 0 ? inputs[0] : null;
    this.a1 = n > 1 ? inputs[1] : null;
    this.e0 = e0;
    this.e1 = e1;
    this.many = n > 2 ? { inputs, next: next ?? [] } : null;
  }

  /** Input i (a tensor, a number, or null). */
  input(i: number): Operand {
    return i === 0 ? this.a0 : i === 1 ? this.a1 : this.many === null ? undefined as unknown as Operand : this.many.inputs[i];
  }
  /** Input i's grad function, or null when it needs no gradient. */
  edge(i: number): GradFn | null {
    return i === 0 ? this.e0 : i === 1 ? this.e1 : this.many === null ? null : this.many.next[i] ?? null;
  }
  /** All inputs (a fresh array for arity <= 2). */
  get inputs(): readonly Operand[] {
    if (this.many !== null) return this.many.inputs;
    return this.arity === 0 ? [] : this.arity === 1 ? [this.a0] : [this.a0, this.a1];
  }
  /** Per input: its grad function or null (a fresh array for arity <= 2). */
  get next(): readonly (GradFn | null)[] {
    if (this.many !== null) return this.many.next;
    return this.arity === 0 ? [] : this.arity === 1 ? [this.e0] : [this.e0, this.e1];
  }

  get name(): string {
    return this.op.name;
  }
  /** One formula per next_functions slot (ops over a list, like cat, share one formula for all slots). */
  get formulas(): readonly string[] {
    const f = this.op.formulas;
    return f.length === this.arity ? f : this.next.map((_, i) => f[Math.min(i, f.length - 1)] ?? 'grad');
  }
  get nextFunctions(): readonly NextEdge[] {
    if (this.edges === null) this.edges = this.next.map((f) => (f === null ? NULL_EDGE : [f, 0] as const));
    return this.edges;
  }

  /** Throws PyTorch's errors when saved tensors were freed or modified in place. @internal */
  checkSaved(): void {
    const mask = this.op.saves;
    if (mask === 0) return;
    if (this.freed) {
      throw new AutogradError(this.op.name, 'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.');
    }
    const only = this.op.savedOnlyFor;
    for (let i = 0; i < 3; i++) {
      if ((mask & (1 << i)) === 0) continue;
      // not saved by torch when the one gradient that reads it is not needed
      const reader = only === undefined ? -1 : only[i] ?? -1;
      if (reader >= 0 && this.edge(reader) === null) continue;
      const t = this.input(i);
      const v = i === 0 ? this.v0 : i === 1 ? this.v1 : this.v2;
      if (t !== null && typeof t === 'object' && t._version !== v) throw versionError(t, v, t.gradFn);
    }
    if ((mask & SAVE_OUT) !== 0 && this.out !== null && this.out._version !== this.vOut) throw versionError(this.out, this.vOut, this);
  }

  apply(grad: Tensor): (Tensor | null)[] {
    return computeInputGrads(this, grad);
  }
  toString(): string {
    return `<${this.op.name}>`;
  }
}

/**
 * torch 1.13's SavedVariable::unpack message for a saved tensor modified in place. `namedBy` is the
 * grad function the message names: for a saved input, the tensor's grad_fn now (after the in-place
 * op; none for a leaf), for a saved output, the node that saved it. torch ends with a hint to
 * enable anomaly detection (torch.autograd.set_detect_anomaly); Gradlens has no anomaly mode, so
 * the hint is left out rather than suggesting an API that does not exist here.
 */
export function versionError(t: Tensor, expected: number, namedBy: GradFn | null): AutogradError {
  const who = namedBy !== null ? `, which is output 0 of ${namedBy.name},` : '';
  return new AutogradError('backward', `one of the variables needed for gradient computation has been modified by an inplace operation: [${torchTypeName(t.dtype)} ${fmtShape(t.shape)}]${who} is at version ${t._version}; expected version ${expected} instead.`);
}
