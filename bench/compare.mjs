// @ts-check
// Before/after: `node bench/compare.mjs <other-checkout> [--rounds N]` times gradlens as built in this
// checkout and in another one (an older commit, `git worktree add`, built with `npx tsc -p .`) on the
// same machine in the same minutes, the two alternating, each run in its own process, and prints a
// Markdown table: W1 and W3 forward+backward short (batched samples, bench/worker.mjs with a third of
// its budget) and steady (median of consecutive steps, bench/steady.mjs, copied into the other
// checkout when it has none), and W4 forward+backward. Load changes between rounds hit both sides alike; the spread over rounds is
// printed beside each median so a difference smaller than it reads as none.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/timing.mjs';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const other = args[0] && !args[0].startsWith('--') ? path.resolve(args[0]) : undefined;
if (other === undefined) throw new Error('usage: node bench/compare.mjs <other-checkout> [--rounds N]');
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 4;
for (const root of [here, other]) {
  if (!existsSync(path.join(root, 'out', 'engine', 'index.js'))) throw new Error(`${root}: build it first (npx tsc -p .)`);
}
if (!existsSync(path.join(other, 'bench', 'steady.mjs'))) copyFileSync(path.join(here, 'bench', 'steady.mjs'), path.join(other, 'bench', 'steady.mjs'));

/**
 * @typedef {import('./lib/types.js').BenchRecord} BenchRecord
 * @typedef {{ label: string, script: string, args: string[], pick: (r: BenchRecord) => boolean,
 *   ms: (r: import('./lib/types.js').CaseRecord | import('./lib/types.js').SteadyRecord) => number }} Case
 */
/** What is measured: a label, the script and its arguments, and which record and field hold the time. @type {Case[]} */
const CASES = [
  { label: 'W1 fwd+bwd 1e6, short', script: 'worker.mjs', args: ['gradlens', 'W1', '--rounds', '3'], pick: (r) => r.kind === 'case' && r.mode === 'fwdbwd' && r.size === 1_000_000, ms: (r) => r.medianMs },
  { label: 'W1 fwd+bwd 1e6, steady', script: 'steady.mjs', args: ['gradlens', 'W1', '--steps', '40'], pick: (r) => r.kind === 'steady', ms: (r) => r.medianMs },
  { label: 'W3 training step, short', script: 'worker.mjs', args: ['gradlens', 'W3', '--rounds', '3'], pick: (r) => r.kind === 'case' && r.mode === 'fwdbwd', ms: (r) => r.medianMs },
  { label: 'W3 training step, steady', script: 'steady.mjs', args: ['gradlens', 'W3', '--steps', '40'], pick: (r) => r.kind === 'steady', ms: (r) => r.medianMs },
  { label: 'W4 10,000 nodes fwd+bwd', script: 'worker.mjs', args: ['gradlens', 'W4', '--rounds', '3'], pick: (r) => r.kind === 'case' && r.mode === 'fwdbwd' && r.size === 10_000, ms: (r) => r.medianMs },
];

/** ms per call of case `c` in one process of the checkout at `root`. @param {string} root @param {Case} c @returns {number} */
function runOnce(root, c) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', c.script), ...c.args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 300_000 });
  const records = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('@@bench ')).map((l) => JSON.parse(l.slice(8)));
  const hit = records.find(c.pick);
  if (hit === undefined || hit.medianMs === undefined) throw new Error(`${root} ${c.label}: no result (${(r.stderr ?? '').trim().split('\n').pop() ?? ''})`);
  return c.ms(hit);
}

/** @typedef {{ this: number[], other: number[] }} Sides ms per call of each checkout, one a round */
/** @type {Map<string, Sides>} */
const times = new Map(CASES.map((c) => [c.label, { this: [], other: [] }]));
/** @param {string} label @returns {Sides} */
const timesOf = (label) => {
  const t = times.get(label);
  if (t === undefined) throw new Error(`compare: no case ${label}`);
  return t;
};
const load0 = os.loadavg().map((x) => x.toFixed(2)).join(' ');
for (let k = 0; k < rounds; k++) {
  // alternate which side goes first, so a trend in the machine's load favours neither
  /** @type {['this' | 'other', string][]} */
  const order = k % 2 === 0 ? [['this', here], ['other', other]] : [['other', other], ['this', here]];
  for (const c of CASES) for (const [side, root] of order) timesOf(c.label)[side].push(runOnce(root, c));
  process.stderr.write(`round ${k + 1}/${rounds} done\n`);
}
const load1 = os.loadavg().map((x) => x.toFixed(2)).join(' ');

/** @param {number[]} xs */
const fmt = (xs) => `${median(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;
const lines = [
  `${rounds} rounds, alternating; load average ${load0} at the start, ${load1} at the end; ms per call, median (min–max over rounds).`,
  '',
  `| case | this checkout | other checkout | this / other |`,
  '|---|---|---|---|',
];
for (const c of CASES) {
  const t = timesOf(c.label);
  lines.push(`| ${c.label} | ${fmt(t.this)} | ${fmt(t.other)} | ${(median(t.this) / median(t.other)).toFixed(2)}× |`);
}
console.log(lines.join('\n'));
