/**
 * The leaves' side of the backward walk (engine/backward.ts): the gradient each leaf collects, summed
 * in arrival order (numbers while the walk is plain and the gradient has one element, a tensor
 * otherwise), and when it reaches `.grad` (AccumulateGrad). A plain walk gives every leaf its sum at
 * the end; when something watches the order (onStep, createGraph, autograd.grad), the edges into each
 * leaf are counted first and a leaf takes its gradient right after its last edge is walked, as
 * AccumulateGrad runs in torch.
 */
import { Tensor } from './tensor';
import { AccumulateGrad, gradEdge } from './node';
import type { GradFn, Node } from './node';
import { charge } from './limits';
import type { LeafGrad, Owned } from './walk-state';
import type { BackwardStep } from './autograd';

/** What the leaves need to know of their walk. */
export interface LeafWalk {
  /** No observer: numbers may be summed, leaves take their gradients at the end. */
  readonly plain: boolean;
  readonly owned: Owned;
  readonly createGraph: boolean;
  readonly onStep: ((step: BackwardStep) => void) | undefined;
  /** autograd.grad: where a target's gradient goes (its index in `captured`), else null. */
  readonly targetIndex: Map<GradFn, number> | null;
  readonly captured: (Tensor | null)[];
}

/** Rounds a float64 sum to float32 where the tensor path would store it in a float32 tensor. */
const rnd = (f32: boolean, z: number): number => (f32 ? Math.fround(z) : z);

export class Leaves {
  private readonly map = new Map<Tensor, LeafGrad>();

  constructor(private readonly w: LeafWalk) {}

  /** A number gradient (has: else none) to a leaf; `edge`: through an edge of the graph (not a root's seed). */
  number(t: Tensor, has: boolean, g: number, edge: boolean): void {
    const l = this.leaf(t);
    if (has) {
      if (!l.hasNum) {
        l.hasNum = true;
        l.num = g;
      } else {
        charge('add', 1);
        l.num = rnd(t.dtype === 'float32', l.num + g);
      }
    }
    if (edge) this.walked(l);
  }

  /** A tensor gradient (or none) to a leaf; `edge` as for `number`. */
  tensor(t: Tensor, g: Tensor | null, edge: boolean): void {
    const l = this.leaf(t);
    if (g !== null && this.w.plain && g._isSingle() && l.tensor === null) {
      this.number(t, true, g._first(), edge);
      return;
    }
    if (g !== null) {
      l.tensor = this.w.owned.put(l.tensor ?? (l.hasNum ? new Tensor(null, t.shape, t.dtype, l.num) : null), g);
      l.hasNum = false;
    }
    if (edge) this.walked(l);
  }

  /**
   * When something watches the order: count the edges into each leaf over the graph reachable from
   * `reached` (the grad functions the seeds reached), so a leaf takes its gradient right after its
   * last edge is walked; a root leaf no edge leads to takes it now (AccumulateGrad runs first in torch).
   */
  countEdges(reached: Iterable<GradFn>): void {
    const seen = new Set<GradFn>(reached);
    const stack = [...seen];
    while (stack.length > 0) {
      const f = stack.pop() as Node;
      for (let i = 0; i < f.arity; i++) {
        const e = f.edge(i);
        if (e === null) continue;
        if (e instanceof AccumulateGrad) this.leaf(e.variable).deps++;
        else if (!seen.has(e)) {
          seen.add(e);
          stack.push(e);
        }
      }
    }
    for (const l of [...this.map.values()]) if (l.deps === 0) this.accumulate(l);
  }

  /** The end of the walk: every leaf that has not taken its gradient takes it. */
  finish(): void {
    for (const l of this.map.values()) if (!l.done) this.accumulate(l);
  }

  private leaf(t: Tensor): LeafGrad {
    let l = this.map.get(t);
    if (l === undefined) this.map.set(t, (l = { leaf: t, num: 0, hasNum: false, tensor: null, deps: 0, done: false }));
    return l;
  }

  /** One edge into the leaf was walked: when watched, the leaf takes its gradient after its last one. */
  private walked(l: LeafGrad): void {
    if (!this.w.plain && --l.deps === 0) this.accumulate(l);
  }

  /** The leaf's summed gradient into `.grad` (AccumulateGrad), or captured for autograd.grad. */
  private accumulate(l: LeafGrad): void {
    const t = l.leaf, w = this.w;
    l.done = true;
    const g = l.tensor ?? (l.hasNum ? new Tensor(null, t.shape, t.dtype, l.num) : null);
    if (g === null) return;
    const acc = gradEdge(t);
    if (w.targetIndex !== null) {
      // autograd.grad: a target's gradient is returned; leaves that are not targets keep their .grad
      const at = w.targetIndex.get(acc);
      if (at !== undefined) w.captured[at] = g;
      return;
    }
    t._accumulateGrad(g, w.createGraph, w.owned.take(t, g));
    w.onStep?.({ node: acc, gradsIn: [g], gradsOut: [] });
  }
}
