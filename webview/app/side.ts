/**
 * The side panel: document, backward step (gradient before / after the grad function), selected node,
 * diagnostics and logs. Built with textContent only: every string here may come from the user's file.
 */
import type { GraphGroup, Trace } from '../../extension/analysis/trace';
import type { PanelDocInfo } from '../../extension/protocol';
import type { ViewNode } from '../../extension/presentation/graph/model';
import type { StepView } from './steps';

type Child = HTMLElement | string;

function el(tag: string, cls: string | null, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

const MAX_MESSAGES = 50;

export class SidePanel {
  constructor(private readonly sections: { doc: HTMLElement; step: HTMLElement; node: HTMLElement; messages: HTMLElement }) {}

  showDoc(doc: PanelDocInfo, trace: Trace, drawn: number): void {
    const base = doc.fileName.split(/[\\/]/).pop() ?? doc.fileName;
    const n = trace.graph.nodes.length;
    const counts = drawn < n ? `${n} nodes (${drawn} drawn, groups collapsed)` : `${n} nodes`;
    this.sections.doc.replaceChildren(
      el('h2', null, 'Graph'),
      el('p', 'doc-name', base),
      el('p', 'muted', trace.target ? `target: ${trace.target}${trace.targetLine ? ` (line ${trace.targetLine})` : ''}` : 'no target'),
      el('p', 'muted', counts + (trace.graph.truncated ? ', cut at the node limit' : '')),
    );
  }

  showStep(view: StepView | null, stepCount: number): void {
    if (!view) {
      const hint = stepCount > 0 ? `${stepCount} grad functions. Press ▶| or → to step through backward().` : 'No backward pass to step through.';
      this.sections.step.replaceChildren(el('h2', null, 'Backward pass'), el('p', 'muted', hint));
      return;
    }
    const where = view.step.line ? ` (line ${view.step.line})` : '';
    const after = view.after.length > 0 ? view.after : [view.step.gradsOut.length === 0 ? '(accumulated into .grad)' : '(no gradient flows on)'];
    this.sections.step.replaceChildren(
      el('h2', null, `Backward step ${view.index + 1} / ${view.count}`),
      el('p', 'step-fn', view.step.gradFn + where),
      el('p', 'muted', 'before applying grad_fn:'),
      el('pre', 'grad step-before', view.before.join('\n') || '—'),
      el('p', 'muted', 'after applying grad_fn:'),
      el('pre', 'grad step-after', after.join('\n')),
    );
  }

  /** The selected node's full text, and a "Collapse" button for each group around it. */
  showNode(node: ViewNode | null, groups: readonly GraphGroup[], collapse: (groupId: string) => void): void {
    if (!node) {
      this.sections.node.replaceChildren();
      return;
    }
    const buttons = groups.map((g) => {
      const b = el('button', 'collapse', `Collapse ${g.kind} “${g.label}”`) as HTMLButtonElement;
      b.type = 'button';
      b.addEventListener('click', () => collapse(g.id));
      return el('p', null, b);
    });
    this.sections.node.replaceChildren(el('h2', null, 'Node'), el('pre', 'node-text', node.tooltip), ...buttons);
  }

  showMessages(trace: Trace): void {
    const diags = trace.diagnostics.slice(0, MAX_MESSAGES).map((d) => el('li', `diag-${d.severity}`, `line ${d.line}: ${d.message}`));
    const logs = trace.logs.slice(0, MAX_MESSAGES).map((l) => el('li', 'log', `line ${l.line}: ${l.text}`));
    const parts: HTMLElement[] = [];
    if (diags.length > 0) parts.push(el('h2', null, 'Problems'), el('ul', null, ...diags));
    if (logs.length > 0) parts.push(el('h2', null, 'Logs'), el('ul', null, ...logs));
    this.sections.messages.replaceChildren(...parts);
  }
}
