/**
 * What the backward-pass debugger remembers during one run (issue 20): where non-finite values started,
 * which tensors a cut (detach, noGrad, item) left behind, the last in-place op on each tensor, which
 * backward() freed each grad function and which leaves a backward reached. Per run, like RunContext.
 */
import type ts from 'typescript';
import type { Diagnostic, RelatedLocation, SourceRange } from '../trace';
import type { GradNodeLike, TensorLike } from '../engine-bridge';

/** Why a tensor lost its path to the graph. */
export type CutReason = 'detach' | 'noGrad' | 'item';

export interface Cut {
  node: ts.Node;
  reason: CutReason;
  /** The tensor that required grad and was cut (the receiver of detach/item, an input under noGrad). */
  from: TensorLike;
}

/** At most this many origins of non-finite values are reported per run (a loop makes one per site anyway). */
export const MAX_ORIGINS = 20;
/** Related locations kept per diagnostic. */
export const MAX_RELATED = 8;
/** A leaf no backward() reached: unused, or cut off from what was differentiated (`cut`). */
export interface OutsideTensor {
  readonly tensor: TensorLike;
  readonly name: string;
  readonly range: SourceRange;
  readonly status: 'unused' | 'cut';
  readonly why: string;
  readonly cut?: Cut;
  /** For a cut: the short text on its edge (`cut by w.detach() (line 6)`). */
  readonly edge?: string;
}

/** Cut sites remembered per run (each holds its tensor). */
const MAX_CUTS = 100;
/** Leaves whose gradients are followed across backward passes (for `grad-accumulated`). */
export const MAX_GRAD_SEEN = 256;

/** A leaf some backward() reached: its version when that pass ended, and where the pass ran. */
export interface GradSeen {
  readonly version: number;
  readonly backward: SourceRange;
}

export class Explainer {
  /** Non-finite tensors -> the diagnostic of the origin they came from (forward). */
  readonly family = new WeakMap<TensorLike, Diagnostic>();
  /** Source site -> its nan-origin diagnostic (one per site). */
  readonly originAt = new Map<ts.Node, Diagnostic>();
  /** Diagnostics that already tell their backward story. */
  readonly toldBackward = new WeakSet<Diagnostic>();
  /** One cut per source site, first run. */
  readonly cuts = new Map<ts.Node, Cut>();
  /** The leaves behind each cut's tensor (its graph does not change once made). */
  readonly leavesBehind = new WeakMap<Cut, ReadonlySet<TensorLike>>();
  /** Tensor a cut made -> that cut (to say why it has no gradient). */
  readonly cutResult = new WeakMap<TensorLike, Cut>();
  /** A leaf the file set not to require grad (`requiresGrad_(false)`, `requiresGrad = false`) -> where, last time. */
  readonly frozenAt = new WeakMap<TensorLike, ts.Node>();
  /** Tensor -> the last in-place op on it. */
  readonly modifiedBy = new WeakMap<TensorLike, ts.Node>();
  /** Grad function -> the backward() that ran through it without retainGraph (and so freed it). */
  readonly freedBy = new WeakMap<GradNodeLike, SourceRange>();
  /** Leaves some backward() reached (their AccumulateGrad ran). */
  readonly reached = new WeakSet<TensorLike>();
  /** Backward passes the file ran, and the range of the last one. */
  backwards = 0;
  lastBackward: SourceRange | undefined;
  /** The file's own backward() failed (an error was reported): a later pass over the same graph says nothing new. */
  backwardFailed = false;
  /** The file's backward() that failed last, if one did. */
  failedAt: SourceRange | undefined;

  /** A tensor computed without gradient from a cut's result (`w.detach().mul(3)`) -> that cut. */
  readonly cutCarried = new WeakMap<TensorLike, Cut>();
  /** A floating tensor an op computed without gradient -> its first floating input (to find where a lost graph began). */
  readonly plainFrom = new WeakMap<TensorLike, TensorLike>();
  /** Leaves backward passes reached -> the last such pass (see GradSeen). */
  readonly gradSeen = new Map<TensorLike, GradSeen>();
  /** Set before each backward(): leaves updated since a pass reached them that still hold its (nonzero) gradient. */
  readonly staleGrad = new Map<TensorLike, GradSeen>();
  /** The file's optimizer `step()` calls (they update every parameter in place). */
  readonly optimizerSteps = new WeakSet<ts.Node>();
  /** backward() sites already warned about an accumulated gradient ("line:column"). */
  readonly accumulatedAt = new Set<string>();
  /** Tensors outside the target's graph that explain a missing gradient, for the graph (graph-outside.ts). */
  readonly outside: OutsideTensor[] = [];

  noteCut(cut: Cut, result: TensorLike | undefined): void {
    if (!this.cuts.has(cut.node) && this.cuts.size < MAX_CUTS) this.cuts.set(cut.node, cut);
    if (result) this.cutResult.set(result, this.cuts.get(cut.node) ?? cut);
  }
}

/** A related location at `r` saying `message`. */
export function relatedAt(r: SourceRange, message: string): RelatedLocation {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message };
}

/** Adds a related location unless the diagnostic has enough, or already one on that line with that text. */
export function addRelated(d: Diagnostic, r: SourceRange, message: string): void {
  const list = (d.related ??= []);
  if (list.length >= MAX_RELATED) return;
  if (list.some((x) => x.line === r.line && x.message === message)) return;
  if (r.line === d.line && r.column === d.column && r.endLine === d.endLine && r.endColumn === d.endColumn) return;
  list.push(relatedAt(r, message));
}
