/**
 * The backward walk's sweep of one segment (engine/backward.ts), generated once at load: the loop
 * below with every op's VJP (tape-ops.ts, from the op table) written into its switch, so a compact
 * slot of a scalar graph costs no call and no object -- it is the whole cost of such a graph's
 * backward. The loop is ordinary code kept as text here; the only other text compiled is the
 * table's expressions, by op id.
 *
 * Per reached slot, from the highest down: a compact slot of a plain walk takes the number step
 * unless `walk.numberReady` says the node step must run (built node with a retained grad, a saved
 * input modified in place, a freed graph) or the budget may not fit; everything else takes
 * `walk.nodeStep`. The number step: the slot's VJP on numbers, the slot freed (unless retainGraph),
 * each input's gradient added where it goes (the first as is, later ones summed and rounded as the
 * tensor path adds, one element charged: `walk.addNumber`; other segments and leaves: `walk.sendExt`).
 */
import { OP_IDS, TABLE } from './ops/table';
import { chargeName, Io, vjpStatements } from './tape-ops';
import type { LeafLoads } from './tape-ops';
import { GENERAL, Meta } from './tape-layout';
import type { Tape } from './tape';
import { charge, fits } from './limits';
import { St } from './walk-state';
import type { Pass, SlotArrays } from './walk-state';

/** What the generated sweep calls back for the slots it does not handle itself. */
export interface NumberWalk {
  readonly ep: number;
  readonly plain: boolean;
  numberReady(tape: Tape, k: number): boolean;
  nodeStep(p: Pass, k: number): void;
  addNumber(a: SlotArrays, k: number, at: Io, f32: boolean): void;
  sendExt(p: Pass, e: number, has: boolean, at: Io, f32: boolean): void;
  numberSteps: number;
}

export type Sweep = (walk: NumberWalk, p: Pass, free: boolean) => void;

/** How a VJP in the sweep reaches its leaves (an external input: through its tensor). */
const LOADS: LeafLoads = {
  grad: 'const $g = num[k];',
  self: 'let $x; if (i0 >= 0) $x = val[i0]; else $x = tape.ext[-2 - i0].t._first();',
  other: 'let $y; if (i1 >= 0) $y = val[i1]; else if (i1 === -1) $y = c[k]; else $y = tape.ext[-2 - i1].t._first();',
  result: 'const $r = val[k];',
};

function cases(consts: number[]): string {
  return OP_IDS.map((id, code) => (TABLE[id].name === null ? '' : `case ${code}: { ${vjpStatements(id, consts, LOADS)} break; }`)).join('\n');
}

/**
 * The sweep's step for input n of the slot (along an edge, eN): on this segment, mark it reached and
 * put its gradient dN where it waits (the first as is, later ones summed by addNumber); elsewhere,
 * hand it to sendExt. Written once for both inputs.
 */
const toInput = (n: 0 | 1, at: Io): string => `
  if (e${n}) {
    if (i${n} >= 0) {
      const s${n} = st[i${n}];
      if ((s${n} & ~${St.Bits}) !== ep) { pend++; if (has) { st[i${n}] = ep | ${St.Num}; num[i${n}] = d${n}; } else st[i${n}] = ep; }
      else if (has) {
        if ((s${n} & ${St.Num}) === 0) { st[i${n}] = s${n} | ${St.Num}; num[i${n}] = d${n}; } else { io[${at}] = d${n}; walk.addNumber(a, i${n}, ${at}, $f); }
      }
    } else { io[${at}] = d${n}; p.pend = pend; walk.sendExt(p, -2 - i${n}, has, ${at}, $f); pend = p.pend; }
  }`;

const SOURCE = (vjps: string): string => `
const tape = p.tape, a = p.a, io = a.io, ep = walk.ep, plain = walk.plain;
// nothing records on a segment while it is swept (tape.busy): its arrays stay the same objects
const op = tape.op, meta = tape.meta, a0 = tape.a0, a1 = tape.a1, val = tape.val, c = tape.c;
// a slot's stamp: this walk's epoch when reached, with ${St.Num} (a number pending) and ${St.Tensor} (a tensor pending)
const st = a.st, num = a.num;
// no slot modified in place and no saved version to check: only built nodes and freed graphs stop the number step
const clean = tape.touched === null && tape.extVer === null;
// no element budget is active (none starts or ends during a walk): nothing to check or charge per slot
const unlimited = fits(Infinity);
let steps = 0;
// reached slots not yet processed: kept in a local, handed over around the calls that may reach one here
let pend = p.pend;
for (let k = p.top; k >= 0 && pend > 0; k--) {
  const s = st[k];
  if ((s & ~${St.Bits}) !== ep) continue;
  pend--;
  const code = op[k], m = meta[k], i0 = a0[k], i1 = (m & ${Meta.T1}) !== 0 ? a1[k << 1] : -1;
  const built = tape.nodes === null ? undefined : tape.nodes[k];
  const quick = clean && i0 > -2 && i1 > -2 && (built === undefined || built.retained === null) && (m & ${Meta.Freed}) === 0;
  if (!plain || code === ${GENERAL} || (s & ${St.Tensor}) !== 0 || (!quick && !walk.numberReady(tape, k))) {
    p.pend = pend;
    walk.nodeStep(p, k);
    pend = p.pend;
    continue;
  }
  const $f = (m & ${Meta.F32}) !== 0, e0 = (m & ${Meta.E0}) !== 0, e1 = (m & ${Meta.E1}) !== 0, $yT = i1 !== -1;
  // reached with no gradient (only null ones arrived): nothing to compute, the edges are still walked
  const has = (s & ${St.Num}) !== 0;
  let d0 = 0, d1 = 0;
  if (has) {
    let $n = 0;
    switch (code) {
${vjps}
    }
    // (two more for the sums where the gradients arrive) when it may not fit, the node step fails at the exact op
    if (!unlimited) {
      if (!fits($n + 2)) {
        p.pend = pend;
        walk.nodeStep(p, k);
        pend = p.pend;
        continue;
      }
      if ($n > 0) charge(chargeName(code), $n);
    }
  }
  steps++;
  if (free) {
    meta[k] = m | ${Meta.Freed};
    if (built !== undefined) built.free();
  }
  // (a number for a call goes through io: passed directly it would be boxed)
${toInput(0, Io.D0)}
${toInput(1, Io.D1)}
}
p.pend = pend;
walk.numberSteps += steps;`;

function compile(): Sweep {
  const consts: number[] = [];
  const body = SOURCE(cases(consts));
  const make = new Function('K', 'fits', 'charge', 'chargeName', `return function sweep(walk, p, free) {${body}\n};`);
  // a typed array: a frozen JS array would be read through the generic keyed-load IC
  return make(Float64Array.from(consts), fits, charge, chargeName) as Sweep;
}

/** Sweep one segment's reached slots, from the highest down (see the file comment). */
export const sweepSegment: Sweep = compile();
