/**
 * The backward step-through, as pure functions of the trace. Step -1 is "before backward()"; step k shows
 * backwardSteps[k] being applied: the gradient arriving at the grad function and what it passes on.
 */
import type { BackwardStep, Trace } from '../../extension/analysis/trace';

export const NOT_STEPPING = -1;

export interface StepView {
  index: number;
  count: number;
  step: BackwardStep;
  /** "before applying grad_fn": PyTorch's text of each incoming gradient. */
  before: string[];
  /** "after applying grad_fn": one text per next_functions slot that receives a gradient. */
  after: string[];
}

export function clampStep(index: number, count: number): number {
  return Math.max(NOT_STEPPING, Math.min(count - 1, index));
}

export function stepView(trace: Trace, index: number): StepView | null {
  const step = trace.backwardSteps[index];
  if (!step) return null;
  return {
    index,
    count: trace.backwardSteps.length,
    step,
    before: step.gradIn.map((g) => g.text),
    after: step.gradsOut.flatMap((g) => (g ? [g.text] : [])),
  };
}

/** Trace node ids whose grad functions have run by step `index` (inclusive). */
export function ranNodes(trace: Trace, index: number): Set<string> {
  return new Set(trace.backwardSteps.slice(0, Math.max(0, index + 1)).map((s) => s.nodeId));
}
