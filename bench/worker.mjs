// @ts-check
// One engine × one workload, in its own process:
// `node bench/worker.mjs <engine> <workload> [--quick] [--rounds N] [--skip mode:size,...]`.
// Prints one line per case, `@@bench {json}`, so library chatter on stdout cannot be mistaken for results.
import { performance } from 'node:perf_hooks';
import { workloadOf, casesOf } from './lib/cases.mjs';
import { FULL_PLAN, QUICK_PLAN, measure } from './lib/timing.mjs';

/** @typedef {import('./lib/types.js').Engine} Engine */
/** @type {Record<string, () => Promise<Engine>>} */
const LOADERS = {
  baseline: () => import('./engines/baseline.mjs').then((m) => m.load()),
  gradlens: () => import('./engines/gradlens.mjs').then((m) => m.load()),
  'tfjs-cpu': () => import('./engines/tfjs.mjs').then((m) => m.load('cpu')),
  'tfjs-wasm': () => import('./engines/tfjs.mjs').then((m) => m.load('wasm')),
  'js-pytorch': () => import('./engines/jspytorch.mjs').then((m) => m.load()),
};
/** How a case's time grows with its size, to skip sizes that cannot finish in the budget. */
const GROWTH = { W1: 1, W2: 3, W3: 1, W4: 1 };

const [engineName, workload, ...flags] = process.argv.slice(2);
/** A case whose run is extrapolated to take longer than this is not run (the slow peers at 1e6 nodes). */
const SKIP_ESTIMATE_MS = 5_000;
const rounds = Number(flags[flags.indexOf('--rounds') + 1]) || 1;
const base = flags.includes('--quick') ? QUICK_PLAN : FULL_PLAN;
// the orchestrator runs every engine `rounds` times, interleaved; each round gets a share of the budget
const plan = { ...base, budgetMs: base.budgetMs / rounds, samples: Math.ceil(base.samples / rounds) };
/** Cases (mode:size) the orchestrator already measured in round 1 and that are too slow to repeat. */
const skipKeys = new Set((flags.includes('--skip') ? flags[flags.indexOf('--skip') + 1] : '').split(',').filter(Boolean));
/** A record (lib/types.d.ts, BenchRecord) as one `@@bench` line. @param {object} obj */
const emit = (obj) => process.stdout.write(`@@bench ${JSON.stringify(obj)}\n`);

/** The first line of an error's message (at most 200 characters). @param {any} e a thrown value @returns {string} */
function describeError(e) {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'stack overflow';
  return String(e && e.message ? e.message : e).split('\n')[0].slice(0, 200);
}

async function main() {
  if (!(engineName in LOADERS)) throw new Error(`unknown engine ${engineName}`);
  const engine = await LOADERS[engineName]();
  emit({ kind: 'info', engine: engineName, ...engine.info });
  /** @type {Record<string, {size: number, ms?: number, error?: string}>} */
  const previous = {};
  for (const spec of casesOf(workloadOf(workload))) {
    const base = { kind: 'case', engine: engineName, ...spec };
    const prev = previous[spec.mode];
    if (prev?.error) {
      emit({ ...base, skipped: `not run: ${prev.error} at a smaller size` });
      continue;
    }
    if (skipKeys.has(`${spec.mode}:${spec.size}`)) {
      emit({ ...base, skipped: 'measured in the first round only (one call takes seconds)', roundSkipped: true });
      continue;
    }
    if (prev?.ms !== undefined) {
      const estimate = prev.ms * (spec.size / prev.size) ** GROWTH[spec.workload];
      if (estimate > SKIP_ESTIMATE_MS) {
        emit({ ...base, skipped: `not run: about ${(estimate / 1000).toFixed(0)} s per run extrapolated from the smaller size` });
        continue;
      }
    }
    try {
      const prepared = engine.prepare(spec);
      if (prepared.skip) {
        emit({ ...base, skipped: prepared.skip });
        continue;
      }
      const t0 = performance.now();
      const digest = prepared.run(true);
      const firstMs = performance.now() - t0;
      const timing = measure(() => prepared.run(false), plan);
      previous[spec.mode] = { size: spec.size, ms: timing.medianMs };
      emit({ ...base, digest, firstMs, ...timing });
      prepared.dispose?.();
    } catch (e) {
      const error = describeError(e);
      previous[spec.mode] = { size: spec.size, error };
      emit({ ...base, error });
    }
  }
}

main().catch((e) => {
  emit({ kind: 'fatal', engine: engineName, workload, error: describeError(e) });
  process.exitCode = 1;
});
