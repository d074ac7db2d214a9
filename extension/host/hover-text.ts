/**
 * The hover's Markdown for one binding (pure, no `vscode`): value and gradient as PyTorch prints them, shape,
 * dtype, requiresGrad, the grad_fn and its next_functions chain down to the leaves, the iteration history.
 * Every text that comes from the user's file is escaped.
 */
import type { Binding, Graph, GraphNode, Trace, ValueSnapshot } from '../analysis/trace';
import { compactText, gradText, inlineValueText, sparkline } from '../presentation/numbers';
import { whySections } from './why-text';

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
  makeTarget: string;
}

/** `vscode.l10n.t` or a stand-in: `{0}`-style placeholders. */
export type Translate = (message: string, ...args: (string | number)[]) => string;
export const untranslated: Translate = (m, ...args) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

/** What the hover knows of the whole trace: the graph (for the chain), which target the gradients are of, and the diagnostics (for the why sections). */
export type HoverContext = Pick<Trace, 'graph' | 'target' | 'targetKind'> & Partial<Pick<Trace, 'diagnostics'>>;

/** `∇ of loss (implicit target)`: which gradient is shown, and whether the user chose it. */
export function gradHeading(ctx: HoverContext, t: Translate = untranslated): string {
  const name = '`' + escapeMarkdown(ctx.target ?? '?') + '`';
  return ctx.targetKind === 'user' ? t('∇ of {0} (target)', name) : t('∇ of {0} (implicit target)', name);
}

/** The facts line: shape, dtype, requiresGrad, grad_fn; none of them for a value that failed (they would be guesses). */
function factsLine(b: Binding): string {
  if (!b.value) return `**${escapeMarkdown(b.name)}**`;
  const facts = [
    // several instances have a shape each (listed below)
    b.instances ? undefined : `shape \`${shapeText(b.value)}\``,
    b.dtype ? `dtype \`${b.dtype}\`` : undefined,
    `requiresGrad \`${b.requiresGrad}\``,
    b.gradFn ? `grad_fn \`${escapeMarkdown(b.gradFn)}\`` : b.isLeaf ? 'leaf' : undefined,
  ].filter((x): x is string => x !== undefined);
  return `**${escapeMarkdown(b.name)}** · ${facts.join(' · ')}`;
}

/** The value, and for one a later change made differ, `initial … → final …` with both in full. */
function valueParts(b: Binding, precision: number, t: Translate): string[] {
  if (!b.value) return [t('value unknown: {0}', escapeMarkdown(b.unknown ?? t('not evaluated')))];
  if (b.finalValue) {
    const change = t('initial {0} → final {1}', '`' + inlineValueText(b.value, precision) + '`', '`' + inlineValueText(b.finalValue, precision) + '`');
    return [change, t('at its declaration:') + '\n\n' + codeBlock(b.value.text), t('at the end of the file:') + '\n\n' + codeBlock(b.finalValue.text)];
  }
  if (b.finalUnknown) return [codeBlock(b.value.text), t('at the end of the file: unknown ({0})', escapeMarkdown(b.finalUnknown))];
  return [codeBlock(b.value.text)];
}

function gradParts(b: Binding, ctx: HoverContext, t: Translate): string[] {
  if (b.grad) return [gradHeading(ctx, t) + '\n\n' + codeBlock(b.grad.text)];
  if (b.gradUnknown) return [t('gradient unknown: {0}', escapeMarkdown(b.gradUnknown))];
  if (!b.value) return [];
  return [ctx.target === null ? t('no gradient: the file calls no backward() or autograd.grad yet, and no target was chosen') : t('no gradient (no path to the target)')];
}

/** A site that made several parameters: each, by module path, with its value and gradient. */
function instanceParts(b: Binding, precision: number, t: Translate): string[] {
  const each = (b.instances ?? []).map((i) => {
    const value = i.finalValue ? t('initial {0} → final {1}', '`' + inlineValueText(i.value, precision) + '`', '`' + inlineValueText(i.finalValue, precision) + '`')
      : '`' + inlineValueText(i.value, precision) + '`' + (i.finalUnknown ? ' ' + t('(at the end of the file: unknown)') : '');
    const grad = i.grad ? '`' + gradText(i.grad, precision) + '`' : i.gradUnknown ? t('gradient unknown: {0}', escapeMarkdown(i.gradUnknown)) : t('no gradient');
    return `- **${escapeMarkdown(i.name)}** · ${value} · ${grad}`;
  });
  return [t('{0} parameters made here, one per instance:', each.length) + '\n\n' + each.join('\n')];
}

export function hoverMarkdown(b: Binding, ctx: HoverContext, precision: number, links: HoverLinks | undefined, t: Translate = untranslated): string {
  const own = b.instances ? instanceParts(b, precision, t) : [...valueParts(b, precision, t), ...gradParts(b, ctx, t)];
  const parts: string[] = [factsLine(b), ...own, ...whySections(b, ctx.diagnostics ?? [], t, escapeMarkdown)];
  if (b.nodeId) {
    const chain = chainLines(ctx.graph, b.nodeId);
    if (chain.length > 1 || b.gradFn) parts.push(t('grad_fn chain (next_functions):') + '\n\n' + codeBlock(chain.join('\n')));
  }
  if (b.history && b.history.length > 1 && !b.instances) {
    const h = b.history;
    const first = compactText(h[0], precision);
    const last = compactText(h[h.length - 1], precision);
    parts.push(t('{0} iterations: {1} from {2} to {3}', b.iterations, '`' + sparkline(h) + '`', first, last));
  }
  if (links) parts.push(`[${t('Show in graph')}](${links.showInGraph}) · [${t('Make this the target')}](${links.makeTarget})`);
  return parts.join('\n\n');
}
