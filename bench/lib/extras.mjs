// @ts-check
// BENCHMARKS.md sections for W5 (analyzer latency), W6 (graph panel layout + render) and the editor's latency.
import * as fs from 'node:fs';
import { steadyMedian } from './targets.mjs';

/** @template R @typedef {import('./types.js').Section<R>} Section */

/** @param {number} x */
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** @param {Section<import('./types.js').W5Record>} w5 */
export function w5Section(w5) {
  const head = [
    '### W5 — analyzer: edit to complete trace',
    '',
    'Generated files of tensor code (blocks of ten lines: a 4×4 weight literal, matmul, add, tanh, pow, mean, a broadcasting sum, a running loss; one `backward()` at the end). ' +
      'Each edit changes one number literal in a random block; the figures are over all edits after a cold run and three warm-ups. ' +
      '**analyze**: the stateless `analyze(source)` (parse + interpret + gradients). **live**: the editor\'s path, `createAnalyzer().analyze(source)`, which re-parses only the changed lines and reuses the previous run\'s printed values; the targets are judged on it. ' +
      '**worker**: the same live path alone in one long-lived worker thread with the extension\'s worker limits (a 64 MB young generation), timed inside the worker (the copy of the trace to the editor is not included).',
    '',
  ];
  if (!w5.records.length) return [...head, w5.note || 'not run', ''].join('\n');
  /** @param {number | undefined} x */
  const w = (x) => (typeof x === 'number' ? f(x) : '–');
  const rows = w5.records.map((r) => `| ${r.lines} | ${r.edits} | ${f(r.p50Ms)} | ${f(r.p95Ms)} | ${f(r.liveP50Ms)} | ${f(r.liveP95Ms)} | ${w(r.workerP50Ms)} | ${w(r.workerP95Ms)} | ${f(r.maxMs)} | ${f(r.coldMs)} | ${r.bindings} | ${r.errors ? `${r.errors} errors: ${r.firstError}` : 'none'} |`);
  return [...head, '| lines | edits | analyze p50 ms | analyze p95 ms | live p50 ms | live p95 ms | worker p50 ms | worker p95 ms | analyze max ms | cold ms | bindings | error diagnostics |', '|---|---|---|---|---|---|---|---|---|---|---|---|', ...rows,
    ...(w5.note ? ['', w5.note] : []), ''].join('\n');
}

/** @param {Section<import('./types.js').GraphRecord>} w6 */
export function w6Section(w6) {
  const head = ['### W6 — graph panel: layout and render (bench/graph-render.mjs, by the webview)', ''];
  if (!w6.records.length) return [...head, w6.note || 'not run', ''].join('\n');
  const rows = w6.records.map((r) => `| ${r.nodes} | ${f(r.layoutMs)} | ${f(r.renderMs)} | ${r.drawnNodes ?? "—"} |`);
  return [...head, "| graph nodes | layout ms | render ms | drawn nodes |", "|---|---|---|---|", ...rows, ...(w6.note ? ['', w6.note] : []), ''].join('\n');
}

/** @param {Section<import('./types.js').ProtoRecord>} proto */
export function protoSection(proto) {
  const head = [
    '### Beyond pure JS: the WebAssembly SIMD gemm (issue 6, item 4)',
    '',
    'engine/kernels/wasm-gemm.ts: the same packed 4×4 float64 GEMM as the pure-JS `gemmJs` (the limit above), with the tile loop in WASM SIMD (f64x2: 8 vector accumulators per tile, one splat of A times two B vectors per step); JS packs into the module memory and one call runs all tiles of a block. The engine\'s `gemm` uses it where WebAssembly is available (falls back to `gemmJs`), which is why gradlens can beat the pure-JS limit on W2/W3. C = A·B, n×n, samples alternating between the two kernels in one process (bench/gemm-kernels.mjs); median GFLOP/s.',
    '',
  ];
  if (!proto.records.length) return [...head, proto.note || 'not run', ''].join('\n');
  const rows = proto.records.map((r) => `| ${r.n} | ${f(r.wasmGflops)} | ${f(r.jsGflops)} | ${(r.wasmGflops / r.jsGflops).toFixed(2)}× | ${r.maxErr} |`);
  return [...head, '| n | WASM SIMD GFLOP/s | JS kernel GFLOP/s | speed-up | max abs difference |', '|---|---|---|---|---|', ...rows,
    ...(proto.note ? ['', proto.note] : []), ''].join('\n');
}

/**
 * Edit-to-annotation latency in a real VS Code, as the last `npm run test:vscode` measured it (its in-host
 * suite types into a 300-line file and writes test-results/vscode/latency.json). Not re-measured by the bench.
 * @param {string} latencyFile
 */
export function editorSection(latencyFile) {
  const head = ['### Editor — edit to annotation in a real VS Code (from `npm run test:vscode`)', '',
    'The in-host suite retypes a constant of a 300-line file 20 times and waits for each new annotation: the time from the edit to the decorations, debounce, worker round trip and trace transfer included.', ''];
  if (!fs.existsSync(latencyFile)) return [...head, 'not measured: run `npm run test:vscode` (or `npm test`) before `npm run bench`.', ''].join('\n');
  const { date, lines } = /** @type {{ date: string, lines: string[] }} */ (JSON.parse(fs.readFileSync(latencyFile, 'utf8')));
  return [...head, `Measured ${date.replace('T', ' ').slice(0, 19)} UTC:`, '', ...lines.map((l) => `- ${l}`), ''].join('\n');
}

/** @param {readonly import('./types.js').SteadyResult[]} steady records of bench/steady.mjs (two runs per engine × workload) */
export function steadySection(steady) {
  const head = ['### W1 and W3 in a steady loop (bench/steady.mjs)', '',
    'The figures above are medians of short batched samples. A training loop runs one step after another; here each engine runs the forward+backward step of W1 and W3 for consecutive steps in one process (after 5 unmeasured ones), timing every step alone and counting its minor page faults (a step that touches freshly mapped memory takes one per 4 KiB page). Two processes per engine, interleaved (baseline, gradlens, gradlens, baseline); the median is over all their steps.', ''];
  const ok = steady.filter((r) => r.kind === 'steady');
  if (!ok.length) return [...head, steady.length ? `failed: ${steady.find((r) => r.kind === 'fatal')?.error}` : 'not run (--only without W1 or W3)', ''].join('\n');
  const rows = [];
  for (const workload of [...new Set(ok.map((r) => r.workload))]) {
    // null when the baseline did not run: the ratio then prints as Infinity or NaN
    const base = /** @type {number} */ (steadyMedian(ok, 'baseline', workload));
    for (const engine of ['baseline', 'gradlens']) {
      const rs = ok.filter((r) => r.workload === workload && r.engine === engine);
      if (!rs.length) continue;
      const ms = rs.flatMap((r) => r.ms), faults = rs.flatMap((r) => r.pageFaults);
      const med = /** @type {number} */ (steadyMedian(ok, engine, workload)); // rs is not empty
      const slow = ms.filter((x) => x > 1.5 * med).length;
      const sorted = [...faults].sort((x, y) => x - y);
      rows.push(`| ${workload} | ${engine} | ${ms.length} | ${f(med)} (${(med / base).toFixed(2)}×) | ${f(Math.min(...ms))}–${f(Math.max(...ms))} | ${slow} | ${sorted[sorted.length >> 1]} | ${sorted[sorted.length - 1]} |`);
    }
  }
  return [...head, '| workload | engine | steps | median ms | range ms | steps over 1.5× the median | median page faults | max page faults |', '|---|---|---|---|---|---|---|---|', ...rows, ''].join('\n');
}
