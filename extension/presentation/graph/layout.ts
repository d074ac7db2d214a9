/**
 * Layout by elkjs's layered algorithm (Sugiyama-style: layers along the forward direction, crossings
 * minimised, edges routed), run in-thread through `elk.bundled.js` so it works the same in Node and in
 * the webview. Node sizes come from the text they show in monospace, so no DOM is needed to measure.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphMode } from '../../protocol';
import { edgeLabelLines, nodeLines, type ViewEdge, type ViewModel, type ViewNode } from './model';
import { clip } from './escape';

export type Direction = 'RIGHT' | 'DOWN';

/** Text metrics of the monospace font used in the drawing (12px: ~0.6em advance). */
export const METRICS = { charWidth: 7.4, lineHeight: 16, padX: 10, padY: 7, maxChars: 32, labelCharWidth: 6.8, labelLineHeight: 13 } as const;

export interface Point {
  x: number;
  y: number;
}

export interface NodeBox extends Point {
  width: number;
  height: number;
}

export interface EdgeRoute {
  points: Point[];
  /** Where the edge's labels go: the middle of its longest segment (used when there is no `labelBox`). */
  labelAt: Point;
  /** The box ELK reserved for the labels (small graphs: labels are laid out with the graph, so they never overlap). */
  labelBox?: NodeBox;
}

export interface GraphLayout {
  width: number;
  height: number;
  direction: Direction;
  nodes: Map<string, NodeBox>;
  edges: Map<string, EdgeRoute>;
}

export interface LayoutOptions {
  mode: GraphMode;
  direction?: Direction;
}

export function nodeSize(n: ViewNode, mode: GraphMode): { width: number; height: number } {
  if (n.kind === 'ref' || n.kind === 'accumulate') {
    const w = Array.from(clip(n.title, METRICS.maxChars)).length * METRICS.charWidth + 2 * METRICS.padX;
    return { width: Math.ceil(w), height: METRICS.lineHeight + 2 * METRICS.padY - 4 };
  }
  const lines = nodeLines(n, mode);
  const chars = Math.max(6, ...lines.map((l) => Array.from(clip(l.text, METRICS.maxChars)).length));
  return {
    width: Math.ceil(chars * METRICS.charWidth + 2 * METRICS.padX),
    height: lines.length * METRICS.lineHeight + 2 * METRICS.padY,
  };
}

/** Above this many drawn nodes, cheaper layering and crossing passes (about 2x faster on long chains). */
const CHEAP_PASSES_ABOVE = 120;
/** Up to this many drawn nodes, ELK lays out the edge labels too. */
const ELK_LABELS_UP_TO = 300;

function elkOptions(direction: Direction, nodeCount: number): Record<string, string> {
  const big: Record<string, string> =
    nodeCount > CHEAP_PASSES_ABOVE
      ? {
          // Network-simplex layering is superlinear here; longest-path is linear and, on the chains that make
          // graphs big (loops), gives the same layers.
          'elk.layered.layering.strategy': 'LONGEST_PATH',
          'elk.layered.thoroughness': '1',
          'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
        }
      : {};
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'POLYLINE',
    // Fewer crossing-minimisation sweeps: graphs here are mostly chains, and big ones must stay fast.
    'elk.layered.thoroughness': '2',
    // Straight runs for chains (the common shape) and compact width; also the fastest placer here.
    'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
    // Small graphs: ELK gives edge labels a layer of their own. Big graphs: we place labels ourselves in
    // this gap (label dummies cost layout time).
    'elk.layered.spacing.nodeNodeBetweenLayers': nodeCount > ELK_LABELS_UP_TO ? (direction === 'DOWN' ? '44' : '90') : '24',
    'elk.layered.spacing.edgeNodeBetweenLayers': '8',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.spacing.nodeNode': '24',
    'elk.spacing.componentComponent': '32',
    'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    ...big,
  };
}

function longestSegmentMiddle(points: Point[]): Point {
  let best = { x: points[0].x, y: points[0].y };
  let bestLen = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len > bestLen) {
      bestLen = len;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

function edgeRoute(e: ElkExtendedEdge): EdgeRoute | undefined {
  const s = e.sections?.[0];
  if (!s) return undefined;
  const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x, y: p.y }));
  const l = e.labels?.[0];
  const labelBox = l && l.x !== undefined && l.y !== undefined ? { x: l.x, y: l.y, width: l.width ?? 0, height: l.height ?? 0 } : undefined;
  return { points, labelAt: longestSegmentMiddle(points), labelBox };
}

/** Label lines become one ELK label of their size; big graphs skip this (label dummies cost layout time). */
function elkEdge(e: ViewEdge, mode: GraphMode, withLabels: boolean): ElkExtendedEdge {
  const lines = withLabels ? edgeLabelLines(e, mode) : [];
  const edge: ElkExtendedEdge = { id: e.id, sources: [e.from], targets: [e.to] };
  if (lines.length === 0) return edge;
  const chars = Math.max(...lines.map((l) => Array.from(l.text).length));
  edge.labels = [{ id: `${e.id}:label`, text: lines.map((l) => l.text).join('\n'), width: Math.ceil(chars * METRICS.labelCharWidth) + 4, height: lines.length * METRICS.labelLineHeight + 2 }];
  return edge;
}

/** Positions for every node and a route for every edge of the view model. */
export async function layoutGraph(model: ViewModel, opts: LayoutOptions): Promise<GraphLayout> {
  const direction = opts.direction ?? 'DOWN';
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: elkOptions(direction, model.nodes.length),
    children: model.nodes.map((n) => ({ id: n.id, ...nodeSize(n, opts.mode) })),
    edges: model.edges.map((e) => elkEdge(e, opts.mode, model.nodes.length <= ELK_LABELS_UP_TO)),
  };
  const out = await new ELK().layout(graph);
  const nodes = new Map<string, NodeBox>();
  for (const c of out.children ?? []) nodes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
  const edges = new Map<string, EdgeRoute>();
  for (const e of out.edges ?? []) {
    const r = edgeRoute(e);
    if (r) edges.set(e.id, r);
  }
  return { width: out.width ?? 0, height: out.height ?? 0, direction, nodes, edges };
}
