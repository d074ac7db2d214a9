// @ts-check
// W5: edit-to-trace time of the analyzer. For each file size: analyse once (cold), warm up, then
// apply many one-literal edits and time each; p50 and p95. Two paths, alternating edit by edit: the
// stateless `analyze(source)` and the editor's own `createAnalyzer().analyze(source)`, which keeps the
// last parse and re-parses only the edited span. Then the live path once more, alone, in a worker thread
// with the editor's worker limits (WORKER_RESOURCE_LIMITS; timed inside the worker, so without the copy
// of the trace to the extension host).
// Prints `@@bench {json}` lines like worker.mjs.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { w5Source, blockCount } from './lib/w5source.mjs';
import { median } from './lib/timing.mjs';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const SIZES = [100, 300, 1000, 3000];
/** Edits timed per file length. @type {Record<number, number>} */
const EDITS = quick ? { 100: 40, 300: 40, 1000: 15, 3000: 8 } : { 100: 200, 300: 200, 1000: 60, 3000: 30 };
/** A record (lib/types.d.ts) as one `@@bench` line. @param {object} obj */
const emit = (obj) => process.stdout.write(`@@bench ${JSON.stringify(obj)}\n`);

/** The q-quantile (nearest rank) of the samples. @param {readonly number[]} xs @param {number} q @returns {number} */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

/** The edit of step e (the same sequence on every path). @param {number} lines @param {number} e @param {number} seed */
function editedSource(lines, e, seed) {
  return w5Source(lines, { block: 1 + (seed % blockCount(lines)), bump: ((e % 9) + 1) * 0.001 });
}

/** @param {number} seed */
const nextSeed = (seed) => (Math.imul(seed, 1664525) + 1013904223) >>> 0;

/** In the worker (one for all sizes, as the editor keeps one): the live path alone over the same edits. */
function workerMain() {
  const { createAnalyzer } = require('../out/extension/analysis/index.js');
  const port = parentPort;
  if (port === null) throw new Error('analyzer: workerMain runs in a worker thread only');
  port.on('message', (/** @type {{ lines: number, edits: number }} */ { lines, edits }) => {
    const src = w5Source(lines);
    const live = createAnalyzer();
    for (let i = 0; i < 4; i++) live.analyze(src);
    const times = [];
    let seed = lines;
    for (let e = 0; e < edits; e++) {
      seed = nextSeed(seed);
      const edited = editedSource(lines, e, seed);
      const s = performance.now();
      live.analyze(edited);
      times.push(performance.now() - s);
    }
    port.postMessage(times);
  });
}

function startWorker() {
  const { WORKER_RESOURCE_LIMITS } = require('../out/extension/host/analysis-worker.js');
  const w = new Worker(new URL(import.meta.url), { resourceLimits: WORKER_RESOURCE_LIMITS });
  /** The live path's times of `edits` edits of a `lines`-line file, in the worker. @param {number} lines @param {number} edits @returns {Promise<number[]>} */
  const times = (lines, edits) => new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
    w.postMessage({ lines, edits });
  });
  return { times, stop: () => w.terminate() };
}

async function main() {
  const { analyze, createAnalyzer } = require('../out/extension/analysis/index.js');
  const worker = startWorker();
  for (const lines of SIZES) {
    const src = w5Source(lines);
    const t0 = performance.now();
    const first = analyze(src);
    const coldMs = performance.now() - t0;
    const errors = first.diagnostics.filter((d) => d.severity === 'error');
    const live = createAnalyzer();
    for (let i = 0; i < 3; i++) { analyze(src); live.analyze(src); }
    /** @type {number[]} */
    const times = [], liveTimes = /** @type {number[]} */ ([]);
    let seed = lines;
    for (let e = 0; e < EDITS[lines]; e++) {
      seed = nextSeed(seed);
      const edited = editedSource(lines, e, seed);
      // Alternate which path runs first: the second one otherwise pays for the first one's garbage.
      const runStateless = () => { const s = performance.now(); analyze(edited); times.push(performance.now() - s); };
      const runLive = () => { const s = performance.now(); live.analyze(edited); liveTimes.push(performance.now() - s); };
      if (e % 2) { runStateless(); runLive(); } else { runLive(); runStateless(); }
    }
    const workerLive = await worker.times(lines, EDITS[lines]);
    emit({
      kind: 'w5', lines: src.split('\n').length - 1, edits: times.length, coldMs,
      p50Ms: quantile(times, 0.5), p95Ms: quantile(times, 0.95), medianMs: median(times), maxMs: Math.max(...times),
      liveP50Ms: quantile(liveTimes, 0.5), liveP95Ms: quantile(liveTimes, 0.95),
      workerP50Ms: quantile(workerLive, 0.5), workerP95Ms: quantile(workerLive, 0.95),
      bindings: first.bindings.length, target: first.target, errors: errors.length,
      firstError: errors[0]?.message ?? null,
    });
  }
  await worker.stop();
}

if (!isMainThread) {
  workerMain();
} else {
  main().catch((e) => {
    emit({ kind: 'fatal', error: String(e?.message ?? e).split('\n')[0] });
    process.exitCode = 1;
  });
}
