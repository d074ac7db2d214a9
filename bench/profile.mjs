// @ts-check
// Profiling driver: runs one engine × case in a loop, for `node --cpu-prof bench/profile.mjs ...`.
// usage: node bench/profile.mjs <engine> <W1|W2|W3|W4> <fwd|fwdbwd> <size> [seconds=3]
import { performance } from 'node:perf_hooks';
import { workloadOf, casesOf } from './lib/cases.mjs';

const [engineName, workloadArg, mode, size, seconds = '3'] = process.argv.slice(2);
const workload = workloadOf(workloadArg);
const mod = engineName.startsWith('tfjs') ? 'tfjs' : engineName === 'js-pytorch' ? 'jspytorch' : engineName;
const { load } = await import(`./engines/${mod}.mjs`);
const engine = await load(engineName.startsWith('tfjs-') ? engineName.slice(5) : undefined);
const spec = casesOf(workload).find((c) => c.mode === mode && c.size === Number(size));
if (!spec) throw new Error(`no case ${workload} ${mode} ${size}`);
const prepared = engine.prepare(spec);
prepared.run(true);
const end = performance.now() + Number(seconds) * 1000;
let calls = 0;
const t0 = performance.now();
while (performance.now() < end) {
  prepared.run(false);
  calls++;
}
console.log(`${calls} calls, ${((performance.now() - t0) / calls).toFixed(4)} ms per call`);
