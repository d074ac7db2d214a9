/**
 * Trace graph → what is drawn: collapsed groups become one node, internal edges disappear, parallel edges
 * merge, and a node feeding many others (a shared weight) gets a small reference copy beside each extra
 * consumer instead of long edges across the whole drawing (long edges cost the layered layout dearly).
 */
import type { Graph, GraphGroup, GraphNode, SourceRange, Trace, ValueSnapshot } from '../../analysis/trace';
import type { GraphMode } from '../../protocol';
import { clip } from './escape';
import { labelText } from '../numbers';

export type ViewNodeKind = 'leaf' | 'op' | 'accumulate' | 'group' | 'ref';

export interface ViewNode {
  id: string;
  kind: ViewNodeKind;
  /** Leaf: the variable name; op: the grad_fn class; group: its label; ref: the referenced name. */
  title: string;
  /** Op: the output's name; group: what it holds. */
  subtitle?: string;
  value: string;
  grad: string;
  /** Full text for the hover (PyTorch's str() of value and gradient). */
  tooltip: string;
  /** The trace node ids drawn by this node. */
  members: string[];
  /** Group nodes: the group id (click expands it). Ref nodes: the view node they copy. */
  target?: string;
  /**
   * On the path of a NaN/Inf (issue 20): 'origin' for the op a `nan-origin` diagnostic names, 'path' for a
   * node whose value or gradient is not finite.
   */
  nan?: 'origin' | 'path';
  /** Outside the target's graph (issue 20): an unused leaf (greyed) or one a detach/noGrad cut off (dashed). */
  outside?: 'unused' | 'cut';
}

export interface ViewEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  grad: string;
  /** How many trace edges it stands for. */
  count: number;
  /** The gradient that flowed along it is NaN or Inf. */
  nan?: boolean;
  /** An edge the file cut (detach, noGrad): drawn dashed; the reason is its label. */
  cut?: boolean;
}

export interface ViewModel {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Trace node id → the view node that shows it. */
  viewOf: Map<string, string>;
  /** Trace nodes in the graph (before collapsing). */
  traceNodeCount: number;
}

export interface ModelOptions {
  /** Groups drawn as one node. */
  collapsed: ReadonlySet<string>;
  /** A node with more consumers than this gets reference copies (default 3). */
  fanoutLimit?: number;
  /** Source ranges of the trace's `nan-origin` diagnostics: the nodes made there start the NaN path. */
  nanOrigins?: readonly SourceRange[];
}

/** The ranges of the trace's nan-origin diagnostics (the NaN path starts at the nodes made there). */
export function nanOrigins(trace: Pick<Trace, 'diagnostics'>): SourceRange[] {
  return trace.diagnostics.filter((d) => d.code === 'nan-origin');
}

function nonFinite(v: ValueSnapshot | null | undefined): boolean {
  return v ? v.data.some((x) => typeof x === 'string') : false;
}

function sameStart(a: SourceRange, b: SourceRange): boolean {
  return a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

/** What the NaN path needs to know of the graph: origin ranges, and the nodes that sent a non-finite gradient on. */
interface NanFacts {
  origins: readonly SourceRange[];
  sends: ReadonlySet<string>;
}

function nanFacts(graph: Graph, origins: readonly SourceRange[]): NanFacts {
  // an edge's gradient is what its consumer (`to`) sent back to its input
  return { origins, sends: new Set(graph.edges.filter((e) => nonFinite(e.grad)).map((e) => e.to)) };
}

/** Where a trace node stands on a NaN path: the origin a diagnostic names, a node carrying it, or neither. */
function nanMark(n: GraphNode, f: NanFacts): ViewNode['nan'] {
  const sick = nonFinite(n.value) || nonFinite(n.grad);
  const sends = f.sends.has(n.id);
  if (!sick && !sends) return undefined;
  if (n.range && f.origins.some((r) => sameStart(r, n.range as SourceRange))) return 'origin';
  return sick ? 'path' : undefined;
}

/** Edge labels are cut to this many characters (the full text is in the trace). */
const EDGE_LABEL_CHARS = 24;

/** Above this many nodes, groups start collapsed. */
export const COLLAPSE_THRESHOLD = 150;

/** Groups to collapse when a graph is first shown: all of them when the graph is big. */
export function defaultCollapsed(graph: Graph, threshold = COLLAPSE_THRESHOLD): Set<string> {
  return new Set(graph.nodes.length > threshold ? graph.groups.map((g) => g.id) : []);
}

/** The text lines a node shows in a mode (shared by layout, for sizes, and render). */
export function nodeLines(n: ViewNode, mode: GraphMode): { cls: 'title' | 'sub' | 'value' | 'grad'; text: string }[] {
  const lines: { cls: 'title' | 'sub' | 'value' | 'grad'; text: string }[] = [{ cls: 'title', text: n.title }];
  if (n.subtitle) lines.push({ cls: 'sub', text: n.subtitle });
  if (mode !== 'backward' && n.value) lines.push({ cls: 'value', text: `= ${n.value}` });
  if (mode !== 'forward' && n.grad) lines.push({ cls: 'grad', text: `∇ ${n.grad}` });
  return lines;
}

/** The label lines an edge shows in a mode: its local derivative, and the gradient that flowed back along it. */
export function edgeLabelLines(e: ViewEdge, mode: GraphMode): { cls: 'elabel' | 'egrad'; text: string }[] {
  const lines: { cls: 'elabel' | 'egrad'; text: string }[] = [];
  if (e.label) lines.push({ cls: 'elabel', text: clip(e.label, EDGE_LABEL_CHARS) });
  if (mode !== 'forward' && e.grad) lines.push({ cls: 'egrad', text: `∇ ${clip(e.grad, EDGE_LABEL_CHARS)}` });
  return lines;
}

function displayName(n: GraphNode, byId: Map<string, GraphNode>): string {
  if (n.kind === 'accumulate' && n.leafId) return byId.get(n.leafId)?.name ?? byId.get(n.leafId)?.label ?? n.label;
  return n.name ?? n.label;
}

function traceViewNode(n: GraphNode, nan: NanFacts): ViewNode {
  const tips = [n.kind === 'leaf' ? n.label : `${n.gradFn ?? n.label}${n.name ? ` → ${n.name}` : ''}`];
  if (n.outsideWhy) tips.push(`not in the target's graph: ${n.outsideWhy}`);
  if (n.value) tips.push(`value: ${n.value.text}`);
  if (n.grad) tips.push(`grad: ${n.grad.text}`);
  else if (n.gradUnknown) tips.push(`grad: unknown (${n.gradUnknown})`);
  return {
    id: n.id,
    kind: n.kind,
    title: n.kind === 'leaf' ? (n.name ?? n.label) : (n.gradFn ?? n.label),
    subtitle: n.kind === 'op' ? n.name : undefined,
    value: n.kind === 'accumulate' ? '' : labelText(n.value),
    grad: n.kind === 'accumulate' ? '' : n.gradUnknown ? '?' : labelText(n.grad),
    tooltip: tips.join('\n'),
    members: [n.id],
    nan: nanMark(n, nan),
    ...(n.outside ? { outside: n.outside } : {}),
  };
}

/** For each trace node, the outermost collapsed group around it (if any). */
function representatives(graph: Graph, collapsed: ReadonlySet<string>): Map<string, string> {
  const parent = new Map(graph.groups.map((g) => [g.id, g.parent]));
  const outermost = new Map<string, string | undefined>();
  const find = (gid: string): string | undefined => {
    if (outermost.has(gid)) return outermost.get(gid);
    let found: string | undefined;
    const seen = new Set<string>();
    for (let g: string | undefined = gid; g !== undefined && !seen.has(g); g = parent.get(g)) {
      seen.add(g);
      if (collapsed.has(g)) found = g;
    }
    outermost.set(gid, found);
    return found;
  };
  const rep = new Map<string, string>();
  for (const n of graph.nodes) {
    const g = n.group === undefined ? undefined : find(n.group);
    rep.set(n.id, g === undefined ? n.id : `group:${g}`);
  }
  return rep;
}

/** A collapsed group shows what it ends with: the value and gradient of its last op (in trace order). */
function groupNode(id: string, groups: Map<string, GraphGroup>, members: string[], byId: Map<string, GraphNode>): ViewNode {
  const gid = id.slice('group:'.length);
  const g = groups.get(gid);
  const what = `${g?.kind ?? 'group'} · ${members.length} nodes`;
  let last: GraphNode | undefined;
  for (let i = members.length - 1; i >= 0 && !last; i--) {
    const n = byId.get(members[i]);
    if (n?.kind === 'op') last = n;
  }
  const out = last ? `${last.name ?? last.gradFn ?? last.label}` : '';
  return {
    id, kind: 'group', title: `▸ ${g?.label ?? gid}`, subtitle: out ? `${what} → ${out}` : what,
    value: labelText(last?.value), grad: labelText(last?.grad),
    tooltip: `${g?.label ?? gid}: ${what}${out ? `, ends with ${out}` : ''} (click to expand)`, members, target: gid,
  };
}

export function buildViewModel(graph: Graph, opts: ModelOptions): ViewModel {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const viewOf = representatives(graph, opts.collapsed);
  const nodes = new Map<string, ViewNode>();
  const groupMembers = new Map<string, string[]>();
  const nan = nanFacts(graph, opts.nanOrigins ?? []);
  for (const n of graph.nodes) {
    const v = viewOf.get(n.id) as string;
    if (v === n.id) nodes.set(v, traceViewNode(n, nan));
    else if (groupMembers.has(v)) groupMembers.get(v)?.push(n.id);
    else groupMembers.set(v, [n.id]);
  }
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  for (const [gid, members] of groupMembers) nodes.set(gid, groupNode(gid, groups, members, byId));
  const edges = mergeEdges(graph, viewOf);
  const refs = addReferences(edges, nodes, byId, opts.fanoutLimit ?? 3);
  return { nodes: [...nodes.values(), ...refs], edges, viewOf, traceNodeCount: graph.nodes.length };
}

function mergeEdges(graph: Graph, viewOf: Map<string, string>): ViewEdge[] {
  const merged = new Map<string, ViewEdge>();
  for (const e of graph.edges) {
    const from = viewOf.get(e.from);
    const to = viewOf.get(e.to);
    if (from === undefined || to === undefined || from === to) continue;
    const key = `${from}\u0000${to}`;
    const seen = merged.get(key);
    if (seen) {
      seen.count += 1;
      seen.label = `(${seen.count})`;
      seen.grad = '';
    } else {
      const edge: ViewEdge = { id: e.id, from, to, label: e.cut ?? e.label ?? '', grad: labelText(e.grad), count: 1, nan: nonFinite(e.grad) || undefined };
      if (e.cut !== undefined) edge.cut = true;
      merged.set(key, edge);
    }
  }
  return [...merged.values()];
}

/** Re-point every consumer edge past the first of a high fan-out node at its own reference copy. */
function addReferences(edges: ViewEdge[], nodes: Map<string, ViewNode>, byId: Map<string, GraphNode>, limit: number): ViewNode[] {
  const out = new Map<string, ViewEdge[]>();
  for (const e of edges) {
    if (out.has(e.from)) out.get(e.from)?.push(e);
    else out.set(e.from, [e]);
  }
  const refs: ViewNode[] = [];
  for (const [from, list] of out) {
    const src = nodes.get(from);
    if (!src || list.length <= limit || src.kind === 'group') continue;
    const traceNode = byId.get(from);
    const name = traceNode ? displayName(traceNode, byId) : src.title;
    for (const e of list.slice(1)) {
      const id = `ref:${from}:${e.to}`;
      refs.push({ id, kind: 'ref', title: name, value: '', grad: '', tooltip: `${name} (shared; click to show)`, members: [], target: from });
      e.from = id;
    }
  }
  return refs;
}
