/**
 * The tape: the one recorder of the graph. Every recorded op takes the next slot of the current
 * segment, in creation order (so a node's id and slot grow with it, and the backward walk,
 * engine/backward.ts, visits slots newest first: PyTorch's latest-created-first order).
 *
 * Two kinds of slot:
 * - compact: a single-element float op of the op table, kept in typed arrays only (op code, inputs,
 *   value, number operand, ids). A graph of 10,000 scalar ops then costs one small Tensor per op
 *   (which dies young when the caller drops it) and a few bytes per slot instead of a Tensor and a
 *   Node that both survive until backward (an object graph that outgrew V8's young generation spent
 *   half its time in the collector). Reading such a result's `gradFn` builds its Node (once), with
 *   the id reserved at record time.
 * - general: any other op, recorded as a Node object (held by its result and its consumers, not by
 *   the segment: a segment keeps no tensor of a dead graph alive).
 *
 * A compact slot's first input is encoded in a0, a tensor second operand in the slot's operand cell
 * (a1, when meta has T1; otherwise the cell is `c`, the number operand or the op's parameter): >= 0
 * another compact slot of this segment; -1 none; <= -2 the external input ext[-2 - code] (a leaf, a
 * general node's result, another segment's result). Node and tensor ids are kept as runs
 * (tape-ids.ts): a slot is 22 bytes, and every byte of a fresh slab is a page to fault in.
 */
import { Tensor } from './tensor';
import { AccumulateGrad, gradEdge, Node } from './node';
import { counters } from './ids';
import type { EdgeRef, GradFn } from './node';
import type { OpDef, Operand } from './ops/define';
import { SAVE_OUT } from './ops/saves';
import { isBinary, paramsOf } from './tape-ops';
import { OP_IDS } from './ops/table';
import { GENERAL, Meta, RANK_SHIFT } from './tape-layout';
import { compileRecord } from './tape-recorder';
import type { TapeCode } from './tape-ops';
import { IdRuns } from './tape-ids';

/** An op of the op table as the tape records it: its code, and its definition (for the node built from a slot). */
export interface TapeOp {
  readonly code: TapeCode;
  readonly def: OpDef<unknown>;
}

/** An input from outside the segment's compact slots, with where its gradient went when recorded. */
export interface ExtInput {
  readonly t: Tensor;
  /** Its general node, or null (a leaf, or a compact result of another segment). */
  readonly fn: Node | null;
  readonly tape: Tape | null;
  readonly slot: number;
}

/** Bytes per slot over all per-slot arrays (val, the operand cell, a0, op, meta). */
const SLOT_BYTES = 22;
/** Node's Buffer, when present, gives uninitialised memory (no zero-fill): every slot is written before it is read. */
const unsafeAlloc = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer?.allocUnsafeSlow;

/** One allocation for all per-slot arrays of a segment of `cap` slots. */
function slab(cap: number): ArrayBuffer {
  const bytes = cap * SLOT_BYTES;
  const b = unsafeAlloc?.(bytes);
  return b !== undefined && b.byteOffset === 0 && b.buffer.byteLength === bytes ? b.buffer as ArrayBuffer : new ArrayBuffer(bytes);
}

/** The edge of a tensor input as recorded now: its general node, its compact slot, its leaf's sink, or none. */
export function edgeRefOf(t: Tensor): EdgeRef {
  if (!t.requiresGrad) return null;
  return t._node() ?? t._compactTape() ?? gradEdge(t);
}

export class Tape {
  n = 0;
  cap!: number;
  op!: Uint8Array;
  meta!: Uint8Array;
  a0!: Int32Array;
  val!: Float64Array;
  /** The operand cell: the number operand (or a scalar op's parameter)... */
  c!: Float64Array;
  /** ...or, under Meta.T1, the second input's code at a1[2k] (the same bytes: see in1). */
  a1!: Int32Array;
  /** Node id reserved at record time, and the result tensor's id (for rebuilt inputs). */
  readonly nids = new IdRuns();
  readonly tids = new IdRuns();
  /** The node counter when the segment opened (the walk sweeps newer segments first). */
  readonly nidBase = counters.node;
  /** External inputs, deduplicated while their grad function stays the same. */
  readonly ext: ExtInput[] = [];
  private readonly extIdx = new Map<Tensor, number>();
  /** Version of a saved input when it was not 0 at record time, keyed slot*2 + input. */
  extVer: Map<number, number> | null = null;
  /** Slots whose tensor was modified in place (their tensor, for version checks and errors). */
  touched: Map<number, Tensor> | null = null;
  /** Known tensor objects per compact slot (the real one once seen, else a rebuilt stand-in). */
  private objs: Map<number, Tensor> | null = null;
  /**
   * Per op code recorded in a compact slot here, its definition (tape-record.ts notes it; the tape sits
   * below the ops). Filled to the table's size: a write far past an array's end makes it a slow
   * dictionary, and this is read on every compact record (W4: 7% of its instructions).
   */
  readonly defs: (OpDef<unknown> | null)[] = new Array<OpDef<unknown> | null>(OP_IDS.length).fill(null);
  /** Built nodes of compact slots (sparse; null until the first is built). */
  nodes: (Node | undefined)[] | null = null;
  /** A backward without retainGraph ran from here: start new graphs on a fresh segment. */
  finished = false;
  /** A backward walk is sweeping this segment: ops recorded meanwhile go to another one. */
  busy = false;

  constructor(cap: number) {
    this.place(cap);
  }

  /** Double the capacity (the arrays move to a new slab; slots beyond `n` are never read). */
  grow(): void {
    const old = [this.val, this.c, this.a0, this.op, this.meta];
    this.place(this.cap * 2);
    [this.val, this.c, this.a0, this.op, this.meta].forEach((a, i) => a.set(old[i]));
  }

  /** The per-slot arrays as views of one uninitialised slab of `cap` slots. */
  private place(cap: number): void {
    const m = slab(cap);
    this.cap = cap;
    this.val = new Float64Array(m, 0, cap);
    this.c = new Float64Array(m, 8 * cap, cap);
    this.a1 = new Int32Array(m, 8 * cap, 2 * cap);
    this.a0 = new Int32Array(m, 16 * cap, cap);
    this.op = new Uint8Array(m, 20 * cap, cap);
    this.meta = new Uint8Array(m, 21 * cap, cap);
  }

  /** The input code of compact slot k's second operand: a tensor's (Meta.T1), else -1 (a number, in `c`). */
  in1(k: number): number {
    return (this.meta[k] & Meta.T1) !== 0 ? this.a1[k << 1] : -1;
  }

  /**
   * Record `op` on x (and y: a same-shape tensor `b`, or the number `y` when b is null) in a compact
   * slot; the caller checked eligibility, charged the budget and made room. Returns the result, of
   * x's shape and dtype. Generated once at load (see RECORD below): every op's forward is written
   * into its switch, so recording an op makes no call.
   */
  declare record: (op: TapeOp, a: Tensor, b: Tensor | null, y: number) => Tensor;

  /**
   * Record op `def` on `inputs` in a general slot (the caller made room): its Node, with each tensor
   * input's edge as it is now.
   */
  recordNode<P>(def: OpDef<P>, inputs: readonly Operand[], params: P): Node<P> {
    const k = this.n++;
    const n = inputs.length;
    // inputs 0 and 1 in variables (most ops have at most two: no arrays), the rest in arrays
    let r0: EdgeRef = null, r1: EdgeRef = null, s0 = -1, s1 = -1;
    const more = n > 2 ? { refs: new Array<EdgeRef>(n), slots: new Array<number>(n) } : null;
    for (let i = 0; i < n; i++) {
      const x = inputs[i];
      const r = x !== null && typeof x === 'object' ? edgeRefOf(x) : null;
      const s = r instanceof Tape ? (x as Tensor)._compactSlot() : r instanceof Node ? r.slot : -1;
      if (i === 0) {
        r0 = r;
        s0 = s;
      } else if (i === 1) {
        r1 = r;
        s1 = s;
      }
      if (more !== null) {
        more.refs[i] = r;
        more.slots[i] = s;
      }
    }
    this.op[k] = GENERAL;
    this.meta[k] = 0;
    return new Node<P>(def, inputs, params, r0, s0, r1, s1, more, ++counters.node, this, k);
  }

  /** The input code of tensor t: its slot when it is this segment's compact result, else an external index. */
  input(t: Tensor): number {
    if (t._compactTape() === this) return t._compactSlot();
    const fn = t._node(), tape = t._compactTape();
    if (t.requiresGrad && fn === null && tape === null && t._accumulator() === null) t._setAccumulator(new AccumulateGrad(t));
    const e = this.extIdx.get(t);
    if (e !== undefined && this.ext[e].fn === fn && this.ext[e].tape === tape) return -2 - e;
    this.extIdx.set(t, this.ext.length);
    this.ext.push({ t, fn, tape, slot: t._compactSlot() });
    return -1 - this.ext.length;
  }

  saveVersion(key: number, v: number): void {
    (this.extVer ??= new Map()).set(key, v);
  }

  /** Called when slot k's tensor is modified in place: backward must check versions on its node. */
  touch(k: number, t: Tensor): void {
    (this.touched ??= new Map()).set(k, t);
    const known = this.objs?.get(k);
    // a stand-in built earlier shares the real tensor's version counter from now on
    if (known !== undefined && known !== t) known._setViewBase(t._viewBase() ?? t);
    else this.remember(k, t);
  }

  /** grad_fn name of compact slot k without building the node (printing). */
  nameOf(k: number): string {
    return this.defOf(this.op[k]).name;
  }

  /** Compact slot k's node, built once; its edges to other compact slots stay unbuilt until read. */
  node(k: number, t?: Tensor): Node {
    if (t !== undefined) this.remember(k, t);
    const nodes = (this.nodes ??= []);
    return nodes[k] ??= this.build(k);
  }

  private build(s: number): Node {
    const code = this.op[s], m = this.meta[s], def = this.defOf(code);
    const x = this.operand(this.a0[s]) as Tensor;
    const inputs: Operand[] = [x];
    const r0 = (m & Meta.E0) !== 0 ? this.ref(this.a0[s]) : null, s0 = this.slotOf(this.a0[s]);
    let r1: EdgeRef = null, s1 = -1;
    if (isBinary(code)) {
      const i1 = this.in1(s);
      inputs.push(i1 === -1 ? this.c[s] : this.operand(i1));
      r1 = (m & Meta.E1) !== 0 ? this.ref(i1) : null;
      s1 = this.slotOf(i1);
    }
    const node = new Node(def, inputs, paramsOf(code, this.c[s]), r0, s0, r1, s1, null, this.nids.idOf(s), this, s);
    if (this.extVer !== null) {
      node.v0 = this.extVer.get(s * 2) ?? 0;
      node.v1 = this.extVer.get(s * 2 + 1) ?? 0;
    }
    if ((def.saves & SAVE_OUT) !== 0) node.out = this.obj(s);
    if ((m & Meta.Freed) !== 0) node.free();
    return node;
  }

  private defOf(code: TapeCode): OpDef<unknown> {
    const def = this.defs[code];
    if (def === null || def === undefined) throw new Error(`internal: tape op ${code} was not recorded here`);
    return def;
  }

  private operand(code: number): Operand {
    return code >= 0 ? this.obj(code) : code <= -2 ? this.ext[-2 - code].t : null;
  }

  /** The edge of an input code: this segment's compact slot, or the external input's as recorded. */
  private ref(code: number): EdgeRef {
    if (code >= 0) return this;
    const x = this.ext[-2 - code];
    return x.fn ?? x.tape ?? (x.t._accumulator() as GradFn);
  }

  private slotOf(code: number): number {
    if (code >= 0) return code;
    if (code === -1) return -1;
    const x = this.ext[-2 - code];
    return x.fn !== null ? x.fn.slot : x.tape !== null ? x.slot : -1;
  }

  private remember(k: number, t: Tensor): void {
    const objs = (this.objs ??= new Map());
    if (!objs.has(k)) objs.set(k, t);
  }

  /** Compact slot k's tensor: the real one when seen, else a stand-in with the same id, value and grad function. */
  obj(k: number): Tensor {
    const known = this.objs?.get(k);
    if (known !== undefined) return known;
    const rank = this.meta[k] >> RANK_SHIFT;
    const t = new Tensor(null, new Array<number>(rank).fill(1), (this.meta[k] & Meta.F32) !== 0 ? 'float32' : 'float64', 0, this.tids.idOf(k));
    t.requiresGrad = true;
    t._setCompact(this, k);
    this.remember(k, t);
    return t;
  }

  /** The shape of compact slot k's result (all ones, of its rank). */
  shapeOf(k: number): number[] {
    return new Array<number>(this.meta[k] >> RANK_SHIFT).fill(1);
  }
}

/** Compiled on the first recording (tape-recorder.ts; the op table is frozen at load). */
Tape.prototype.record = function firstRecord(this: Tape, op: TapeOp, a: Tensor, b: Tensor | null, y: number): Tensor {
  Tape.prototype.record = compileRecord();
  return this.record(op, a, b, y);
};
