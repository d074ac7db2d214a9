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
  /** No inputs: lets the engine walk every grad function the same way. */
  readonly next: readonly (GradFn | null)[] = [];
  /** Engine scratch: priority (sinks run as soon as ready), pending gradient, dependency count, walk stamp. */
  readonly _prio = Infinity;
  _buf: Tensor | null = null;
  _deps = 0;
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
  readonly id = ++counters.node;
  /** Saved result, for ops whose backward uses it (exp, tanh, sigmoid, ...). */
  out: Tensor | null = null;
  /** Versions of saved tensors when they were saved (inputs 0..2 and the result). */
  v0 = 0;
  v1 = 0;
  v2 = 0;
  vOut = 0;
  /** True once backward ran without retainGraph: saved tensors may no longer be used. */
  freed = false;
  /** The non-leaf whose `.grad` is kept (retainGrad). */
  retained: Tensor | null = null;
  /** Engine scratch: priority (latest-created first, like torch's sequence numbers), pending gradient, ... */
  readonly _prio = this.id;
  _buf: Tensor | null = null;
  _deps = 0;
  _epoch = 0;
  private edges: NextEdge[] | null = null;

  constructor(
    readonly op: OpDef<P>,
    readonly inputs: readonly Operand[],
    readonly params: P,
    /** Per input: its grad function (or null when it needs no gradient). */
    readonly next: readonly (GradFn | null)[],
  ) {}

  get name(): string {
    return this.op.name;
  }
  /** One formula per next_functions slot (ops over a list, like cat, share one formula for all slots). */
  get formulas(): readonly string[] {
    const f = this.op.formulas;
    return f.length === this.next.length ? f : this.next.map((_, i) => f[Math.min(i, f.length - 1)] ?? 'grad');
  }
  get nextFunctions(): readonly NextEdge[] {
    if (this.edges === null) this.edges = this.next.map((f) => (f === null ? NULL_EDGE : [f, 0] as const));
    return this.edges;
  }

  /** Throws PyTorch's errors when saved tensors were freed or modified in place. */
  checkSaved(): void {
    const mask = this.op.saves;
    if (mask === 0) return;
    if (this.freed) {
      throw new AutogradError(this.op.name, 'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.');
    }
    for (let i = 0; i < 3; i++) {
      if ((mask & (1 << i)) === 0) continue;
      const t = this.inputs[i];
      if (t !== null && typeof t === 'object' && t._version !== (i === 0 ? this.v0 : i === 1 ? this.v1 : this.v2)) {
        versionError(t, i === 0 ? this.v0 : i === 1 ? this.v1 : this.v2);
      }
    }
    if ((mask & SAVE_OUT) !== 0 && this.out !== null && this.out._version !== this.vOut) versionError(this.out, this.vOut);
  }

  apply(grad: Tensor): (Tensor | null)[] {
    return computeInputGrads(this, grad);
  }
  toString(): string {
    return `<${this.op.name}>`;
  }
}


function versionError(t: Tensor, expected: number): never {
  const who = t.gradFn ? `, which is output 0 of ${t.gradFn.name},` : '';
  throw new AutogradError('backward', `one of the variables needed for gradient computation has been modified by an inplace operation: [${torchTypeName(t.dtype)} ${fmtShape(t.shape)}]${who} is at version ${t._version}; expected version ${expected} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`);
}

