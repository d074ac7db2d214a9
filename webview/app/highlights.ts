/**
 * Which drawn nodes to highlight, as a pure function: the grad function at the current backward step, those
 * that have run, and those made on the editor's cursor lines. A node inside a collapsed group lights up
 * its group.
 */
import type { Trace } from '../../extension/analysis/trace';
import type { ViewModel } from '../../extension/presentation/graph/model';
import { ranNodes } from './steps';

export interface HighlightSets {
  current: string | null;
  ran: Set<string>;
  cursor: Set<string>;
}

export function highlightSets(trace: Trace, model: ViewModel, stepIndex: number, cursorLines: readonly number[]): HighlightSets {
  const toView = (ids: Iterable<string>): Set<string> => new Set([...ids].flatMap((id) => model.viewOf.get(id) ?? []));
  const onCursor = trace.graph.nodes.filter((n) => {
    const r = n.range;
    return r !== undefined && cursorLines.some((l) => l >= r.line && l <= r.endLine);
  });
  const step = trace.backwardSteps[stepIndex];
  return {
    current: step ? (model.viewOf.get(step.nodeId) ?? null) : null,
    ran: toView(ranNodes(trace, stepIndex)),
    cursor: toView(onCursor.map((n) => n.id)),
  };
}
