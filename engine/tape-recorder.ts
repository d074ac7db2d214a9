/**
 * The compact recorder, Tape.prototype.record (tape.ts), generated once: every op's forward (its
 * op-table expression, by op id) written into one switch, so recording a scalar op makes no call.
 * The text is this module's own; the only other text compiled is the table's expressions.
 */
import { Tensor } from './tensor';
import type { Tape } from './tape';
import { counters } from './ids';
import { savesOf } from './tape-ops';
import { exprOf } from './ops/exprs';
import { OP_IDS, TABLE } from './ops/table';
import { Meta, RANK_SHIFT } from './tape-layout';

/**
 * Tape.prototype.record's body. The text is this module's, and each op's forward is its op-table
 * expression (by op id) in x and y; inputs in slot order: a leaf's AccumulateGrad id comes before
 * this node's, as for general nodes.
 */
function recordSource(): string {
  const forwards = OP_IDS.map((id, code) => (TABLE[id].name === null ? '' : `case ${code}: v = (${exprOf(id)}); break;`)).join('\n');
  return `
const k = this.n++;
const code = op.code;
const f32 = a.dtype === 'float32';
const x = a._first();
let v;
switch (code) {
${forwards}
default: throw new Error('internal: op ' + code + ' is not recorded');
}
if (f32) v = Math.fround(v);
const shape = a.shape;
const saves = SAVES[code];
let meta = (f32 ? ${Meta.F32} : 0) | (shape.length << ${RANK_SHIFT});
const i0 = this.input(a);
if (a.requiresGrad) meta |= ${Meta.E0};
if ((saves & 1) !== 0 && a._version !== 0) this.saveVersion(k * 2, a._version);
if (b !== null) {
  // the operand cell holds b's input code (its value is read from b's slot or tensor), else the number
  this.a1[k << 1] = this.input(b);
  meta |= ${Meta.T1};
  if (b.requiresGrad) meta |= ${Meta.E1};
  if ((saves & 2) !== 0 && b._version !== 0) this.saveVersion(k * 2 + 1, b._version);
} else this.c[k] = y;
this.op[k] = code;
this.meta[k] = meta;
this.a0[k] = i0;
this.val[k] = v;
const nid = ++counters.node;
if (nid - k !== this.nids.last) this.nids.note(k, nid);
const t = new Tensor(null, shape, a.dtype);
t.requiresGrad = true;
t._setCompact(this, k);
if (t.id - k !== this.tids.last) this.tids.note(k, t.id);
return t;`;
}

/** The recorder, compiled from recordSource with the classes and tables it reads. */
export function compileRecord(): Tape['record'] {
  // a typed array: a frozen JS array is read here through the generic keyed-load IC, a call per record
  const saves = Uint8Array.from(OP_IDS, (_, code) => savesOf(code));
  return new Function('Tensor', 'counters', 'SAVES', `return function record(op, a, b, y) {${recordSource()}\n};`)(Tensor, counters, saves) as Tape['record'];
}
