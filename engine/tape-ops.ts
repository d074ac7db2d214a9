/**
 * What the op table derives for the compact slots of the tape (tape.ts): per op code (an entry's
 * index in the table) its vector-Jacobian products, generated once at load from the entry's
 * derivative terms (its forward on one element is the eager kernel's scalar form, engine/ops/derive.ts).
 * A derivative evaluates its terms as the tensor path does: every op on a tensor-valued operand
 * rounds to float32 when the slot is float32 (where the tensor op stores to a float32 tensor) and
 * counts one element towards the budget; numbers-only subterms are folded in float64 and cost
 * nothing. So a compact result and its gradients are bit-identical to the tensor path's, charges
 * included (table.test.ts and tape.test.ts check it).
 */
import { savesOf as entrySaves } from './ops/terms';
import { exprOf } from './ops/exprs';
import { OP_IDS, TABLE } from './ops/table';
import type { OpId, Term } from './ops/table';

/** An op code: the entry's index in the table. */
export type TapeCode = number;

/** Per code, precomputed (read once per recorded op and per swept slot). */
const BINARY: readonly boolean[] = OP_IDS.map((id) => TABLE[id].arity === 'binary');
const CHARGE: readonly string[] = OP_IDS.map((id) => TABLE[id].api);
const SAVES: readonly number[] = OP_IDS.map((id) => (TABLE[id].name === null ? 0 : entrySaves(id)));

/** Input 1 is an operand (a tensor of the same shape, or a number kept in the slot's constant). */
export function isBinary(code: TapeCode): boolean {
  return BINARY[code];
}

/** The op name element-budget charges and BudgetErrors use, as the tensor path names it. */
export function chargeName(code: TapeCode): string {
  return CHARGE[code];
}

/** Which tensors the op's backward reads (OpDef.saves): version checks and the freed-graph error. */
export function savesOf(code: TapeCode): number {
  return SAVES[code];
}

/** A built node's params: none for binary ops (alpha 1 on the tape), the number parameter of a scalar op. */
export function paramsOf(code: TapeCode, c: number): number | undefined {
  return TABLE[OP_IDS[code]].arity === 'scalar' ? c : undefined;
}

// ---- generated code: the VJP of every op ----

/** Whether a generated value is a tensor's (rounded, charged), a number's, or a tensor's iff `$yT`. */
type Kind = 'tensor' | 'number' | 'ifOther';

/** Code generation of one op's derivatives; constants go to the shared array K (no number is written into code). */
class Gen {
  private names = 0;
  constructor(private readonly consts: number[], private readonly otherKind: Kind) {}

  constant(v: number): string {
    this.consts.push(v);
    return `K[${this.consts.length - 1}]`;
  }

  /** Statements computing term t into `out`; returns the variable (or constant) holding it and its kind. */
  term(t: Term, out: string[]): [string, Kind] {
    if (typeof t === 'number') return [this.constant(t), 'number'];
    if ('leaf' in t) {
      switch (t.leaf) {
        case 'grad': return ['$g', 'tensor'];
        case 'self': return ['$x', 'tensor'];
        case 'result': return ['$r', 'tensor'];
        case 'other': return ['$y', this.otherKind];
        case 'alpha': return [this.constant(1), 'number']; // the tape records alpha = 1 only
      }
    }
    const v = `v${this.names++}`;
    if ('ifEq' in t) {
      const [c, ck] = this.term(t.ifEq, out);
      if (ck !== 'number') throw new Error('internal: a derivative chose on a tensor');
      const yes: string[] = [], no: string[] = [];
      const [a, ak] = this.term(t.then, yes), [b, bk] = this.term(t.else, no);
      out.push(`let ${v}; if (${c} === ${this.constant(t.to)}) { ${yes.join(' ')} ${v} = ${a}; } else { ${no.join(' ')} ${v} = ${b}; }`);
      return [v, ak === 'tensor' || bk === 'tensor' ? 'tensor' : ak === 'ifOther' || bk === 'ifOther' ? 'ifOther' : 'number'];
    }
    const args = t.args.map((u) => this.term(u, out));
    const kinds = args.map(([, k]) => k);
    const kind: Kind = kinds.includes('tensor') ? 'tensor' : kinds.includes('ifOther') ? 'ifOther' : 'number';
    // a number next to a tensor is cast to the tensor's dtype first (binaryForward, as torch does)
    const cast = kind === 'tensor' ? '$f' : '$f && $yT';
    const operand = ([a, k]: [string, Kind]): string => (kind !== 'number' && k === 'number' ? `(${cast} ? Math.fround(${a}) : ${a})` : a);
    out.push(`let ${v}; { const x = ${operand(args[0])}, y = ${args.length > 1 ? operand(args[1]) : 'undefined'}; ${v} = ${exprOf(t.op)}; }`);
    const round = `if ($f) ${v} = Math.fround(${v}); $n++;`;
    if (kind === 'tensor') out.push(round);
    else if (kind === 'ifOther') out.push(`if ($yT) { ${round} }`);
    return [v, kind];
  }
}

/** Slots of the `io` array the generated functions read and write (numbers never cross a call boxed). */
export const enum Io { X = 0, Y = 1, Result = 2, Grad = 3, D0 = 4, D1 = 5 }

/** The leaves a term reads (grad, self, other, result): each gradient loads only what it needs. */
function leavesOf(t: Term, out = new Set<string>()): Set<string> {
  if (typeof t === 'number') return out;
  if ('leaf' in t) out.add(t.leaf);
  else if ('ifEq' in t) [t.ifEq, t.then, t.else].forEach((u) => leavesOf(u, out));
  else t.args.forEach((u) => leavesOf(u, out));
  return out;
}

/** Statements that load a leaf into its variable ($g, $x, $y or $r), as the caller's code reaches it. */
export type LeafLoads = Readonly<Record<'grad' | 'self' | 'other' | 'result', string>>;

/**
 * The VJP of op `id` as statements: for each input i whose flag e<i> is set, load the leaves its
 * term reads (`loads`: $g incoming gradient, $x and $y inputs, $r result), compute it (rounding to
 * float32 at each node when $f, $yT: input 1 is a tensor), add the elements the tensor path
 * allocates to $n and leave it in d<i>. Constants go to the shared array K; the only other text
 * is the table's expressions, by op id.
 */
export function vjpStatements(id: OpId, consts: number[], loads: LeafLoads): string {
  const e = TABLE[id];
  const gen = new Gen(consts, e.arity === 'binary' ? 'ifOther' : 'number');
  return e.d.map((t, i) => {
    const out: string[] = [];
    const [v] = gen.term(t, out);
    const load = [...leavesOf(t)].filter((l) => l !== 'alpha').map((l) => loads[l as keyof LeafLoads]).join(' ');
    return `if (e${i}) { ${load} ${out.join(' ')} d${i} = ${v}; }`;
  }).join(' ');
}

/** io[D0], io[D1] = the VJP of compact op `code` (see vjpStatements; flags: F32, OtherTensor, E0, E1); returns $n. */
export type Vjp = (flags: number, io: Float64Array) => number;
/** Bits of a Vjp's `flags`. */
export const enum VjpFlag { F32 = 1, OtherTensor = 2, E0 = 4, E1 = 8 }

const consts: number[] = [];
/** The VJP of each op code as a function (tests; the backward walk inlines them: engine/walk-number.ts). */
export const VJPS: readonly Vjp[] = Object.freeze(OP_IDS.map((id) => {
  if (TABLE[id].name === null) return () => { throw new Error('internal: this op never records'); };
  const body = vjpStatements(id, consts, { grad: `const $g = io[${Io.Grad}];`, self: `const $x = io[${Io.X}];`, other: `const $y = io[${Io.Y}];`, result: `const $r = io[${Io.Result}];` });
  return new Function('K', `return function vjp(flags, io) {
    const $f = (flags & ${VjpFlag.F32}) !== 0, $yT = (flags & ${VjpFlag.OtherTensor}) !== 0, e0 = (flags & ${VjpFlag.E0}) !== 0, e1 = (flags & ${VjpFlag.E1}) !== 0;
    let $n = 0, d0 = 0, d1 = 0; ${body} io[${Io.D0}] = d0; io[${Io.D1}] = d1; return $n;
  };`)(consts) as Vjp;
}));

/** io[Result] = the op's forward on io[X] and io[Y], in float64 (the caller rounds float32): its table expression. */
export type Forward = (io: Float64Array) => void;
/**
 * The forward of each op code, one small function per op reading and writing `io`: a number passed
 * to or returned from a call that is not inlined is boxed, and a compact slot costs a few dozen
 * nanoseconds in all.
 */
export const FORWARDS: readonly Forward[] = Object.freeze(OP_IDS.map((id) => new Function(`return function forward(io) { const x = io[${Io.X}], y = io[${Io.Y}]; io[${Io.Result}] = ${exprOf(id)}; };`)() as Forward));
