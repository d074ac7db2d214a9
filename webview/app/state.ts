/** What the panel remembers across reloads (vscode.setState) and across live updates of the same graph. */
import type { Graph } from '../../extension/analysis/trace';
import { isGraphMode, type GraphMode } from '../../extension/protocol';

export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

export interface PanelState {
  mode: GraphMode;
  stepIndex: number;
  view: ViewTransform | null;
  /** Collapsed groups, as indices into the trace's `graph.groups` (ids may change between analyses); null: the default. */
  collapsed: number[] | null;
  /** `graphShapeKey` of the graph these belong to. */
  shapeKey: string | null;
  docUri: string | null;
}

export function initialState(): PanelState {
  return { mode: 'both', stepIndex: -1, view: null, collapsed: null, shapeKey: null, docUri: null };
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function isView(x: unknown): x is ViewTransform {
  if (typeof x !== 'object' || x === null) return false;
  const v = x as Record<string, unknown>;
  return finite(v.x) && finite(v.y) && finite(v.k) && v.k > 0;
}

/** Restores a saved state, field by field; anything malformed falls back to the initial value. */
export function restoreState(saved: unknown): PanelState {
  const s = initialState();
  if (typeof saved !== 'object' || saved === null) return s;
  const o = saved as Record<string, unknown>;
  return {
    mode: isGraphMode(o.mode) ? o.mode : s.mode,
    stepIndex: Number.isInteger(o.stepIndex) && (o.stepIndex as number) >= -1 ? (o.stepIndex as number) : s.stepIndex,
    view: isView(o.view) ? o.view : null,
    collapsed: Array.isArray(o.collapsed) && o.collapsed.every((c) => Number.isInteger(c) && c >= 0) ? o.collapsed : null,
    shapeKey: typeof o.shapeKey === 'string' ? o.shapeKey : null,
    docUri: typeof o.docUri === 'string' ? o.docUri : null,
  };
}

/**
 * A fingerprint of the graph's shape: when a live edit leaves it unchanged, zoom, pan, collapsed groups and
 * the backward step are kept. Built from positions, kinds and grad_fn names, not ids, because ids need not
 * be stable between two analyses of the same file. FNV-1a, 32 bits, plus the counts.
 */
export function graphShapeKey(g: Graph): string {
  let h = 0x811c9dc5;
  const add = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  };
  const nodeIndex = new Map(g.nodes.map((n, i) => [n.id, i]));
  const groupIndex = new Map(g.groups.map((gr, i) => [gr.id, i]));
  for (const n of g.nodes) add(`${n.kind}|${n.gradFn ?? n.label}|${n.group === undefined ? '' : groupIndex.get(n.group)}`);
  for (const e of g.edges) add(`${nodeIndex.get(e.from)}>${nodeIndex.get(e.to)}`);
  for (const gr of g.groups) add(`${gr.kind}|${gr.parent === undefined ? '' : groupIndex.get(gr.parent)}`);
  return `${g.nodes.length}.${g.edges.length}.${g.groups.length}.${(h >>> 0).toString(36)}`;
}
