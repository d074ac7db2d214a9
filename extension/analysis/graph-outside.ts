/**
 * Tensors outside the target's graph that explain a missing gradient (issue 20), added to the graph:
 * a leaf that requires grad and that no backward() reaches (`outside: 'unused'`, drawn greyed), and one
 * a detach() or noGrad cut off (`outside: 'cut'`), with a dashed edge carrying the reason into each op
 * of the drawn graph that used its cut copy, or a tensor computed from it without gradient.
 */
import type { RunContext } from './context';
import type { GraphEdge, GraphNode, ValueSnapshot } from './trace';
import { inputAt, type GradNodeLike, type TensorLike } from './engine-bridge';

/** Most such tensors drawn (each is also a warning in Problems). */
const MAX_OUTSIDE = 32;

/** What of the graph being built this needs. */
export interface GraphUnderway {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly ids: Set<string>;
  leafId(t: TensorLike): string;
  fnId(f: GradNodeLike): string;
  snapshot(t: TensorLike): ValueSnapshot | null;
}

export function addOutside(g: GraphUnderway, ctx: RunContext, drawn: readonly GradNodeLike[]): void {
  const ex = ctx.explain;
  for (const o of ex.outside.slice(0, MAX_OUTSIDE)) {
    const id = g.leafId(o.tensor);
    if (g.ids.has(id)) continue;
    g.ids.add(id);
    g.nodes.push({ id, kind: 'leaf', label: o.name, name: o.name, value: g.snapshot(o.tensor), range: o.range, outside: o.status, outsideWhy: o.why });
    if (!o.cut) continue;
    for (const fn of drawn) {
      for (let i = 0; i < fn.nextFunctions.length; i++) {
        const x = inputAt(fn, i);
        if (x === undefined || (ex.cutResult.get(x) ?? ex.cutCarried.get(x)) !== o.cut) continue;
        g.edges.push({ id: `e${g.edges.length}`, from: id, to: g.fnId(fn), index: i, cut: o.edge ?? o.why });
      }
    }
  }
}
