// @ts-check
// W4 probe: ns per repetition of `x = x.mul(1.0001).add(0.5)` (then sum), forward and backward timed apart, CPU time.
// Usage: node bench/w4-probe.mjs [path/to/out/engine/index.js] [size] [runs]
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
const require = createRequire(import.meta.url);
const g = require(resolve(process.argv[2] ?? new URL('../out/engine/index.js', import.meta.url).pathname));
const size = Number(process.argv[3] ?? 10000);
const runs = Number(process.argv[4] ?? 60);
g.setDefaultDtype('float64');
const x0 = g.tensor(0.1, { requiresGrad: true, dtype: 'float64' });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; }; // ns
/** @param {number[]} a */
const med = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
const fwd = [], bwd = [], tot = [];
let check = 0;
for (let r = 0; r < runs + 10; r++) {
  const t0 = cpu();
  x0.zeroGrad();
  let x = x0;
  for (let i = 0; i < size; i++) x = x.mul(1.0001).add(0.5);
  const loss = x.sum();
  const t1 = cpu();
  loss.backward();
  check = x0.grad.item();
  const t2 = cpu();
  if (r < 10) continue; // warm-up
  fwd.push((t1 - t0) / size); bwd.push((t2 - t1) / size); tot.push((t2 - t0) / size);
}
console.log(`size ${size}, median of ${runs}: fwd ${med(fwd).toFixed(0)}  bwd ${med(bwd).toFixed(0)}  fwd+bwd ${med(tot).toFixed(0)} ns/node  (dx0 ${check})`);
