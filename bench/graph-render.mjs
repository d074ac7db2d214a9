// @ts-check
// W6: graph panel layout + render times for generated loop graphs of 100 / 500 / 2,000 trace nodes.
// Prints one JSON line per case: {"workload":"graph","nodes":N,"layoutMs":..,"renderMs":..,...}.
// "graph" rows are what the panel shows first (groups collapsed above 150 nodes); "graph-expanded" rows
// are the same graphs with every group expanded (the "expand all" button). layoutMs includes building
// the view model; renderMs is the SVG string. Medians after one warm-up run. Needs `npx tsc -p .` first.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
/** @typedef {import('../extension/analysis/trace.js').Trace} Trace */
/** @param {string} p */
const built = (p) => path.join(root, 'out', p);
for (const p of ['extension/presentation/graph/index.js', 'test/webview/fixtures/large.js']) {
  if (!existsSync(built(p))) {
    console.error(`graph-render: ${built(p)} is missing; run \`npx tsc -p .\` first`);
    process.exit(1);
  }
}
const { buildViewModel, defaultCollapsed, layoutGraph, renderGraphSvg } = require(built('extension/presentation/graph/index.js'));
const { largeTrace } = require(built('test/webview/fixtures/large.js'));

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One layout and render of the trace's graph. @param {Trace} trace @param {boolean} expanded */
async function once(trace, expanded) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const collapsed = expanded ? new Set() : defaultCollapsed(trace.graph);
  const model = buildViewModel(trace.graph, { collapsed });
  const layout = await layoutGraph(model, { mode: 'both' });
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const svg = renderGraphSvg(model, layout, { mode: 'both' });
  const t2 = performance.now();
  // CPU time of this thread's work (user + system) next to wall time: on a busy machine wall time also
  // counts the time other processes held the CPU.
  return { layoutMs: t1 - t0, layoutCpuMs: (c1.user + c1.system) / 1000, renderMs: t2 - t1, drawnNodes: model.nodes.length, svgBytes: svg.length };
}

/** The W6 record of a generated graph of about `nodes` nodes. @param {number} nodes @param {boolean} expanded */
async function measure(nodes, expanded) {
  const trace = largeTrace({ nodes });
  const runs = nodes >= 2000 && expanded ? 3 : 7;
  await once(trace, expanded);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once(trace, expanded));
  /** @param {number} x */
  const round = (x) => Math.round(x * 10) / 10;
  return {
    workload: expanded ? 'graph-expanded' : 'graph',
    nodes: trace.graph.nodes.length,
    layoutMs: round(median(samples.map((s) => s.layoutMs))),
    renderMs: round(median(samples.map((s) => s.renderMs))),
    layoutCpuMs: round(median(samples.map((s) => s.layoutCpuMs))),
    drawnNodes: samples[0].drawnNodes,
    collapsed: !expanded && samples[0].drawnNodes < trace.graph.nodes.length,
    svgKB: Math.round(samples[0].svgBytes / 1024),
  };
}

for (const expanded of [false, true]) {
  for (const n of [100, 500, 2000]) console.log(JSON.stringify(await measure(n, expanded)));
}
