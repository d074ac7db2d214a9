/** The pure graph drawing, for the webview and for the CLI (`--graph out.svg`). */
import type { Trace } from '../../analysis/trace';
import type { GraphMode } from '../../protocol';
import { layoutGraph, type Direction } from './layout';
import { buildViewModel, defaultCollapsed, nanOrigins } from './model';
import { renderGraphSvg } from './render';

export { escapeXml } from './escape';
export { buildViewModel, defaultCollapsed, nanOrigins, type ViewModel } from './model';
export { layoutGraph, type GraphLayout } from './layout';
export { renderGraphSvg, type RenderOptions } from './render';

export interface TraceSvgOptions {
  mode?: GraphMode;
  direction?: Direction;
  /** 'auto' (default): collapse groups of big graphs; 'all' / 'none'. */
  collapse?: 'auto' | 'all' | 'none';
}

/** A standalone SVG of a trace's graph. */
export async function traceToSvg(trace: Trace, opts: TraceSvgOptions = {}): Promise<string> {
  const mode = opts.mode ?? 'both';
  const collapse = opts.collapse ?? 'auto';
  const collapsed =
    collapse === 'auto' ? defaultCollapsed(trace.graph) : new Set(collapse === 'all' ? trace.graph.groups.map((g) => g.id) : []);
  const model = buildViewModel(trace.graph, { collapsed, nanOrigins: nanOrigins(trace) });
  const layout = await layoutGraph(model, { mode, direction: opts.direction });
  const title = trace.target ? `Computational graph of ${trace.target}` : 'Computational graph';
  return renderGraphSvg(model, layout, { mode, standalone: true, title });
}
