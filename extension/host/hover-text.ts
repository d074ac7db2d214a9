/**
 * The hover's Markdown for one binding (pure, no `vscode`): value and gradient as PyTorch prints them, shape,
 * dtype, requiresGrad, the grad_fn and its next_functions chain down to the leaves, the iteration history.
 * Every text that comes from the user's file is escaped.
 */
import type { Binding, Graph, GraphNode, ValueSnapshot } from '../analysis/trace';
import { formatCompact, sparkline, toNumber } from './format';

const MAX_CHAIN_LINES = 40;
const MAX_CHAIN_DEPTH = 12;

/** Escapes Markdown (and the HTML VS Code would otherwise render) in a user-provided text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

/** A fenced code block whose fence is longer than any backtick run in the text. */
export function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function shapeText(v: ValueSnapshot): string {
  return v.shape.length === 0 ? 'scalar' : `[${v.shape.join(', ')}]`;
}

/**
 * The backward chain from `startId`, as indented lines: `DivBackward0` → its next_functions → … → AccumulateGrad.
 * Forward edges run from→to, and `to.next_functions[index]` is `from`, so a node's next functions are the
 * sources of its incoming edges, in slot order.
 */
export function chainLines(graph: Graph, startId: string): string[] {
  const nodes = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const inputs = new Map<string, { from: string; index: number }[]>();
  for (const e of graph.edges) {
    const list = inputs.get(e.to) ?? [];
    list.push({ from: e.from, index: e.index });
    inputs.set(e.to, list);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string, depth: number): void => {
    const n = nodes.get(id);
    if (!n || out.length >= MAX_CHAIN_LINES) return;
    const name = n.kind === 'leaf' ? `${n.name ?? n.label} (leaf)` : (n.gradFn ?? n.label);
    const again = seen.has(id);
    out.push(`${'  '.repeat(depth)}${name}${again ? ' (shared, above)' : ''}`);
    if (again || depth >= MAX_CHAIN_DEPTH) return;
    seen.add(id);
    const next = (inputs.get(id) ?? []).sort((a, b) => a.index - b.index);
    for (const { from } of next) walk(from, depth + 1);
  };
  walk(startId, 0);
  return out;
}

export interface HoverLinks {
  showInGraph: string;
  differentiate: string;
}

/** `vscode.l10n.t` or a stand-in: `{0}`-style placeholders. */
export type Translate = (message: string, ...args: (string | number)[]) => string;
export const untranslated: Translate = (m, ...args) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

export function hoverMarkdown(b: Binding, graph: Graph, precision: number, links: HoverLinks | undefined, t: Translate = untranslated): string {
  const parts: string[] = [];
  const facts = [
    b.value ? `shape \`${shapeText(b.value)}\`` : undefined,
    b.dtype ? `dtype \`${b.dtype}\`` : undefined,
    `requiresGrad \`${b.requiresGrad}\``,
    b.gradFn ? `grad_fn \`${escapeMarkdown(b.gradFn)}\`` : b.isLeaf ? 'leaf' : undefined,
  ].filter((x): x is string => x !== undefined);
  parts.push(`**${escapeMarkdown(b.name)}** · ${facts.join(' · ')}`);
  if (b.value) parts.push(codeBlock(b.value.text));
  else parts.push(t('value unknown: {0}', escapeMarkdown(b.unknown ?? t('not evaluated'))));
  if (b.finalValue) parts.push(t('at the end of the file:') + '\n\n' + codeBlock(b.finalValue.text));
  else if (b.finalUnknown) parts.push(t('at the end of the file: unknown ({0})', escapeMarkdown(b.finalUnknown)));
  if (b.grad) parts.push(t('gradient:') + '\n\n' + codeBlock(b.grad.text));
  else parts.push(b.gradUnknown ? t('gradient unknown: {0}', escapeMarkdown(b.gradUnknown)) : t('no gradient (no path to the target)'));
  if (b.nodeId) {
    const chain = chainLines(graph, b.nodeId);
    if (chain.length > 1 || b.gradFn) parts.push(t('grad_fn chain (next_functions):') + '\n\n' + codeBlock(chain.join('\n')));
  }
  if (b.history && b.history.length > 1) {
    const h = b.history;
    const first = formatCompact(toNumber(h[0]), precision);
    const last = formatCompact(toNumber(h[h.length - 1]), precision);
    parts.push(t('{0} iterations: {1} from {2} to {3}', b.iterations, '`' + sparkline(h) + '`', first, last));
  }
  if (links) parts.push(`[${t('Show in graph')}](${links.showInGraph}) · [${t('Differentiate with respect to this')}](${links.differentiate})`);
  return parts.join('\n\n');
}
