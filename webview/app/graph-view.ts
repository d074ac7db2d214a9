/**
 * The drawing in the page: inserts the renderer's SVG (parsed as XML, so markup in it can only be what the
 * renderer escaped it to be), and switches highlight classes in place when only the step or cursor moves,
 * which keeps stepping cheap on big graphs.
 */
import type { ViewModel } from '../../extension/presentation/graph/model';

export interface Highlights {
  current: string | null;
  /** View nodes whose grad functions have run (edges into them have carried their gradient). */
  ran: ReadonlySet<string>;
  cursor: ReadonlySet<string>;
}

export class GraphView {
  private nodes = new Map<string, Element>();
  private edges: { el: Element; to: string }[] = [];

  constructor(private readonly canvas: HTMLElement) {}

  /** Replace the drawing. Returns false (and keeps the old one) if the SVG does not parse. */
  show(svgText: string, model: ViewModel): boolean {
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const root = doc.documentElement;
    if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return false;
    this.canvas.replaceChildren(document.importNode(root, true));
    this.nodes = new Map();
    for (const el of Array.from(this.canvas.querySelectorAll('.gl-node'))) this.nodes.set(el.getAttribute('data-id') ?? '', el);
    const edgeTo = new Map(model.edges.map((e) => [e.id, e.to]));
    this.edges = [];
    for (const el of Array.from(this.canvas.querySelectorAll('.gl-edge'))) {
      const to = edgeTo.get(el.getAttribute('data-id') ?? '');
      if (to !== undefined) this.edges.push({ el, to });
    }
    return true;
  }

  clear(): void {
    this.canvas.replaceChildren();
    this.nodes = new Map();
    this.edges = [];
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  node(id: string): Element | undefined {
    return this.nodes.get(id);
  }

  highlight(h: Highlights): void {
    for (const [id, el] of this.nodes) {
      el.classList.toggle('gl-current', id === h.current);
      el.classList.toggle('gl-done', h.ran.has(id) && id !== h.current);
      el.classList.toggle('gl-cursor', h.cursor.has(id));
    }
    for (const e of this.edges) e.el.classList.toggle('gl-flowed', h.ran.has(e.to));
  }
}
