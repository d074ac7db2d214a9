/**
 * View model + layout → an SVG string. Pure (no DOM), so the CLI's `--graph out.svg` and the webview draw
 * with the same code. Every string that can come from the user's file passes through `escapeXml`.
 */
import type { GraphMode } from '../../protocol';
import { clip, escapeXml } from './escape';
import { METRICS, type EdgeRoute, type GraphLayout, type NodeBox, type Point } from './layout';
import { edgeLabelLines, nodeLines, type ViewEdge, type ViewModel, type ViewNode } from './model';
import { GRAPH_CSS } from './style';

export interface RenderOptions {
  mode: GraphMode;
  /** View node ids under the editor's cursor. */
  cursor?: ReadonlySet<string>;
  /** View node id of the grad function the backward step is at. */
  current?: string | null;
  /** View node ids whose grad functions have already run in the step-through. */
  done?: ReadonlySet<string>;
  /** Embed the CSS and a background: a file that renders on its own. */
  standalone?: boolean;
  /** Accessible name of the drawing. */
  title?: string;
}

const esc = escapeXml;
const num = (x: number): string => String(Math.round(x * 10) / 10);

function nodeClass(n: ViewNode, o: RenderOptions): string {
  const cls = ['gl-node', `gl-${n.kind}`];
  if (o.cursor?.has(n.id)) cls.push('gl-cursor');
  if (o.done?.has(n.id) && o.current !== n.id) cls.push('gl-done');
  if (o.current === n.id) cls.push('gl-current');
  if (n.nan) cls.push(n.nan === 'origin' ? 'gl-nan gl-nan-origin' : 'gl-nan');
  if (n.outside) cls.push(`gl-outside gl-${n.outside}`);
  return cls.join(' ');
}

function ariaLabel(n: ViewNode, o: RenderOptions): string {
  const parts = [n.kind === 'op' ? `${n.title} (output ${n.subtitle ?? ''})` : `${n.kind} ${n.title}`];
  if (n.value) parts.push(`value ${n.value}`);
  if (n.grad) parts.push(`gradient ${n.grad}`);
  if (o.current === n.id) parts.push('current backward step');
  if (n.nan === 'origin') parts.push('origin of a NaN or Inf');
  else if (n.nan) parts.push('on a NaN or Inf path');
  if (n.outside === 'unused') parts.push('unused: no backward reaches it');
  else if (n.outside === 'cut') parts.push('cut off from the graph');
  return parts.join(', ');
}

function renderNode(n: ViewNode, box: NodeBox, o: RenderOptions): string {
  const small = n.kind === 'accumulate' || n.kind === 'ref';
  const lines = small ? [{ cls: 'title', text: n.title }] : nodeLines(n, o.mode);
  const texts = lines.map((l, i) => {
    const y = METRICS.padY + METRICS.lineHeight * (i + 1) - (small ? 6 : 4);
    return `<text class="gl-${l.cls}" x="${METRICS.padX}" y="${num(y)}">${esc(clip(l.text, METRICS.maxChars))}</text>`;
  });
  return (
    `<g class="${nodeClass(n, o)}" data-id="${esc(n.id)}" transform="translate(${num(box.x)},${num(box.y)})" ` +
    `tabindex="0" role="button" aria-label="${esc(ariaLabel(n, o))}">` +
    `<title>${esc(n.tooltip)}</title>` +
    `<rect class="gl-box" width="${num(box.width)}" height="${num(box.height)}" rx="${small ? 10 : 5}"/>` +
    texts.join('') +
    '</g>'
  );
}

function pathData(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`).join(' ');
}

function labelTexts(e: ViewEdge, route: EdgeRoute, layout: GraphLayout, mode: GraphMode): string {
  const lines = edgeLabelLines(e, mode);
  const box = route.labelBox;
  return lines
    .map((l, i) => {
      // In ELK's box: one line under the other. Otherwise beside a vertical edge / on a horizontal one.
      const down = layout.direction === 'DOWN';
      const x = box ? box.x + 2 : route.labelAt.x + (down ? 6 : 0);
      const y = box ? box.y + 10 + i * METRICS.labelLineHeight : route.labelAt.y + (lines.length === 1 ? 4 : i === 0 ? -2 : 11);
      const anchor = box || down ? 'start' : 'middle';
      return `<text class="gl-${l.cls}" x="${num(x)}" y="${num(y)}" text-anchor="${anchor}">${esc(l.text)}</text>`;
    })
    .join('');
}

function renderEdge(e: ViewEdge, layout: GraphLayout, o: RenderOptions, flowed: boolean): string {
  const route = layout.edges.get(e.id);
  if (!route) return '';
  return (
    `<g class="gl-edge${flowed ? ' gl-flowed' : ''}${e.nan ? ' gl-nan' : ''}${e.cut ? ' gl-cut' : ''}" data-id="${esc(e.id)}">` +
    (e.cut ? `<title>${esc(e.label)}</title>` : '') +
    (e.count > 1 ? `<title>${e.count} edges into or out of a collapsed group</title>` : '') +
    `<path d="${pathData(route.points)}" marker-end="url(#gl-arrow)"/>${labelTexts(e, route, layout, o.mode)}</g>`
  );
}

/** In the panel the drawing is a group of buttons (role img would hide them from assistive technology). */
export function renderGraphSvg(model: ViewModel, layout: GraphLayout, options: RenderOptions): string {
  const w = Math.max(1, Math.ceil(layout.width));
  const h = Math.max(1, Math.ceil(layout.height));
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" class="gl-svg gl-mode-${options.mode}" width="${w}" height="${h}" ` +
    `viewBox="0 0 ${w} ${h}" role="${options.standalone ? 'img' : 'group'}" aria-label="${esc(options.title ?? 'Computational graph')}">`;
  const defs =
    '<defs><marker id="gl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">' +
    '<path class="gl-arrow" d="M0,1 L10,5 L0,9 z"/></marker></defs>';
  const style = options.standalone ? `<style>${GRAPH_CSS}</style><rect class="gl-bg" width="${w}" height="${h}"/>` : '';
  // Gradient has flowed along an edge once its consumer's grad function has run.
  const done = options.done ?? new Set<string>();
  const edges = model.edges.map((e) => renderEdge(e, layout, options, done.has(e.to))).join('');
  const nodes = model.nodes
    .map((n) => {
      const box = layout.nodes.get(n.id);
      return box ? renderNode(n, box, options) : '';
    })
    .join('');
  return `${head}${style}${defs}<g class="gl-edges">${edges}</g><g class="gl-nodes">${nodes}</g></svg>`;
}
