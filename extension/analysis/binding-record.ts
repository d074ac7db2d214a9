/**
 * One binding site's record: its last run's snapshot and what the trace shows of it (gradient function,
 * history, uses, the parameters it made), and the state of one run kept to show it instead of a later one.
 */
import type { JsonNumber, SourceRange } from './trace';
import type { GradNodeLike, TensorLike } from './engine-bridge';
import type { Snap } from './snapshot';
import type { Value } from './values';

/** Most parameters one site shows one by one (a layer class instantiated more often shows its first ones). */
const MAX_LEAVES = 16;

export class BindingRecord {
  iterations = 0;
  value: Snap | null = null;
  unknown: string | undefined;
  /** The tensor of the last snapshot (for gradients, the graph and `finalValue`). */
  tensor: TensorLike | undefined;
  /** The file's handle on it: poisoned when skipped code may have changed the tensor since (havoc.ts). */
  handle: Value = undefined;
  gradFn: string | null = null;
  /** The grad function of the snapshot (in-place ops later replace the tensor's). */
  gradNode: GradNodeLike | null = null;
  requiresGrad = false;
  isLeaf = true;
  history: JsonNumber[] = [];
  readonly uses: SourceRange[] = [];
  private readonly useKeys = new Set<number>();
  /** The recorder's backward count when the site last ran. */
  generation = 0;
  /** The site's last run before the latest backward, when it has run since (see `preferTargetRuns`). */
  beforeBackward: RunState | undefined;
  /** Code not seen may have run the site: its runs here are not the real run's runs one for one. */
  runsUncertain = false;
  /** The run shown (1-based) when it is not the last. */
  shownRun: number | undefined;
  /**
   * The distinct leaves requiring grad this site made, in order, at most MAX_LEAVES: a layer's
   * constructor line makes one parameter per instance, and each is shown (`Binding.instances`).
   */
  readonly leaves: { readonly tensor: TensorLike; readonly value: Snap }[] = [];

  noteLeaf(tensor: TensorLike, value: Snap): void {
    if (this.leaves.length < MAX_LEAVES && !this.leaves.some((l) => l.tensor === tensor)) this.leaves.push({ tensor, value });
  }

  /** What one run of the site left, to show it later instead of a later run. */
  state(): RunState {
    const { value, unknown, tensor, handle, gradFn, gradNode, requiresGrad, isLeaf, iterations } = this;
    return { value, unknown, tensor, handle, gradFn, gradNode, requiresGrad, isLeaf, run: iterations };
  }

  restore(r: RunState): void {
    ({ value: this.value, unknown: this.unknown, tensor: this.tensor, handle: this.handle, gradFn: this.gradFn, gradNode: this.gradNode,
      requiresGrad: this.requiresGrad, isLeaf: this.isLeaf } = r);
    this.shownRun = r.run;
  }

  constructor(
    readonly id: string,
    readonly name: string,
    readonly range: SourceRange,
    readonly statementEndLine: number,
  ) {}

  addUse(pos: number, range: () => SourceRange): void {
    if (this.useKeys.has(pos)) return;
    this.useKeys.add(pos);
    this.uses.push(range());
  }
}

/** The values of one run of a binding site. */
export interface RunState {
  readonly value: Snap | null;
  readonly unknown: string | undefined;
  readonly tensor: TensorLike | undefined;
  readonly handle: Value;
  readonly gradFn: string | null;
  readonly gradNode: GradNodeLike | null;
  readonly requiresGrad: boolean;
  readonly isLeaf: boolean;
  /** Which run of the site it was (1-based). */
  readonly run: number;
}
