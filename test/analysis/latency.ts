/**
 * Edit → trace latency (BENCHMARKS.md, W5), measured, not asserted: `node out/test/analysis/latency.js`.
 * Replays small edits on examples/workbench.ts (about 250 lines) and on a 3,000-line file made of
 * copies of it, with the incremental analyzer the editor uses, and prints p50/p95 wall times.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze, createAnalyzer } from '../../extension/analysis';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/** The source with the k-th edit applied: a digit typed into a trailing comment. */
function edited(source: string, k: number): string {
  return `${source}\n// edit ${k}\n`;
}

function measure(label: string, source: string, runs: number): void {
  const live = createAnalyzer();
  for (let k = 0; k < 30; k++) live.analyze(edited(source, k));
  const times: number[] = [];
  let steps = 0;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const trace = live.analyze(edited(source, k));
    times.push(performance.now() - t0);
    steps = trace.stats?.steps ?? 0;
  }
  const lines = source.split('\n').length;
  console.log(`${label}: ${lines} lines, ${steps} steps: p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms (${runs} edits)`);
}

function bigFile(source: string, copies: number): string {
  const lines = source.split('\n');
  const imports: string[] = [];
  let i = 0;
  for (; i < lines.length && !lines[i].startsWith('manualSeed'); i++) imports.push(lines[i]);
  const body = lines.slice(i).join('\n');
  return imports.join('\n') + '\n' + Array.from({ length: copies }, () => `{\n${body}\n}`).join('\n');
}

const workbench = fs.readFileSync(path.join(ROOT, 'examples', 'workbench.ts'), 'utf8');
measure('workbench.ts', workbench, 100);
measure('12 x workbench', bigFile(workbench, 12), 20);
for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((x) => x.endsWith('.ts')).sort()) {
  const src = fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8');
  for (let k = 0; k < 5; k++) analyze(src);
  const times = Array.from({ length: 30 }, () => {
    const t0 = performance.now();
    analyze(src);
    return performance.now() - t0;
  });
  console.log(`  ${f}: p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms`);
}
