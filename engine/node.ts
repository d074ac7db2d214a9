/**
 * Grad function nodes: PyTorch's `grad_fn` objects. A Node is one recorded op (MulBackward0, ...);
 * an AccumulateGrad is the sink of a leaf that requires grad (one per leaf, reused).
 *
 * Every op is recorded on a tape segment (engine/tape.ts) at a slot; a Node knows its segment and
 * slot, which order the backward walk (engine/backward.ts). Ops on tensors are recorded as Node
 * objects; single-element ops as compact slots, whose Node is built only when someone reads it.
 * An edge is held as it was recorded: a grad function, or a compact slot (segment and slot) whose
 * Node is built when the edge is read -- so reading one node never builds a whole scalar graph.
 */
import type { OpDef, Operand } from './ops/define';
import { SAVE_OUT } from './ops/saves';
import type { Tensor } from './tensor';
import { AutogradError } from './errors';
import { fmtShape } from './shape';
import { torchTypeName } from './dtype';
import type { Tape } from './tape';
import { releaseSaved } from './lazy/materialise';
import { counters } from './ids';

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

/** Where an input's gradient goes: a grad function, a compact slot of a segment (slot number beside it), or nowhere. */
export type EdgeRef = GradFn | Tape | null;

const NULL_EDGE: NextEdge = [null, 0];

/**
 * Params of the node of output `index` of a custom Function with several outputs (engine/function.ts):
 * it hands its gradient to `main`. Edges to it read as torch's `[main, index]`.
 */
export class OutputOf {
  constructor(readonly main: Node, readonly index: number) {}
}

function publicEdge(f: GradFn): NextEdge {
  return f instanceof Node && f.params instanceof OutputOf ? [f.params.main, f.params.index] : [f, 0];
}

/** Sink of a leaf tensor's gradient: accumulates into `variable.grad`. */
export class AccumulateGrad implements GradFn {
  readonly id = ++counters.node;
  readonly name = 'AccumulateGrad';
  readonly nextFunctions: readonly NextEdge[] = [];
  readonly formulas: readonly string[] = [];
  /** No inputs: lets code walk every grad function the same way (arity 0, no edges). */
  readonly arity = 0;
  edge(_i: number): GradFn | null {
    return null;
  }
  constructor(readonly variable: Tensor) {}
  apply(grad: Tensor): (Tensor | null)[] {
    this.variable._accumulateGrad(grad, false);
    return [];
  }
  toString(): string {
    return `<AccumulateGrad>`;
  }
}

/** Inputs, edges and edge slots of an op over more than two inputs. */
interface Many {
  readonly inputs: readonly Operand[];
  readonly refs: readonly EdgeRef[];
  readonly slots: readonly number[];
}

/** One recorded op: its definition, inputs, params and (when the op saves it) its result. */
export class Node<P = unknown> implements GradFn {
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
  private edges: NextEdge[] | null = null;
  /** How many inputs (= next_functions slots). */
  readonly arity: number;
  /**
   * Inputs 0 and 1 and their edges in fixed fields: most ops have at most two inputs, and arrays
   * per node were a third of a graph's memory. More inputs: arrays in `many`.
   */
  private readonly a0: Operand;
  private readonly a1: Operand;
  private readonly r0: EdgeRef;
  private readonly r1: EdgeRef;
  private readonly s0: number;
  private readonly s1: number;
  private readonly many: Many | null;

  /**
   * `r0`/`s0`, `r1`/`s1`: the edges of inputs 0 and 1 (a compact slot when the ref is a Tape);
   * `more`: every input's, only for ops over more than two inputs. `tape`, `slot`: where the op is
   * recorded; `id` was reserved there.
   */
  constructor(readonly op: OpDef<P>, inputs: readonly Operand[], readonly params: P, r0: EdgeRef, s0: number, r1: EdgeRef, s1: number, more: { refs: readonly EdgeRef[]; slots: readonly number[] } | null, readonly id: number, readonly tape: Tape, readonly slot: number) {
    const n = inputs.length;
    this.arity = n;
    this.a0 = n > 0 ? inputs[0] : null;
    this.a1 = n > 1 ? inputs[1] : null;
    this.r0 = r0;
    this.r1 = r1;
    this.s0 = s0;
    this.s1 = s1;
    this.many = n > 2 && more !== null ? { inputs, refs: more.refs, slots: more.slots } : null;
  }

  /** Input i (a tensor, a number, or null). */
  input(i: number): Operand {
    return i === 0 ? this.a0 : i === 1 ? this.a1 : this.many === null ? undefined as unknown as Operand : this.many.inputs[i];
  }
  /** Input i's edge as recorded (a compact slot: the segment, with `refSlot(i)`); null: input i needs no gradient. */
  ref(i: number): EdgeRef {
    return i === 0 ? this.r0 : i === 1 ? this.r1 : this.many === null ? null : this.many.refs[i] ?? null;
  }
  /** The slot of a compact edge. */
  refSlot(i: number): number {
    return i === 0 ? this.s0 : i === 1 ? this.s1 : this.many === null ? -1 : this.many.slots[i];
  }
  /** Input i's grad function, or null when it needs no gradient (a compact slot's node is built now). */
  edge(i: number): GradFn | null {
    const r = this.ref(i);
    return r === null || isGradFn(r) ? r : r.node(this.refSlot(i));
  }
  /** All inputs (a fresh array for arity <= 2). */
  get inputs(): readonly Operand[] {
    if (this.many !== null) return this.many.inputs;
    return this.arity === 0 ? [] : this.arity === 1 ? [this.a0] : [this.a0, this.a1];
  }
  /** Per input: its grad function or null (a fresh array). */
  get next(): readonly (GradFn | null)[] {
    const out: (GradFn | null)[] = [];
    for (let i = 0; i < this.arity; i++) out.push(this.edge(i));
    return out;
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
    if (this.edges === null) this.edges = this.next.map((f) => (f === null ? NULL_EDGE : publicEdge(f)));
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

  /** Backward ran through this node without retainGraph: its saved tensors are released. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    if (this.op.saves === 0) return;
    releaseSaved(this);
    this.out = null;
  }

  /**
   * Call the grad function on an upstream gradient, like `z.grad_fn(g)` in PyTorch: the op's backward,
   * each gradient reduced to its input's shape and dtype. On the prototype, from engine/ops/input-grads.ts
   * (the reduction is an op: a sum over broadcast dims, above this module).
   */
  declare apply: (grad: Tensor) => (Tensor | null)[];
  toString(): string {
    return `<${this.op.name}>`;
  }
}

/**
 * An edge that is a grad function, not a compact slot's segment. Every grad function an edge holds
 * is a Node or an AccumulateGrad (edgeRefOf in engine/tape.ts, gradEdge below), so the segment is
 * told apart without this module importing the tape (which imports this one).
 */
function isGradFn(r: GradFn | Tape): r is GradFn {
  return r instanceof Node || r instanceof AccumulateGrad;
}

/** The grad function a tensor's gradient flows into: its gradFn, or its leaf's AccumulateGrad. */
export function gradEdge(t: Tensor): GradFn {
  const f = t.gradFn;
  if (f !== null) return f;
  let acc = t._accumulator();
  if (acc === null) t._setAccumulator((acc = new AccumulateGrad(t)));
  return acc;
}

/**
 * torch 1.13's SavedVariable::unpack message for a saved tensor modified in place. `namedBy` is the
 * grad function the message names: for a saved input, the tensor's grad_fn now (after the in-place
 * op; none for a leaf), for a saved output, the node that saved it. torch ends with a hint to
 * enable anomaly detection (torch.autograd.set_detect_anomaly); Gradlens has no anomaly mode, so
 * the hint is left out rather than suggesting an API that does not exist here.
 */
export function versionError(t: Tensor, expected: number, namedBy: GradFn | null): AutogradError {
  // torch names a node by its C++ name() here: `torch::autograd::CopySlices` for the one not generated
  const name = namedBy?.name === 'CopySlices' ? 'torch::autograd::CopySlices' : namedBy?.name;
  const who = namedBy !== null ? `, which is output 0 of ${name},` : '';
  return new AutogradError('backward', `one of the variables needed for gradient computation has been modified by an inplace operation: [${torchTypeName(t.dtype)} ${fmtShape(t.shape)}]${who} is at version ${t._version}; expected version ${expected} instead.`);
}
