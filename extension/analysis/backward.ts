/**
 * Watching the engine's backward passes through its `onStep` hook: each grad function run, with the
 * gradient that arrived and the gradients it sent on, snapshotted when it ran (later accumulation in
 * place must not change them). Only the last pass is kept: that is the one the trace shows.
 */
import type { SourceRange } from './trace';
import { isTensor, type GradNodeLike, type TensorLike } from './engine-bridge';
import { Snap } from './snapshot';
import type { Value } from './values';

export interface StepRecord {
  node: GradNodeLike;
  gradIn: Snap[];
  gradsOut: (Snap | null)[];
}

export interface StepEvent {
  node: GradNodeLike;
  gradsIn: unknown;
  gradsOut: unknown;
}

/** A completed backward pass: its root tensor, its steps, and the gradient each grad function received. */
export interface BackwardPass {
  root: TensorLike;
  /** Source text of the tensor backward() was called on, for a target that is no binding. */
  rootText?: string;
  range: SourceRange | undefined;
  /** The interpreter's step count when the pass ran (to order it against backward passes not seen). */
  at?: number;
  steps: StepRecord[];
  gradInto: Map<GradNodeLike, Snap>;
  /** Each leaf's value when the pass reached it: what the graph of this pass shows (a later step may change it). */
  leafValues?: Map<TensorLike, Snap>;
}

/** Collects steps into a pass; `onStep` is handed to the engine. */
export class StepCollector {
  readonly steps: StepRecord[] = [];
  readonly gradInto = new Map<GradNodeLike, Snap>();
  readonly leafValues = new Map<TensorLike, Snap>();
  /**
   * The last snapshot taken of each gradient tensor: the gradient a function sends on is the next one's
   * incoming gradient, the same tensor. It is reused when the tensor still holds what it copied.
   */
  private readonly lastSnap = new Map<TensorLike, Snap>();
  constructor(private readonly dataCap: number) {}

  private snap(t: TensorLike): Snap {
    const known = this.lastSnap.get(t);
    if (known && known.shareable && known.matchesTensor(t)) return known;
    const s = Snap.ofTensor(t, this.dataCap);
    this.lastSnap.set(t, s);
    return s;
  }

  readonly onStep = (e: StepEvent): void => {
    const gradIn: Snap[] = [];
    const gradsOut: (Snap | null)[] = [];
    if (Array.isArray(e.gradsIn)) {
      for (const g of e.gradsIn) if (isTensor(g)) gradIn.push(this.snap(g));
    } else if (isTensor(e.gradsIn)) gradIn.push(this.snap(e.gradsIn));
    if (Array.isArray(e.gradsOut)) {
      for (const g of e.gradsOut) gradsOut.push(isTensor(g) ? this.snap(g) : null);
    } else if (isTensor(e.gradsOut)) gradsOut.push(this.snap(e.gradsOut));
    this.steps.push({ node: e.node, gradIn, gradsOut });
    const leaf = e.node.variable;
    if (leaf && !this.leafValues.has(leaf)) this.leafValues.set(leaf, Snap.ofTensor(leaf, this.dataCap));
    if (gradIn.length > 0) this.gradInto.set(e.node, gradIn[0]);
  };
}

export class BackwardCapture {
  last: BackwardPass | undefined;
  /** The outputs of the file's last `autograd.grad(outputs, …)`: an implicit target when no backward() ran. */
  lastGradOutputs: TensorLike[] = [];
  private pending: StepCollector | undefined;

  /**
   * `retainGraph`: keep every graph alive, so a target can be differentiated after the run (a picked
   * target, or a file without backward() whose default target may sit in a graph autograd.grad walked).
   * It only removes the "backward through the graph a second time" error, which such a file would hit
   * when run for real only if it differentiated the same graph twice.
   */
  constructor(readonly retainGraph: boolean, private readonly dataCap: number) {}

  /** The arguments of a user's `t.backward(gradient?, options?)` with our step hook (and retainGraph) added. */
  prepareArgs(args: Value[]): Value[] {
    this.pending = new StepCollector(this.dataCap);
    const userOptions: Value = args[1];
    const options: Record<string, Value> =
      userOptions && typeof userOptions === 'object' && !Array.isArray(userOptions) ? { ...userOptions } : {};
    // The file's own onStep (a callback the membrane made) still runs, after the analyzer's.
    const own = this.pending.onStep;
    const user: unknown = options.onStep;
    options.onStep = typeof user === 'function' ? (e: StepEvent): void => { own(e); user(e); } : own;
    if (this.retainGraph) options.retainGraph = true;
    return [args[0], options, ...args.slice(2)];
  }

  /** A user's `autograd.grad(outputs, inputs, options?)`: keep its graph when a separate pass will need it. */
  prepareGradArgs(args: Value[]): Value[] {
    const outputs: unknown = args[0];
    this.lastGradOutputs = (Array.isArray(outputs) ? outputs : [outputs]).filter(isTensor);
    if (!this.retainGraph) return args;
    const userOptions: Value = args[2];
    const options: Record<string, Value> =
      userOptions && typeof userOptions === 'object' && !Array.isArray(userOptions) ? { ...userOptions } : {};
    options.retainGraph = true;
    return [args[0], args[1], options, ...args.slice(3)];
  }

  commit(root: TensorLike, range: SourceRange, rootText: string, at: number): void {
    if (!this.pending) return;
    const p = this.pending;
    this.last = { root, rootText, range, at, steps: p.steps, gradInto: p.gradInto, leafValues: p.leafValues };
    this.pending = undefined;
  }
}
