/**
 * The backward walk: one for every graph (engine/tape.ts records them all). It sweeps the reached
 * segments newest first and each one's slots from the highest down, which is PyTorch's
 * latest-created-first order (a node's inputs were all recorded before it). A slot is processed
 * once every gradient flowing into it has arrived, and gradients meeting at a slot are summed in
 * arrival order -- without a ready queue or dependency counts.
 *
 * Per slot, one of two steps computes the same numbers:
 * - the number step, for a compact slot in a plain walk (no hook, no autograd.grad, no createGraph)
 *   whose node nobody built, whose saved inputs were not modified in place and whose charges fit the
 *   budget: the op table's VJP on numbers (tape-ops.ts), no object per slot;
 * - the node step, for everything else: the node's backward on tensors (engine/ops/define.ts).
 * Leaves take their summed gradient at the end of a plain walk; when something watches (onStep,
 * createGraph) a leaf takes it as soon as its last edge was walked, as AccumulateGrad runs in torch
 * (walk-leaves.ts: the leaves' side).
 */
import { Tensor } from './tensor';
import { AccumulateGrad, Node, OutputOf } from './node';
import type { GradFn } from './node';
import { Tape } from './tape';
import { GENERAL, Meta } from './tape-layout';
import { computeInputGrads } from './ops/input-grads';
import { Io, savesOf } from './tape-ops';
import { sweepSegment } from './walk-number';
import type { NumberWalk } from './walk-number';
import { charge } from './limits';
import { isGradEnabled } from './grad-mode';
import { Owned, Pass, SlotArrays, St } from './walk-state';
import { Leaves } from './walk-leaves';
import type { BackwardStep } from './autograd';

/** Arrays of the segment a walk starts on, reused by every walk that is not nested in another (a hook's). */
const shared = new SlotArrays();
/** The walk counter (stamps), walks running, and older segments' arrays (they die with their segment). */
const walks = { epoch: 0, active: 0, older: new WeakMap<Tape, SlotArrays>(), current: null as Walk | null };

/**
 * True while an autograd.grad walk runs: torch runs only the nodes that lead to its inputs, so a
 * node that must not run otherwise (a once-differentiable backward's Error node) returns nothing.
 */
export function capturingWalk(): boolean {
  return walks.current !== null && walks.current.o.targets !== null;
}

/** How many slots took each step, over all walks so far (tests check both kinds of step ran). */
export const walkStats = { numberSteps: 0, nodeSteps: 0 };

/** Rounds a float64 result to float32 where the tensor path would store it in a float32 tensor. */
const rnd = (f32: boolean, z: number): number => (f32 ? Math.fround(z) : z);

export interface WalkConfig {
  retainGraph: boolean;
  createGraph: boolean;
  onStep?: (step: BackwardStep) => void;
  /** autograd.grad: the grad functions whose incoming gradient is returned (leaves keep their .grad). */
  targets: GradFn[] | null;
}

export class Walk implements NumberWalk {
  /** Slots this walk's number step processed (walkStats). */
  numberSteps = 0;
  readonly ep: number;
  /** No observer: compact slots may take the number step, leaves are accumulated at the end. */
  readonly plain: boolean;
  readonly owned: Owned;
  readonly captured: (Tensor | null)[];
  /** Every segment reached so far, and those not swept yet. */
  private readonly passes = new Map<Tape, Pass>();
  private readonly pending = new Set<Pass>();
  private readonly leaves: Leaves;
  private readonly targetIndex: Map<GradFn, number> | null;

  constructor(readonly o: WalkConfig, start: number) {
    this.plain = o.onStep === undefined && o.targets === null && !o.createGraph;
    this.owned = new Owned(start, o.createGraph, this.plain);
    this.captured = o.targets === null ? [] : o.targets.map(() => null);
    this.targetIndex = o.targets === null ? null : new Map(o.targets.map((f, i) => [f, i] as const).reverse());
    this.leaves = new Leaves({ plain: this.plain, owned: this.owned, createGraph: o.createGraph, onStep: o.onStep, targetIndex: this.targetIndex, captured: this.captured });
    // epochs are multiples of 4: a stamp's low bits say what is pending (walk-state.ts, St)
    if (walks.epoch >= 0x3ffffff0) {
      shared.reset();
      walks.older = new WeakMap();
      walks.epoch = 0;
    }
    this.ep = walks.epoch += 4;
    walks.active++;
  }

  /** The pass of segment `tape` (created on first reach). */
  /** The last pass looked up (most sends go to the segment being swept). */
  private last: Pass | null = null;

  private pass(tape: Tape): Pass {
    const l = this.last;
    if (l !== null && l.tape === tape) return l;
    let p = this.passes.get(tape);
    if (p === undefined) {
      let a: SlotArrays;
      if (walks.active > 1) a = new SlotArrays();
      else if (this.passes.size === 0) a = shared;
      else {
        a = walks.older.get(tape) ?? new SlotArrays();
        walks.older.set(tape, a);
      }
      p = new Pass(tape, a.fit(tape.cap));
      tape.busy = true;
      this.passes.set(tape, p);
      this.pending.add(p);
    }
    this.last = p;
    return p;
  }

  /** Seed a root: its gradient arrives at its grad function. */
  seed(root: Tensor, g: Tensor): void {
    const node = root._node(), tape = root._compactTape();
    if (node !== null) this.toNode(node, g);
    else if (tape !== null) this.toSlot(tape, root._compactSlot(), g);
    else this.leaves.tensor(root, g, false);
  }

  /** Run the sweeps (newest segment first), then give the leaves their gradients. */
  run(): void {
    const outer = walks.current;
    walks.current = this;
    try {
      this.sweep();
    } finally {
      walks.current = outer;
    }
  }

  private sweep(): void {
    if (!this.plain) this.leaves.countEdges(this.reachedFunctions());
    for (;;) {
      // a segment's slots only send to older ones (inputs are recorded before their ops)
      let next: Pass | null = null;
      for (const q of this.pending) if (next === null || q.tape.nidBase > next.tape.nidBase) next = q;
      if (next === null) break;
      this.pending.delete(next);
      sweepSegment(this, next, !this.o.retainGraph);
    }
    this.leaves.finish();
    walkStats.numberSteps += this.numberSteps;
  }

  /** Release the segments and clear what the arrays hold (also after an error). */
  finish(): void {
    walks.active--;
    for (const p of this.passes.values()) {
      p.tape.busy = false;
      p.a.clear();
    }
  }

  /**
   * Compact slot k may take the number step: its node (if built) holds no retained grad, no saved
   * input or result was modified in place, and a freed graph is not asked for its saved values (the
   * node step raises those errors).
   */
  numberReady(tape: Tape, k: number): boolean {
    const built = tape.nodes === null ? undefined : tape.nodes[k];
    if (built !== undefined && built.retained !== null) return false;
    const i0 = tape.a0[k], i1 = tape.in1(k), saves = savesOf(tape.op[k]);
    if (saves === 0) return true;
    if ((tape.meta[k] & Meta.Freed) !== 0) return false;
    const touched = tape.touched;
    if (touched !== null && (touched.has(k) || touched.has(i0) || touched.has(i1))) return false;
    const ver = tape.extVer;
    if ((saves & 1) !== 0 && i0 <= -2 && tape.ext[-2 - i0].t._version !== (ver?.get(k * 2) ?? 0)) return false;
    return !((saves & 2) !== 0 && i1 <= -2 && tape.ext[-2 - i1].t._version !== (ver?.get(k * 2 + 1) ?? 0));
  }

  /** Slot k's node on tensors: engine/ops/define.ts's computeInputGrads, hooks and freeing as in torch. */
  nodeStep(p: Pass, k: number): void {
    const tape = p.tape, a = p.a;
    const general = tape.op[k] === GENERAL;
    const node = general ? a.node[k]! : tape.node(k);
    walkStats.nodeSteps++;
    let g: Tensor | null = null;
    const s = this.pendingAt(a, k);
    if ((s & St.Tensor) !== 0) {
      g = a.tensor[k];
      a.tensor[k] = null;
    } else if ((s & St.Num) !== 0) g = new Tensor(null, tape.shapeOf(k), (tape.meta[k] & Meta.F32) !== 0 ? 'float32' : 'float64', a.num[k]);
    let out: (Tensor | null)[] | null = null;
    if (g !== null) {
      const t = this.targetIndex?.get(node);
      if (t !== undefined) this.captured[t] = g;
      if (node.retained !== null) {
        this.owned.handOut(g);
        node.retained._accumulateGrad(g, isGradEnabled(), this.owned.take(node.retained, g));
      }
      out = computeInputGrads(node, g, this.owned.owns(g));
      this.owned.release(g); // this slot no longer holds g (its outputs may hand it on again)
      // a custom Function's extra output node is not a step of its own (engine/function.ts)
      if (!(node.params instanceof OutputOf)) this.o.onStep?.({ node, gradsIn: [g], gradsOut: out });
    }
    if (!this.o.retainGraph) {
      node.free();
      if (!general) tape.meta[k] |= Meta.Freed;
    }
    for (let i = 0; i < node.arity; i++) {
      const r = node.ref(i);
      if (r === null) continue;
      const gi = out === null ? null : out[i];
      if (r instanceof Tape) this.toSlot(r, node.refSlot(i), gi);
      else if (r instanceof Node) this.toNode(r, gi);
      else this.leaves.tensor((r as AccumulateGrad).variable, gi, true);
    }
  }

  /** The number gradient io[at] (if `has`) from a compact slot to external input e of its segment. */
  sendExt(p: Pass, e: number, has: boolean, at: Io, f32: boolean): void {
    const x = p.tape.ext[e], io = p.a.io;
    if (x.fn !== null) this.toNode(x.fn, has ? new Tensor(null, x.t.shape, x.t.dtype, io[at]) : null);
    else if (x.tape !== null) {
      const q = this.pass(x.tape);
      q.reach(x.slot, this.ep);
      if (has) {
        q.a.io[Io.D0] = io[at];
        this.addNumber(q.a, x.slot, Io.D0, f32);
      }
    } else this.leaves.number(x.t, has, io[at], true);
  }

  /**
   * Add the number gradient io[at] into slot k: the first is kept as is (-0 too); later ones are
   * summed as the tensor path adds (rounded, one element charged). (The value stays in the array:
   * a number passed to a call that is not inlined would be boxed.)
   */
  addNumber(a: SlotArrays, k: number, at: Io, f32: boolean): void {
    const s = this.pendingAt(a, k);
    if ((s & St.Num) === 0) {
      a.st[k] = this.ep | s | St.Num;
      a.num[k] = a.io[at];
      return;
    }
    charge('add', 1);
    a.num[k] = rnd(f32, a.num[k] + a.io[at]);
  }

  /** A tensor gradient (or none) to compact slot k of `tape`: a number there when the walk allows. */
  private toSlot(tape: Tape, k: number, g: Tensor | null): void {
    const p = this.pass(tape);
    p.reach(k, this.ep);
    if (g === null) return;
    const a = p.a;
    if (this.plain && (this.pendingAt(a, k) & St.Tensor) === 0 && g._isSingle()) {
      a.io[Io.D0] = g._first();
      this.addNumber(a, k, Io.D0, g.dtype === 'float32');
    } else this.addTensor(a, k, g);
  }

  private addTensor(a: SlotArrays, k: number, g: Tensor): void {
    let prev: Tensor | null = null;
    const s = this.pendingAt(a, k);
    if ((s & St.Tensor) !== 0) prev = a.tensor[k];
    else {
      a.st[k] = this.ep | St.Tensor;
      a.dirty.push(k);
      // a number arrived first: it is a tensor of the slot's shape now
      if ((s & St.Num) !== 0) prev = this.owned.put(null, new Tensor(null, g.shape, g.dtype, a.num[k]));
    }
    a.tensor[k] = this.owned.put(prev, g);
  }

  /** What is pending at slot k in this walk (St bits; 0 when this walk has not reached it). */
  private pendingAt(a: SlotArrays, k: number): number {
    const s = a.st[k];
    return (s & ~St.Bits) === this.ep ? s & St.Bits : 0;
  }

  /** A gradient (or none) to a general node. */
  private toNode(node: Node, g: Tensor | null): void {
    const p = this.pass(node.tape);
    const a = p.a;
    p.reach(node.slot, this.ep);
    if (a.node[node.slot] == null) {
      a.node[node.slot] = node;
      a.dirty.push(node.slot);
    }
    if (g !== null) this.addTensor(a, node.slot, g);
  }

  /** The grad functions of the slots the seeds reached (where counting the edges into leaves starts). */
  private *reachedFunctions(): Generator<GradFn> {
    for (const p of this.pending) {
      for (let k = p.top, left = p.pend; k >= 0 && left > 0; k--) {
        if ((p.a.st[k] & ~St.Bits) !== this.ep) continue;
        left--;
        yield p.tape.op[k] === GENERAL ? p.a.node[k]! : p.tape.node(k);
      }
    }
  }
}
