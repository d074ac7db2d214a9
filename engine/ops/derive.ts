/**
 * What the op table (table.ts) derives for the tensor path: per entry its kernels, its OpDef
 * (grad_fn name, formula labels and saved tensors from terms.ts, forward, backward) and the generic
 * op functions the public API is written with (compact slots' VJPs: tape-ops.ts).
 *
 * A derivative term is evaluated with the tensor ops of the table: with grad mode on (createGraph)
 * they record, so higher derivatives come for free; with it off, large operands are deferred and
 * fused (engine/lazy), small ones run eagerly. Numbers-only subterms (an exponent minus one) are
 * folded in float64, as torch's Scalar arithmetic does.
 */
import { Tensor } from '../tensor';
import { kindOf, tensorInput } from './operands';
import { defineOp, run } from './define';
import type { OpDef } from './define';
import type { Node } from '../node';
import { binaryForward, binaryInto, unaryForward, unaryInto } from './binary';
import { binaryKernel, unaryKernel } from './ewise';
import type { BinaryKernel, UnaryKernel } from './ewise';
import { OP_IDS, TABLE } from './table';
import type { Entry, Leaf, OpId, RecordedOpId, Term } from './table';
import { formulaOf, savedOnlyForOf, savesOf } from './terms';
import { isGradEnabled, noGrad } from '../grad-mode';
import { chained, tapeBinary, tapeUnary } from '../tape-record';
import type { TapeOp } from '../tape';
import { ArgumentError } from '../errors';
import { backwardKernel } from './backward-kernel';
import { SAVE_BOTH } from './saves';

type TensorLike = Tensor | number;

// ---- kernels, compiled on first use ----

const unaryKernels = new Map<OpId, UnaryKernel>();
const binaryKernels = new Map<OpId, BinaryKernel>();

/** The compiled loop of a unary entry. */
export function unaryKernelOf(id: OpId): UnaryKernel {
  let k = unaryKernels.get(id);
  if (k === undefined) unaryKernels.set(id, (k = unaryKernel(id)));
  return k;
}
/** The compiled loops of a binary or scalar entry (y: input 1, or the number parameter). */
export function binaryKernelOf(id: OpId): BinaryKernel {
  let k = binaryKernels.get(id);
  if (k === undefined) binaryKernels.set(id, (k = binaryKernel(id)));
  return k;
}

// ---- forward and backward on tensors ----

/** Params of a derived OpDef: add/sub's alpha (binary), the number operand (scalar), none (unary). */
type Params = number | undefined;

/** The entry's forward on tensors (no recording). Binary ops scale `b` by alpha first (add, sub). */
function forward(id: OpId, e: Entry, a: TensorLike, b: TensorLike | undefined, p: Params): Tensor {
  if (e.arity === 'unary') return unaryForward(e.api, unaryKernelOf(id), a as Tensor, e.dtype);
  if (e.arity === 'scalar') return binaryForward(e.api, binaryKernelOf(id), a as Tensor, p as number, e.dtype);
  const alpha = p ?? 1;
  const y = alpha === 1 ? b! : typeof b === 'number' ? b * alpha : binaryForward(e.api, binaryKernelOf('mul'), b!, alpha);
  return binaryForward(e.api, binaryKernelOf(id), a, y, e.dtype);
}

/** What a derivative's leaves read: the incoming gradient and the recorded node (inputs, result, params). */
interface Env {
  readonly read: (leaf: Leaf) => TensorLike;
  /**
   * Grad mode off and several elements: tensors this evaluation may overwrite -- the incoming
   * gradient when the engine owns it, and the intermediates it made (each term's value is read by
   * one parent only). null: nothing is overwritten (grad mode on, or single elements).
   */
  owned: TensorLike[] | null;
}

/** The leaves of a node's derivative: a scalar op's parameter is its `other`; a binary op's params are add/sub's alpha. */
function nodeLeaves(grad: Tensor, n: Node<Params>, scalar: boolean): (leaf: Leaf) => TensorLike {
  return (leaf) => {
    const v = leaf === 'grad' ? grad : leaf === 'self' ? n.input(0) : leaf === 'other' ? (scalar ? n.params! : n.input(1)) : leaf === 'result' ? n.out : scalar ? 1 : n.params ?? 1;
    if (v === null) throw new Error(`internal: a derivative read '${leaf}', which this node did not save`);
    return v;
  };
}

/** A term's value: a tensor op of the table per call (recorded when grad mode is on), or a number. */
function evaluate(t: Term, env: Env): TensorLike {
  if (typeof t === 'number') return t;
  if ('leaf' in t) return env.read(t.leaf);
  if ('ifEq' in t) {
    const k = evaluate(t.ifEq, env);
    if (typeof k !== 'number') throw new Error('internal: a derivative chose on a tensor');
    return evaluate(k === t.to ? t.then : t.else, env);
  }
  const a = evaluate(t.args[0], env);
  const b = t.args.length > 1 ? evaluate(t.args[1], env) : undefined;
  const e = TABLE[t.op];
  if (typeof a === 'number' && (b === undefined || typeof b === 'number')) return constant(t.op, a, b ?? 0);
  // a scalar entry's number operand is its parameter
  const p = e.arity === 'scalar' ? (b as number) : undefined;
  if (isGradEnabled()) return e.name === null ? noGrad(() => forward(t.op, e, a, b, p)) : apply(t.op, a, b);
  const owned = env.owned;
  if (owned === null) return forward(t.op, e, a, b, p);
  const into = owned.includes(a) ? a : b !== undefined && owned.includes(b) ? b : null;
  let v: Tensor;
  if (into === null) v = forward(t.op, e, a, b, p);
  else if (e.arity === 'unary') v = unaryInto(e.api, unaryKernelOf(t.op), a as Tensor, e.dtype);
  else v = binaryInto(e.api, binaryKernelOf(t.op), a, b!, into as Tensor, e.dtype);
  owned.push(v);
  return v;
}

/** A numbers-only subterm, in float64 (torch's Scalar arithmetic). */
function constant(id: OpId, x: number, y: number): number {
  const e = TABLE[id];
  return e.arity === 'unary' ? unaryKernelOf(id).scalar(x) : binaryKernelOf(id).scalar(x, y);
}

/** Entry `id` applied to evaluated operands, as the public op functions apply it (taped or recorded). */
function apply(id: OpId, a: TensorLike, b: TensorLike | undefined): Tensor {
  const e = TABLE[id];
  if (e.arity === 'unary') return unaryOp(id, a as Tensor);
  if (e.arity === 'scalar') return scalarOp(id, a as Tensor, b as number);
  // terms put a tensor first (number - tensor is `rsub`), as the op functions below take them
  if (typeof a === 'number') throw new Error(`internal: the derivative term ${id}(number, tensor) has no op`);
  return binaryOp(id, a, b!);
}

function derivedDef(id: OpId, e: Entry): OpDef<Params> {
  const scalarParam = e.arity === 'scalar';
  return defineOp<Params>({
    name: e.name!,
    formulas: e.d.map((_, i) => formulaOf(id, i)),
    saves: savesOf(id),
    savedOnlyFor: savedOnlyForOf(id),
    forward: (inputs, p) => forward(id, e, inputs[0] as TensorLike, inputs[1] as TensorLike | undefined, p),
    backward: (g, n, own) => {
      // with grad mode on, an op whose backward torch runs as a kernel of its own records that kernel
      const kernel = isGradEnabled() ? tableKernelOf(id) : undefined;
      if (kernel !== undefined) return [run(kernel.def, kernel.inputs.map(nodeLeaves(g, n, scalarParam)), undefined)];
      const env: Env = { read: nodeLeaves(g, n, scalarParam), owned: null };
      // in place only on several elements, grad mode off; only the last gradient computed may
      // overwrite an owned g (the others have read it by then), and only when none of them is g
      // itself (add's and sub's gradient for self)
      const inPlace = !isGradEnabled() && !g._isSingle();
      let last = -1;
      for (let i = 0; i < e.d.length; i++) if (n.ref(i) !== null) last = i;
      const res: (Tensor | null)[] = e.d.length === 1 ? [null] : [null, null];
      for (let i = 0; i < e.d.length; i++) {
        if (n.ref(i) === null) continue;
        env.owned = inPlace ? (own && i === last && res[0] !== g ? [g] : []) : null;
        const v = evaluate(e.d[i], env);
        res[i] = typeof v === 'number' ? null : v;
      }
      return res;
    },
  });
}

// ---- backward kernels of table entries (backward-kernel.ts) ----
//
// With grad mode on, tanh's backward records TanhBackwardBackward0(grad, result) instead of the
// primitives of its term. The kernel's forward is the entry's own derivative term, evaluated with
// grad mode off (the same tensor ops as the plain backward: the same values, bit for bit); its
// backward is the kernel's derivative (derivatives.yaml, torch 1.13), with y the result, go the
// kernel's grad input and gg the gradient arriving at it:
// - tanh_backward(go, y) = go (1 - y²):      d/dgo = tanh_backward(gg, y),    d/dy = gg · (-2 y go)
// - sigmoid_backward(go, y) = go y (1 - y):  d/dgo = sigmoid_backward(gg, y), d/dy = gg · go · (1 - 2 y)
// relu's backward, threshold_backward, is an entry of the table itself (`threshold`).

/** A kernel and which leaves of its entry's derivative it takes, in torch's order. */
interface TableKernel {
  readonly def: OpDef;
  readonly inputs: readonly Leaf[];
}

type Vjp = (gg: Tensor, go: Tensor, y: Tensor) => [Tensor | null, Tensor | null];

/** A kernel over (grad, result) of a one-input entry: `vjp` gives the gradients of go and y. */
function gradResultKernel(entry: RecordedOpId, name: string, formulas: [string, string], vjp: Vjp): TableKernel {
  const def = backwardKernel({
    name, formulas, saves: SAVE_BOTH,
    compute: ([go, y]) => {
      const v = evaluate(TABLE[entry].d[0], { read: (leaf) => (leaf === 'grad' ? (go as Tensor) : leaf === 'result' ? (y as Tensor) : missingLeaf(entry, leaf)), owned: null });
      if (typeof v === 'number') throw new Error(`internal: the derivative of ${entry} gave a number`);
      return v;
    },
    backward: (gg, n) => vjp(gg, n.input(0) as Tensor, n.input(1) as Tensor),
  });
  return Object.freeze({ def, inputs: Object.freeze(['grad', 'result'] as const) });
}

function missingLeaf(id: OpId, leaf: Leaf): never {
  throw new Error(`internal: the backward kernel of ${id} does not take '${leaf}'`);
}

const mul = (a: TensorLike, b: TensorLike): Tensor => binaryOp('mul', a, b);
const TanhBackward: TableKernel = gradResultKernel('tanh', 'TanhBackwardBackward0', ['tanh_backward(grad, output)', 'grad * -2 * output * grad_output'],
  (gg, go, y) => [run(TanhBackward.def, [gg, y], undefined), mul(gg, mul(mul(y, -2), go))]);
const SigmoidBackward: TableKernel = gradResultKernel('sigmoid', 'SigmoidBackwardBackward0', ['sigmoid_backward(grad, output)', 'grad * grad_output * (1 - 2 * output)'],
  (gg, go, y) => [run(SigmoidBackward.def, [gg, y], undefined), mul(mul(gg, go), binaryOp('add', mul(y, -2), 1))]);

const TABLE_KERNELS: Partial<Record<OpId, TableKernel>> = Object.freeze({ tanh: TanhBackward, sigmoid: SigmoidBackward });

/** The backward kernel of entry `id`, if torch runs its backward as a kernel of its own. */
function tableKernelOf(id: OpId): TableKernel | undefined {
  return TABLE_KERNELS[id];
}

/** The table kernels' OpDefs (the op registry and the gradient-check samples). */
export const TABLE_KERNEL_DEFS = { tanhBackward: TanhBackward.def, sigmoidBackward: SigmoidBackward.def } as const;

/** The OpDef of every entry that records, by id. */
export const DEFS: { readonly [K in RecordedOpId]: OpDef<Params> } = Object.freeze(
  Object.fromEntries(OP_IDS.filter((id) => TABLE[id].name !== null).map((id) => [id, derivedDef(id, TABLE[id])])) as { [K in RecordedOpId]: OpDef<Params> },
);

function defOf(id: OpId): OpDef<Params> {
  const d = (DEFS as Partial<Record<OpId, OpDef<Params>>>)[id];
  if (d === undefined) throw new Error(`internal: op '${id}' does not record`);
  return d;
}

/** Op codes of compact slots (engine/tape.ts): the entry's index in the table. */
export const CODE: { readonly [K in OpId]: number } = Object.freeze(Object.fromEntries(OP_IDS.map((id, i) => [id, i])) as { [K in OpId]: number });

// ---- the generic op functions the public API is written with ----

/** An entry resolved once: its tape code and its OpDef, read per call without a lookup by name. */
export interface OpHandle extends TapeOp {
  readonly id: OpId;
  readonly def: OpDef<Params>;
}
const handles = new Map<OpId, OpHandle>();
/** The handle of a recording entry. */
export function opHandle(id: OpId): OpHandle {
  let h = handles.get(id);
  if (h === undefined) handles.set(id, (h = Object.freeze({ id, code: CODE[id], def: defOf(id) })));
  return h;
}
const handleOf = (op: OpId | OpHandle): OpHandle => (typeof op === 'string' ? opHandle(op) : op);

/**
 * The operands of an entry as torch's argument parser checks them: the input a tensor, the other
 * a tensor or a number -- an ArgumentError naming the op and the argument, not a TypeError from
 * inside the engine (the types say so, a JavaScript caller may still pass anything).
 */
function checkOperands(h: OpHandle, a: unknown, b?: unknown): void {
  const api = TABLE[h.id].api;
  // a binary entry takes a number on either side (2 ** t is pow with a number self), a unary one only a tensor
  if (b === undefined || typeof a !== 'number') tensorInput(api, a);
  if (b !== undefined && typeof b !== 'number' && !(b instanceof Tensor)) throw new ArgumentError(api, `argument 'other' must be Tensor or a number, not ${kindOf(b)}`);
}

/** A unary entry on a tensor: in a compact slot when eligible, else run and recorded in a general one. */
export function unaryOp(op: OpId | OpHandle, a: Tensor): Tensor {
  const h = handleOf(op);
  checkOperands(h, a);
  return tapeUnary(h, a) ?? run(h.def, [a], undefined);
}

/** A binary entry on its two operands, slot order kept (alpha scales b: add and sub only). */
export function binaryOp(op: OpId | OpHandle, a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  const h = handleOf(op);
  checkOperands(h, a, b);
  return (alpha === 1 && typeof a !== 'number' ? tapeBinary(h, a, b) : null) ?? run(h.def, [a, b], alpha === 1 ? undefined : alpha);
}

/** A scalar entry: tensor a and the number parameter c (one next_functions slot). */
export function scalarOp(op: OpId | OpHandle, a: Tensor, c: number): Tensor {
  const h = handleOf(op);
  checkOperands(h, a);
  return tapeUnary(h, a, c) ?? run(h.def, [a], c);
}

/** The public function of a unary entry (one line per op in unary.ts), its entry resolved once. */
export function unaryFn(id: OpId): (a: Tensor) => Tensor {
  const h = opHandle(id);
  return (a) => chained(h, a, 0) ?? unaryOp(h, a);
}

/** A non-recording entry (a comparison or a mask) on two operands, at least one a tensor. */
export function maskOp(id: OpId, a: TensorLike, b: TensorLike): Tensor {
  const e = TABLE[id];
  if (typeof a === 'number' && typeof b === 'number') throw new ArgumentError(e.api, 'expected at least one tensor operand, got two numbers');
  return binaryForward(e.api, binaryKernelOf(id), a, b, e.dtype);
}
