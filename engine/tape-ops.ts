/**
 * What the op table derives for the scalar tape (tape.ts): per op code (an entry's index in the
 * table) the forward of one element and its vector-Jacobian products, generated once at load from
 * the entry's expression and derivative terms. A derivative evaluates its terms as the tensor path
 * does (engine/ops/derive.ts): every op on a tensor-valued operand rounds to float32 when the slot
 * is float32 (where the tensor op stores to a float32 tensor) and counts one element towards the
 * budget; numbers-only subterms are folded in float64 and cost nothing. So a taped result and its
 * gradients are bit-identical to the tensor path's, charges included (tape.test.ts checks it).
 */
import type { OpDef } from './ops/define';
import type { Tensor } from './tensor';
import { CODE, DEFS } from './ops/derive';
import { savesOf as entrySaves } from './ops/terms';
import { exprOf } from './ops/exprs';
import { OP_IDS, TABLE } from './ops/table';
import type { OpId, Term } from './ops/table';
import { MeanAll, SumAll, reduction } from './ops/reduce';

export type TapeCode = number;

/** Full reductions of one element (sum, mean): the two tape codes after the table's. */
export const TAPE_SUM: TapeCode = OP_IDS.length;
export const TAPE_MEAN: TapeCode = OP_IDS.length + 1;
/** Op code of an entry. */
export const codeOf = (id: OpId): TapeCode => CODE[id];

const idOf = (code: TapeCode): OpId | null => (code < OP_IDS.length ? OP_IDS[code] : null);

/** Per code, precomputed (read once per recorded op and per swept slot). */
const BINARY: readonly boolean[] = OP_IDS.map((id) => TABLE[id].arity === 'binary');
const CHARGE: readonly string[] = [...OP_IDS.map((id) => TABLE[id].api), 'sum', 'sum'];
const SAVES: readonly number[] = [...OP_IDS.map((id) => (TABLE[id].name === null ? 0 : entrySaves(id))), 0, 0];

/** Input 1 is an operand (a tensor of the same shape, or a number kept in the slot's constant). */
export function isBinary(code: TapeCode): boolean {
  return BINARY[code] === true;
}

/** The op name element-budget charges and BudgetErrors use, as the tensor path names it. */
export function chargeName(code: TapeCode): string {
  return CHARGE[code];
}

/** Which tensors the op's backward reads (OpDef.saves): version checks and the freed-graph error. */
export function savesOf(code: TapeCode): number {
  return SAVES[code];
}

/** The op definition a built node carries. */
export function opDefOf(code: TapeCode): OpDef<unknown> {
  const id = idOf(code);
  const def = id === null ? (code === TAPE_SUM ? SumAll : MeanAll) : (DEFS as Partial<Record<OpId, OpDef<unknown>>>)[id];
  if (def === undefined) throw new Error(`internal: tape op ${code} does not record`);
  return def as OpDef<unknown>;
}

/** A built node's params: none (binary: alpha 1), the number parameter (scalar), or the reduction of x. */
export function paramsOf(code: TapeCode, x: Tensor, c: number): unknown {
  const id = idOf(code);
  if (id === null) return reduction(code === TAPE_SUM ? 'sum' : 'mean', x, undefined, false);
  return TABLE[id].arity === 'scalar' ? c : undefined;
}

// ---- generated code: forward and VJP of every op, one switch each ----

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
    out.push(`let ${v}; { const x = ${args[0][0]}, y = ${args.length > 1 ? args[1][0] : 'undefined'}; ${v} = ${exprOf(t.op)}; }`);
    const round = `if ($f) ${v} = Math.fround(${v}); $n++;`;
    if (kind === 'tensor') out.push(round);
    else if (kind === 'ifOther') out.push(`if ($yT) { ${round} }`);
    return [v, kind];
  }
}

/** Slots of the `io` array the generated functions read and write (numbers never cross a call boxed). */
export const enum Io { X = 0, Y = 1, Result = 2, Grad = 3, D0 = 4, D1 = 5 }
/** Bits of the generated VJP's `flags`. */
export const enum VjpFlag { F32 = 1, OtherTensor = 2, E0 = 4, E1 = 8 }

function generated(): { forward: Forward; vjp: Vjp } {
  const fwd: string[] = [], back: string[] = [];
  const consts: number[] = [];
  const head = `const $x = io[${Io.X}], $y = io[${Io.Y}]`;
  OP_IDS.forEach((id, code) => {
    const e = TABLE[id];
    if (e.name === null) return;
    fwd.push(`case ${code}: { const x = $x, y = $y; io[${Io.Result}] = ${exprOf(id)}; return; }`);
    const gen = new Gen(consts, e.arity === 'binary' ? 'ifOther' : 'number');
    const body = e.d.map((t, i) => {
      const out: string[] = [];
      const [v] = gen.term(t, out);
      return `if ((flags & ${i === 0 ? VjpFlag.E0 : VjpFlag.E1}) !== 0) { ${out.join(' ')} io[${i === 0 ? Io.D0 : Io.D1}] = ${v}; }`;
    });
    back.push(`case ${code}: { let $n = 0; ${body.join(' ')} return $n; }`);
  });
  // sum and mean of one element: acc = 0 + x, then / count (0 + -0 is +0); backward: expand (mean: then / 1)
  fwd.push(`default: io[${Io.Result}] = (0 + $x) / 1;`);
  back.push(`case ${TAPE_SUM}: io[${Io.D0}] = $g; return 1;`, `case ${TAPE_MEAN}: io[${Io.D0}] = $g; return 2;`, `default: throw new Error('internal: tape op ' + $code + ' has no backward');`);
  const make = new Function('K', `return [
    function forward($code, io) { ${head}; switch ($code) { ${fwd.join('\n')} } },
    function vjp($code, flags, io) {
      ${head}, $r = io[${Io.Result}], $g = io[${Io.Grad}], $f = (flags & ${VjpFlag.F32}) !== 0, $yT = (flags & ${VjpFlag.OtherTensor}) !== 0;
      switch ($code) { ${back.join('\n')} }
    },
  ];`);
  const [forward, vjp] = make(Object.freeze(consts)) as [Forward, Vjp];
  return { forward, vjp };
}

/** io[Result] = f(io[X], io[Y]) in float64 (the caller rounds float32 results): the entry's expression. */
export type Forward = (code: TapeCode, io: Float64Array) => void;
/**
 * io[D0] and io[D1] = d/d(input 0) and d/d(input 1) of one slot (where flags has E0 / E1) from
 * io[Grad] (the incoming gradient), io[X], io[Y] (the inputs) and io[Result]: F32 rounds each
 * node, OtherTensor says input 1 is a tensor. Returns the elements the tensor path allocates.
 */
export type Vjp = (code: TapeCode, flags: number, io: Float64Array) => number;

const code = generated();
export const forward: Forward = code.forward;
export const vjp: Vjp = code.vjp;
