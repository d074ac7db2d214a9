/**
 * The graph as Graphviz DOT (`gradlens annotate --graph out.dot`): leaves as boxes, grad functions as
 * ellipses, edges labelled with derivatives. Node texts are the graph panel's (graph/model.ts): the same value
 * and gradient lines.
 */
import type { GraphNode, Trace } from '../analysis/trace';
import { labelText } from './numbers';

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function nodeLabel(n: GraphNode): string {
  const lines = [n.kind === 'leaf' ? n.label : n.name ? `${n.label}\n${n.name}` : n.label];
  if (n.value) lines.push(`= ${labelText(n.value)}`);
  if (n.grad) lines.push(`∇ ${labelText(n.grad)}`);
  return lines.join('\n');
}

const SHAPES: Record<GraphNode['kind'], string> = { leaf: 'box', op: 'ellipse', accumulate: 'box, style=rounded' };

export function toDot(trace: Trace): string {
  const out = ['digraph gradlens {', '  rankdir=BT;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const n of trace.graph.nodes) out.push(`  ${quote(n.id)} [label=${quote(nodeLabel(n))}, shape=${SHAPES[n.kind]}];`);
  for (const e of trace.graph.edges) {
    const label = e.label ? ` [label=${quote(e.label)}]` : '';
    out.push(`  ${quote(e.from)} -> ${quote(e.to)}${label};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
