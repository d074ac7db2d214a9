// W5: edit-to-trace time of the analyzer. For each file size: analyse once (cold), warm up, then
// apply many one-literal edits and time each; p50 and p95. Two paths, alternating edit by edit: the
// stateless `analyze(source)` and the editor's own `createAnalyzer().analyze(source)`, which keeps the
// last parse and re-parses only the edited span.
// Prints `@@bench {json}` lines like worker.mjs.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { w5Source, blockCount } from './lib/w5source.mjs';
import { median } from './lib/timing.mjs';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const SIZES = [100, 300, 1000, 3000];
const EDITS = quick ? { 100: 40, 300: 40, 1000: 15, 3000: 8 } : { 100: 200, 300: 200, 1000: 60, 3000: 30 };
const emit = (obj) => process.stdout.write(`@@bench ${JSON.stringify(obj)}\n`);

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

function main() {
  const { analyze, createAnalyzer } = require('../out/extension/analysis/index.js');
  for (const lines of SIZES) {
    const src = w5Source(lines);
    const t0 = performance.now();
    const first = analyze(src);
    const coldMs = performance.now() - t0;
    const errors = first.diagnostics.filter((d) => d.severity === 'error');
    const live = createAnalyzer();
    for (let i = 0; i < 3; i++) { analyze(src); live.analyze(src); }
    const blocks = blockCount(lines), times = [], liveTimes = [];
    let seed = lines;
    for (let e = 0; e < EDITS[lines]; e++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const edited = w5Source(lines, { block: 1 + (seed % blocks), bump: ((e % 9) + 1) * 0.001 });
      // Alternate which path runs first: the second one otherwise pays for the first one's garbage.
      const runStateless = () => { const s = performance.now(); analyze(edited); times.push(performance.now() - s); };
      const runLive = () => { const s = performance.now(); live.analyze(edited); liveTimes.push(performance.now() - s); };
      if (e % 2) { runStateless(); runLive(); } else { runLive(); runStateless(); }
    }
    emit({
      kind: 'w5', lines: src.split('\n').length - 1, edits: times.length, coldMs,
      p50Ms: quantile(times, 0.5), p95Ms: quantile(times, 0.95), medianMs: median(times), maxMs: Math.max(...times),
      liveP50Ms: quantile(liveTimes, 0.5), liveP95Ms: quantile(liveTimes, 0.95),
      bindings: first.bindings.length, target: first.target, errors: errors.length,
      firstError: errors[0]?.message ?? null,
    });
  }
}

try {
  main();
} catch (e) {
  emit({ kind: 'fatal', error: String(e?.message ?? e).split('\n')[0] });
  process.exitCode = 1;
}
