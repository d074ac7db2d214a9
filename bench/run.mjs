// @ts-check
// `npm run bench [-- --quick] [-- --only W1,W4]`: installs the peers into bench/node_modules if
// missing, builds the project if out/ is missing, runs every engine × workload in its own
// process, then writes BENCHMARKS.md at the repository root.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, indexCases, render } from './lib/report.mjs';
import { poolRounds } from './lib/pool.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { FULL_PLAN, QUICK_PLAN } from './lib/timing.mjs';
import { editorSection, protoSection, steadySection, w5Section, w6Section } from './lib/extras.mjs';

/** @typedef {import('./lib/types.js').BenchRecord} BenchRecord */
/** @typedef {{ quick: boolean, only: string[] }} Args  the command line: --quick, and the workloads of --only */

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const ALL = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'];
const PEER_PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'js-pytorch'];
/** A case whose single call took longer than this in round 1 is not repeated in later rounds. */
const SLOW_CALL_MS = 2_000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** @param {string[]} argv @returns {Args} */
function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) : ALL;
  const bad = only.filter((w) => !ALL.includes(w));
  if (bad.length) throw new Error(`--only: unknown workload ${bad.join(', ')} (known: ${ALL.join(', ')})`);
  return { quick, only };
}

function ensurePeers() {
  const missing = PEER_PACKAGES.filter((p) => !existsSync(path.join(benchDir, 'node_modules', p, 'package.json')));
  if (!missing.length) return;
  console.log(`installing the peers into bench/node_modules (${missing.join(', ')})…`);
  const r = spawnSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: benchDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm install in bench/ failed');
}

function ensureBuild() {
  if (existsSync(path.join(root, 'out', 'engine', 'index.js'))) return;
  console.log('building the project (npx tsc -p .)…');
  // tsc emits even with type errors elsewhere in the tree; what matters is that the engine is there
  spawnSync(npx, ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(path.join(root, 'out', 'engine', 'kernels', 'gemm.js'))) throw new Error('build failed: out/engine is missing');
}

/**
 * Runs one script in a child process and returns its `@@bench` records (plus a fatal record if it died).
 * @param {string} script @param {string[]} args @param {number} timeoutMs @returns {BenchRecord[]}
 */
function runChild(script, args, timeoutMs) {
  const r = spawnSync(process.execPath, [path.join(benchDir, script), ...args], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutMs,
  });
  /** @type {BenchRecord[]} */
  const records = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('@@bench ')).map((l) => JSON.parse(l.slice(8)));
  if (r.status !== 0 && !records.some((x) => x.kind === 'fatal')) {
    const why = /** @type {NodeJS.ErrnoException | undefined} */ (r.error)?.code === 'ETIMEDOUT' ? `timed out after ${timeoutMs / 1000} s`
      : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop()}`;
    records.push({ kind: 'fatal', error: `process ended: ${why}` });
  }
  return records;
}

/** The console line of a record, or null for records that have none. @param {BenchRecord} rec */
function summary(rec) {
  if (rec.kind === 'fatal') return `  FAILED: ${rec.error}`;
  if (rec.kind !== 'case') return null;
  const what = rec.error ? `fails: ${rec.error}` : rec.skipped ?? `${rec.medianMs.toFixed(3)} ms`;
  return `  ${rec.engine.padEnd(10)} ${rec.workload} ${rec.label.padEnd(20)} ${rec.mode.padEnd(6)} ${what}`;
}

/** @param {Args} args */
function commandLine(args) {
  const flags = [...(args.quick ? ['--quick'] : []), ...(args.only.length < ALL.length ? ['--only', args.only.join(',')] : [])];
  return `npm run bench${flags.length ? ` -- ${flags.join(' ')}` : ''}`;
}

/** @param {Args} args @param {import('./lib/types.js').TimingPlan} plan @returns {import('./lib/types.js').Meta} */
function machine(args, plan) {
  const cpus = os.cpus();
  return {
    command: commandLine(args),
    date: new Date().toISOString().replace(/\.\d+Z$/, ' UTC').replace('T', ' '),
    cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1), os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node, v8: process.versions.v8, load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    plan, failures: {}, rounds: args.quick ? 1 : 3,
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const plan = args.quick ? QUICK_PLAN : FULL_PLAN;
  ensurePeers();
  ensureBuild();
  const meta = machine(args, plan);
  /** @type {(BenchRecord & { engine: string, workload: string })[]} */
  const raw = [];
  const flags = [...(args.quick ? ['--quick'] : []), '--rounds', String(meta.rounds)];
  // Rounds interleave the engines (order reversed every other round) so that a burst of load from
  // other processes does not land on one engine only; samples of all rounds are pooled.
  for (let round = 0; round < meta.rounds; round++) {
    for (const workload of args.only.filter((w) => w.startsWith('W') && Number(w[1]) <= 4)) {
      for (const engine of round % 2 ? [...ENGINES].reverse() : ENGINES) {
        console.log(`${workload} on ${engine} (round ${round + 1} of ${meta.rounds})`);
        const slow = /** @type {import('./lib/types.js').CaseRecord[]} */ (raw.filter((r) => r.engine === engine && r.workload === workload && r.kind === 'case' && r.medianMs > SLOW_CALL_MS));
        const skip = slow.length ? ['--skip', slow.map((r) => `${r.mode}:${r.size}`).join(',')] : [];
        const recs = runChild('worker.mjs', [engine, workload, ...flags, ...skip], 15 * 60_000);
        for (const r of recs) {
          if (r.kind === 'fatal') meta.failures[engine] = r.error;
          const line = summary(r);
          if (line) console.log(line);
        }
        raw.push(...recs.map((r) => ({ engine, workload, ...r })));
      }
    }
  }
  const records = poolRounds(raw);
  const steady = runSteady(args);
  meta.loadEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const w5 = args.only.includes('W5') ? runW5(flags) : { records: [], note: 'not run (--only)' };
  const w6 = args.only.includes('W6') ? runW6() : { records: [], note: 'not run (--only)' };
  const proto = args.only.includes('W2') ? runPrototype(flags) : { records: [], note: 'not run (--only without W2)' };
  const targets = evaluateTargets(indexCases(records), w5.records, steady);
  // measurements made outside this run (before/after comparisons, figures from the real VS Code), kept by hand
  const kept = readFileSync(path.join(benchDir, 'measured-elsewhere.md'), 'utf8');
  const text = render({ records, meta, targets, extra: [steadySection(steady), w5Section(w5), editorSection(path.join(root, 'test-results/vscode/latency.json')), w6Section(w6), protoSection(proto), kept] });
  writeFileSync(path.join(root, 'BENCHMARKS.md'), text);
  console.log('\nwrote BENCHMARKS.md\n');
  console.log(targets.join('\n'));
}

/**
 * W1 and W3 forward+backward as a training loop runs them: consecutive steps in one process (bench/steady.mjs).
 * @param {Args} args @returns {import('./lib/types.js').SteadyResult[]}
 */
function runSteady(args) {
  /** @type {import('./lib/types.js').SteadyResult[]} */
  const out = [];
  for (const workload of args.only.filter((w) => w === 'W1' || w === 'W3')) {
    // baseline, gradlens, gradlens, baseline: each engine once early and once late in the window
    for (const engine of ['baseline', 'gradlens', 'gradlens', 'baseline']) {
      console.log(`${workload} steady loop on ${engine}`);
      const recs = runChild('steady.mjs', [engine, workload], 10 * 60_000);
      for (const r of recs) {
        if (r.kind === 'steady') console.log(`  ${engine.padEnd(10)} median of ${r.steps} steps ${r.medianMs.toFixed(2)} ms, median page faults ${r.medianFaults}`);
        else if (r.kind === 'fatal') console.log(`  FAILED: ${r.error}`);
      }
      out.push(...recs.filter((r) => r.kind === 'steady' || r.kind === 'fatal').map((r) => ({ engine, workload, ...r })));
    }
  }
  return out;
}

/** @param {string[]} flags @returns {import('./lib/types.js').Section<import('./lib/types.js').W5Record>} */
function runW5(flags) {
  if (!existsSync(path.join(root, 'out', 'extension', 'analysis', 'index.js'))) {
    return { records: [], note: 'not run: the analyzer (out/extension/analysis/index.js) is not built' };
  }
  console.log('W5 analyzer');
  const recs = runChild('analyzer.mjs', flags, 10 * 60_000);
  recs.forEach((r) => console.log(`  ${JSON.stringify(r)}`));
  const fatal = recs.find((r) => r.kind === 'fatal');
  return { records: recs.filter((r) => r.kind === 'w5'), note: fatal ? `failed: ${fatal.error}` : '' };
}

/** @param {string[]} flags @returns {import('./lib/types.js').Section<import('./lib/types.js').ProtoRecord>} */
function runPrototype(flags) {
  console.log('gemm kernels: WebAssembly SIMD vs pure JS');
  const recs = runChild('gemm-kernels.mjs', flags.filter((f) => f === '--quick'), 5 * 60_000);
  recs.forEach((r) => console.log(`  ${JSON.stringify(r)}`));
  const fatal = recs.find((r) => r.kind === 'fatal');
  return { records: recs.filter((r) => r.kind === 'proto'), note: fatal ? `failed: ${fatal.error}` : '' };
}

/** @returns {import('./lib/types.js').Section<import('./lib/types.js').GraphRecord>} */
function runW6() {
  const script = path.join(benchDir, 'graph-render.mjs');
  if (!existsSync(script)) return { records: [], note: 'not run: bench/graph-render.mjs does not exist' };
  console.log('W6 graph panel');
  const r = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8', timeout: 5 * 60_000, maxBuffer: 16 << 20 });
  const records = (r.stdout ?? '').split('\n').filter((l) => l.trim().startsWith('{')).flatMap((l) => {
    try { return [JSON.parse(l)]; } catch { return []; }
  }).filter((x) => x.workload === 'graph');
  records.forEach((x) => console.log(`  ${JSON.stringify(x)}`));
  return { records, note: r.status === 0 ? '' : `the script exited with ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').pop()}` };
}

try {
  main();
} catch (e) {
  console.error(`bench: ${e.message}`);
  process.exitCode = 1;
}
