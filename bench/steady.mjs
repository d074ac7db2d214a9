// @ts-check
// Steady loop: one engine × one case, many consecutive calls in one process, each timed alone, with
// the minor page faults it took: `node bench/steady.mjs <engine> <W1|W3> [--steps N] [--warmup N]`.
// The batched samples of worker.mjs report a median over short bursts; a training loop runs step
// after step, where a step that allocates fresh memory (first-touch page faults) or meets a
// collection shows. Prints `@@bench {json}` lines like worker.mjs.
import { performance } from 'node:perf_hooks';
import { workloadOf, casesOf } from './lib/cases.mjs';
import { median } from './lib/timing.mjs';

/** @type {Record<string, () => Promise<import('./lib/types.js').Engine>>} */
const LOADERS = {
  baseline: () => import('./engines/baseline.mjs').then((m) => m.load()),
  gradlens: () => import('./engines/gradlens.mjs').then((m) => m.load()),
};
/** Consecutive steps measured (the issue asks for at least 40) and unmeasured steps before them. */
export const STEADY_STEPS = 60;
export const STEADY_WARMUP = 5;

const [engineName, workload, ...flags] = process.argv.slice(2);
/** A numeric flag's value, or `fallback` when the flag is absent. @param {string} name @param {number} fallback */
const opt = (name, fallback) => (flags.includes(name) ? Number(flags[flags.indexOf(name) + 1]) : fallback);
/** A record (lib/types.d.ts, BenchRecord) as one `@@bench` line. @param {object} obj */
const emit = (obj) => process.stdout.write(`@@bench ${JSON.stringify(obj)}\n`);

const faults = () => process.resourceUsage().minorPageFault;

async function main() {
  if (!(engineName in LOADERS)) throw new Error(`steady: unknown engine ${engineName} (known: ${Object.keys(LOADERS).join(', ')})`);
  const spec = casesOf(workloadOf(workload)).find((c) => c.mode === 'fwdbwd');
  if (spec === undefined) throw new Error(`steady: no forward+backward case in ${workload}`);
  const engine = await LOADERS[engineName]();
  const prepared = engine.prepare(spec);
  const steps = opt('--steps', STEADY_STEPS), warmup = opt('--warmup', STEADY_WARMUP);
  const digest = prepared.run(true);
  for (let i = 0; i < warmup; i++) prepared.run(false);
  const ms = [], pageFaults = [];
  for (let i = 0; i < steps; i++) {
    const f0 = faults(), t0 = performance.now();
    prepared.run(false);
    const t1 = performance.now();
    ms.push(t1 - t0);
    pageFaults.push(faults() - f0);
  }
  emit({ kind: 'steady', engine: engineName, workload, mode: spec.mode, label: spec.label, digest, steps, medianMs: median(ms), ms, pageFaults, medianFaults: median(pageFaults) });
}

main().catch((e) => {
  emit({ kind: 'fatal', engine: engineName, workload, error: String(e?.message ?? e).split('\n')[0] });
  process.exitCode = 1;
});
