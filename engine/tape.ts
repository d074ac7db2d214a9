/**
 * The scalar tape: single-element float ops recorded into typed arrays instead of one Tensor-held
 * Node object each. A graph of 10,000 scalar ops then costs one small Tensor per op (which dies
 * young when the caller drops it) and a few bytes per slot, instead of a Tensor and a Node that both
 * survive until backward: an object graph that outgrows V8's young generation spent half its time in
 * the garbage collector.
 *
 * Observable behaviour is the object path's: a tape tensor's `gradFn` builds (once) a real Node with
 * the id reserved at record time, its inputs and edges; backward (tape-backward.ts) sweeps the tape
 * when nothing watches and otherwise builds the nodes and runs the general engine.
 *
 * Slot inputs are encoded in a0/a1: >= 0 another slot of this tape; -1 none (the number operand is in
 * `c`); <= -2 the external tensor ext[-2 - code] (a leaf, an object-path tensor, another segment's).
 */
import { Tensor } from './tensor';
import { AccumulateGrad, counters, Node } from './node';
import type { GradFn } from './node';
import type { Operand } from './ops/define';
import { gradEdge } from './ops/define';
import { SAVE_OUT } from './ops/saves';
import { forward, Io, isBinary, opDefOf, paramsOf, savesOf } from './tape-ops';
import type { TapeCode } from './tape-ops';

/** meta bits per slot: input 0 / 1 has a gradient edge, float32, backward ran without retainGraph. */
export const enum Meta { E0 = 1, E1 = 2, F32 = 4, Freed = 8 }
/** The rank of the (all-ones) shape sits above the flags. */
const RANK_SHIFT = 4;
export const MAX_RANK = 15;
const ID_SPAN = 2 ** 30;

/** An input from outside the tape, with its grad function as it was when recorded. */
export interface ExtInput {
  readonly t: Tensor;
  /** Its object grad function, or null (a leaf, or a result on another tape segment). */
  readonly fn: Node | null;
  readonly tape: Tape | null;
  readonly slot: number;
}

/** Bytes per slot over all per-slot arrays (2 float64, 5 int32, 2 uint8). */
const SLOT_BYTES = 38;
/** Node's Buffer, when present, gives uninitialised memory (no zero-fill): every slot is written before it is read. */
const unsafeAlloc = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer?.allocUnsafeSlow;

/** One allocation for all per-slot arrays of a segment of `cap` slots. */
function slab(cap: number): ArrayBuffer {
  const bytes = cap * SLOT_BYTES;
  const b = unsafeAlloc?.(bytes);
  return b !== undefined && b.byteOffset === 0 && b.buffer.byteLength === bytes ? b.buffer as ArrayBuffer : new ArrayBuffer(bytes);
}

export class Tape {
  n = 0;
  cap!: number;
  op!: Uint8Array;
  meta!: Uint8Array;
  a0!: Int32Array;
  a1!: Int32Array;
  /** Lowest slot reachable from each slot (backward sweeps down to it, not to 0). */
  lo!: Int32Array;
  val!: Float64Array;
  /** The number operand (or pow's exponent). */
  c!: Float64Array;
  /** Node id reserved at record time, and the result tensor's id (for rebuilt inputs), less the bases. */
  nid!: Int32Array;
  tid!: Int32Array;
  readonly nidBase = counters.node;
  readonly tidBase = counters.tensor;
  private readonly nidLimit = this.nidBase + ID_SPAN;
  private readonly tidLimit = this.tidBase + ID_SPAN;
  /** External inputs, deduplicated while their grad function stays the same. */
  readonly ext: ExtInput[] = [];
  private readonly extIdx = new Map<Tensor, number>();
  /** Version of a saved input when it was not 0 at record time, keyed slot*2 + input. */
  extVer: Map<number, number> | null = null;
  /** Slots whose tensor was modified in place (their tensor, for version checks and errors). */
  touched: Map<number, Tensor> | null = null;
  /** Known tensor objects per slot (the real one once seen, else a rebuilt stand-in). */
  private objs: Map<number, Tensor> | null = null;
  /** Built nodes per slot (sparse; null until the first is built). */
  nodes: (Node | undefined)[] | null = null;
  /** A backward without retainGraph ran from here: start new graphs on a fresh segment. */
  finished = false;
  /** Operands and result of the generated forward (tape-ops.ts). */
  private readonly io = new Float64Array(3);

  constructor(cap: number) {
    this.place(cap);
  }

  /** Ids are kept as int32 offsets from the bases: a segment takes no more once they could overflow. */
  idsNearLimit(): boolean {
    return counters.node > this.nidLimit || counters.tensor > this.tidLimit;
  }

  /** Double the capacity (the arrays move to a new slab; slots beyond `n` are never read). */
  grow(): void {
    const old = [this.val, this.c, this.a0, this.a1, this.lo, this.nid, this.tid, this.op, this.meta];
    this.place(this.cap * 2);
    [this.val, this.c, this.a0, this.a1, this.lo, this.nid, this.tid, this.op, this.meta].forEach((a, i) => a.set(old[i]));
  }

  /** The per-slot arrays as views of one uninitialised slab of `cap` slots. */
  private place(cap: number): void {
    const m = slab(cap);
    this.cap = cap;
    this.val = new Float64Array(m, 0, cap);
    this.c = new Float64Array(m, 8 * cap, cap);
    this.a0 = new Int32Array(m, 16 * cap, cap);
    this.a1 = new Int32Array(m, 20 * cap, cap);
    this.lo = new Int32Array(m, 24 * cap, cap);
    this.nid = new Int32Array(m, 28 * cap, cap);
    this.tid = new Int32Array(m, 32 * cap, cap);
    this.op = new Uint8Array(m, 36 * cap, cap);
    this.meta = new Uint8Array(m, 37 * cap, cap);
  }


  /**
   * Record op `code` on x (and y: a same-shape tensor `b`, or the number `y` when b is null); the caller
   * checked eligibility, charged the budget and made room. Returns the result tensor.
   */
  record(code: TapeCode, a: Tensor, b: Tensor | null, y: number, shape: readonly number[]): Tensor {
    const k = this.n++;
    const f32 = a.dtype === 'float32';
    const io = this.io;
    io[Io.X] = a._first();
    io[Io.Y] = y;
    forward(code, io);
    const v = f32 ? Math.fround(io[Io.Result]) : io[Io.Result];
    const saves = savesOf(code);
    let meta = (f32 ? Meta.F32 : 0) | (shape.length << RANK_SHIFT);
    // inputs in slot order: a leaf's AccumulateGrad id comes before this node's, as in define.ts
    const i0 = this.input(a);
    let lo = i0 >= 0 ? this.lo[i0] : k;
    if (a.requiresGrad) meta |= Meta.E0;
    if ((saves & 1) !== 0 && a._version !== 0) this.saveVersion(k * 2, a._version);
    let i1 = -1;
    if (b !== null) {
      i1 = this.input(b);
      if (i1 >= 0 && this.lo[i1] < lo) lo = this.lo[i1];
      if (b.requiresGrad) meta |= Meta.E1;
      if ((saves & 2) !== 0 && b._version !== 0) this.saveVersion(k * 2 + 1, b._version);
    }
    this.op[k] = code;
    this.meta[k] = meta;
    this.a0[k] = i0;
    this.a1[k] = i1;
    this.lo[k] = lo;
    this.val[k] = v;
    this.c[k] = y;
    this.nid[k] = ++counters.node - this.nidBase;
    const t = new Tensor(null, shape, a.dtype, v);
    t.requiresGrad = true;
    t._tape = this;
    t._slot = k;
    this.tid[k] = t.id - this.tidBase;
    return t;
  }

  /** The input code of tensor t: its slot when it is this tape's result, else an external index. */
  private input(t: Tensor): number {
    if (t._tape === this) return t._slot;
    const fn = t._fn, tape = t._tape;
    if (t.requiresGrad && fn === null && tape === null && t._acc === null) t._acc = new AccumulateGrad(t);
    const e = this.extIdx.get(t);
    if (e !== undefined && this.ext[e].fn === fn && this.ext[e].tape === tape) return -2 - e;
    this.extIdx.set(t, this.ext.length);
    this.ext.push({ t, fn, tape, slot: t._slot });
    return -1 - this.ext.length;
  }

  /** The external-input index of leaf t on this tape, or -1 (not an input here, or not as a leaf). */
  leafIndex(t: Tensor): number {
    const e = this.extIdx.get(t);
    return e === undefined || this.ext[e].fn !== null || this.ext[e].tape !== null ? -1 : e;
  }

  private saveVersion(key: number, v: number): void {
    (this.extVer ??= new Map()).set(key, v);
  }

  /** Called when slot k's tensor is modified in place: backward must check versions on the object path. */
  touch(k: number, t: Tensor): void {
    (this.touched ??= new Map()).set(k, t);
    const known = this.objs?.get(k);
    // a stand-in built earlier shares the real tensor's version counter from now on
    if (known !== undefined && known !== t) known._base = t._base ?? t;
    else this.remember(k, t);
  }

  /** grad_fn name of slot k without building the node (printing). */
  nameOf(k: number): string {
    return opDefOf(this.op[k]).name;
  }

  /** Slot k's node, built once (with every node it reaches that is not built yet), iteratively. */
  node(k: number, t?: Tensor): Node {
    if (t !== undefined) this.remember(k, t);
    const nodes = (this.nodes ??= []);
    const have = nodes[k];
    if (have !== undefined) return have;
    const stack = [k];
    while (stack.length > 0) {
      const s = stack[stack.length - 1];
      const i0 = this.a0[s], i1 = this.a1[s];
      if (nodes[s] !== undefined) stack.pop();
      else if (i0 >= 0 && nodes[i0] === undefined) stack.push(i0);
      else if (i1 >= 0 && nodes[i1] === undefined) stack.push(i1);
      else nodes[s] = this.build(s);
    }
    return nodes[k]!;
  }

  private build(s: number): Node {
    const code = this.op[s], m = this.meta[s], def = opDefOf(code);
    const x = this.operand(this.a0[s]) as Tensor;
    const e0 = (m & Meta.E0) !== 0 ? this.edge(this.a0[s]) : null;
    let inputs: Operand[] = [x];
    let e1: GradFn | null = null;
    if (isBinary(code)) {
      const i1 = this.a1[s];
      inputs = [x, i1 === -1 ? this.c[s] : this.operand(i1)];
      e1 = (m & Meta.E1) !== 0 ? this.edge(i1) : null;
    }
    const node = new Node(def, inputs, paramsOf(code, x, this.c[s]), e0, e1, null, this.nidBase + this.nid[s]);
    const saves = def.saves;
    if (this.extVer !== null) {
      node.v0 = this.extVer.get(s * 2) ?? 0;
      node.v1 = this.extVer.get(s * 2 + 1) ?? 0;
    }
    if ((saves & SAVE_OUT) !== 0) node.out = this.obj(s);
    if ((m & Meta.Freed) !== 0) {
      node.freed = true;
      if (saves !== 0) node.out = null;
    }
    return node;
  }

  private operand(code: number): Operand {
    return code >= 0 ? this.obj(code) : code <= -2 ? this.ext[-2 - code].t : null;
  }

  private edge(code: number): GradFn | null {
    if (code >= 0) return this.nodes![code]!;
    const x = this.ext[-2 - code];
    return x.fn ?? (x.tape !== null ? x.tape.node(x.slot) : gradEdge(x.t));
  }

  private remember(k: number, t: Tensor): void {
    const objs = (this.objs ??= new Map());
    if (!objs.has(k)) objs.set(k, t);
  }

  /** Slot k's tensor: the real one when seen, else a stand-in with the same id, value and grad function. */
  private obj(k: number): Tensor {
    const known = this.objs?.get(k);
    if (known !== undefined) return known;
    const rank = this.meta[k] >> RANK_SHIFT;
    const dtype = (this.meta[k] & Meta.F32) !== 0 ? 'float32' : 'float64';
    const t = new Tensor(null, new Array<number>(rank).fill(1), dtype, this.val[k], this.tidBase + this.tid[k]);
    t.requiresGrad = true;
    t._tape = this;
    t._slot = k;
    this.remember(k, t);
    return t;
  }
}
