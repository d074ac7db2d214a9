// @ts-check
// Renders BENCHMARKS.md from the records of one run. Pure: records and metadata in, text out.
import { compareDigests } from './check.mjs';

/** @typedef {import('./types.js').BenchRecord} BenchRecord */
/** @typedef {import('./types.js').CaseRecord} CaseRecord */
/** @typedef {import('./types.js').CaseRow} CaseRow */
/** @typedef {import('./types.js').Mode} Mode */

export const ENGINES = /** @type {const} */ (['baseline', 'gradlens', 'tfjs-cpu', 'tfjs-wasm', 'js-pytorch']);
const PEERS = ENGINES.slice(2);
/** @type {Record<string, string>} */
const TITLES = {
  W1: 'W1 — elementwise chain `sum(tanh(a*b + c) * a)`',
  W2: 'W2 — matmul `A@B` (n×n)',
  W3: 'W3 — MLP training step (batch 64, 784 → 128 tanh → 10, softmax cross-entropy)',
  W4: 'W4 — scalar graph `x = x*1.0001 + 0.5` repeated, then `sum` (per-op overhead)',
};
/** @type {Record<Mode, string>} */
const MODE_TEXT = { fwd: 'forward', fwdbwd: 'forward+backward' };

/** @param {number} x @param {number} [digits] */
const fmt = (x, digits = 3) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toPrecision(digits));

/**
 * The figure of a case in its unit: ms, GFLOP/s or ns per node.
 * @param {CaseRecord} rec @returns {{ value: number, unit: string }}
 */
export function figure(rec) {
  switch (rec.metric) {
    case 'ms': return { value: rec.medianMs, unit: 'ms' };
    case 'gflops': return { value: rec.work / (rec.medianMs * 1e6), unit: 'GFLOP/s' };
    case 'nsPerNode': return { value: (rec.medianMs * 1e6) / rec.work, unit: 'ns/node' };
  }
  throw new Error(`figure: unknown metric ${JSON.stringify(rec.metric)}`);
}

/** @param {CaseRecord} r */
const key = (r) => `${r.workload}|${r.mode}|${r.size}`;

/** Index case records by engine and case key. @param {readonly BenchRecord[]} records @returns {Map<string, CaseRow>} */
export function indexCases(records) {
  /** @type {Map<string, CaseRow>} */
  const byKey = new Map();
  for (const r of records) {
    if (r.kind !== 'case') continue;
    if (!byKey.has(key(r))) byKey.set(key(r), {});
    /** @type {CaseRow} */ (byKey.get(key(r)))[r.engine] = r;
  }
  return byKey;
}

/** @param {CaseRecord | undefined} rec @param {CaseRecord | undefined} base */
function cell(rec, base) {
  if (!rec) return '—';
  if (rec.error) return `fails: ${rec.error}`;
  if (rec.skipped) return rec.skipped;
  const f = figure(rec);
  const ratio = base && base.medianMs ? ` (${(rec.medianMs / base.medianMs).toFixed(2)}×)` : '';
  const bad = rec.mismatch ? ' ≠' : '';
  return `${fmt(f.value)} ${f.unit}${ratio}${bad}`;
}

/** @param {string} workload @param {Map<string, CaseRow>} byKey */
function workloadTable(workload, byKey) {
  const rows = [...byKey.values()].filter((e) => Object.values(e)[0].workload === workload);
  if (!rows.length) return '';
  const lines = [`### ${TITLES[workload]}`, '', `| case | ${ENGINES.join(' | ')} |`, `|---|${ENGINES.map(() => '---').join('|')}|`];
  for (const e of rows) {
    const any = Object.values(e)[0];
    lines.push(`| ${any.label}, ${MODE_TEXT[any.mode]} | ${ENGINES.map((n) => cell(e[n], e.baseline)).join(' | ')} |`);
  }
  lines.push('', `Gradlens against each peer (peer time ÷ gradlens time; above 1 means gradlens is faster):`, '',
    `| case | ${PEERS.map((p) => `vs ${p}`).join(' | ')} |`, `|---|${PEERS.map(() => '---').join('|')}|`);
  for (const e of rows) {
    const any = Object.values(e)[0], g = e.gradlens;
    const ratios = PEERS.map((p) => (g?.medianMs && e[p]?.medianMs ? `${(e[p].medianMs / g.medianMs).toFixed(2)}` : '—'));
    lines.push(`| ${any.label}, ${MODE_TEXT[any.mode]} | ${ratios.join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Marks records whose digest differs from the baseline's; returns the lines for the check section.
 * @param {Map<string, CaseRow>} byKey @param {Record<string, import('./types.js').Dtype>} dtypes
 */
export function checkResults(byKey, dtypes) {
  /** @type {string[]} */
  const out = [];
  let compared = 0;
  for (const e of byKey.values()) {
    const ref = e.baseline?.digest;
    for (const name of ENGINES.slice(1)) {
      const r = e[name];
      if (!ref || !r?.digest) continue;
      compared++;
      const diff = compareDigests(r.digest, ref, dtypes[name] ?? 'float64');
      if (diff) {
        r.mismatch = diff;
        out.push(`- ${name}, ${r.workload} ${r.label} ${MODE_TEXT[r.mode]}: ${diff}`);
      }
    }
  }
  return { lines: out, compared };
}

/** @param {{ records: BenchRecord[], meta: import('./types.js').Meta, targets: string[], extra: string[] }} run */
export function render({ records, meta, targets, extra }) {
  const infos = Object.fromEntries(records.filter((r) => r.kind === 'info').map((r) => [r.engine, r]));
  const dtypes = Object.fromEntries(Object.entries(infos).map(([k, v]) => [k, v.dtype]));
  const byKey = indexCases(records);
  const check = checkResults(byKey, dtypes);
  const tables = ['W1', 'W2', 'W3', 'W4'].map((w) => workloadTable(w, byKey)).filter(Boolean);
  const engineLines = ENGINES.map((n) => {
    const i = infos[n];
    if (!i) return `- **${n}**: not run${meta.failures[n] ? ` (${meta.failures[n]})` : ''}`;
    return `- **${n}** ${i.version}, ${i.dtype}${i.notes?.length ? ': ' + i.notes.join('; ') : ''}`;
  });
  return [
    '# Benchmarks',
    '',
    `Generated by \`${meta.command}\` on ${meta.date}. Do not edit by hand: run the command again.`,
    '',
    '## Machine',
    '',
    `- CPU: ${meta.cpu}, ${meta.cores} cores; memory ${meta.memoryGiB} GiB; ${meta.os}`,
    `- Node ${meta.node} (V8 ${meta.v8})`,
    `- Load average (1, 5, 15 min) at the start: ${meta.load}; at the end: ${meta.loadEnd}. Other processes may share the machine: compare ratios from the same run, not absolute times across runs.`,
    '',
    '## Engines',
    '',
    ...engineLines,
    '',
    '## What the figures mean',
    '',
    '- Each engine runs each workload in its own Node process. The first call of a case is the correctness run (its result is the digest checked below); then calls are batched so a sample lasts at least ' +
      `${meta.plan.minSampleMs} ms, ${meta.plan.warmup} warm-up samples, up to ${meta.plan.samples} timed samples within a ${meta.plan.budgetMs / 1000} s budget per case. ` +
      `The whole sequence runs ${meta.rounds === 1 ? 'once' : `${meta.rounds} times, interleaved (engine order reversed every other round), each round with 1/${meta.rounds} of the budget; a case whose call took over 2 s is measured in the first round only`}; the figure is the median per call over all samples.`,
    '- **ms**: time per call. **GFLOP/s**: 2n³ floating-point operations for a forward matmul, 6n³ for forward+backward (dA = G·Bᵀ and dB = Aᵀ·G), divided by the time. **ns/node**: time divided by the number of repetitions of `x = x*1.0001 + 0.5` (each repetition records two ops, a mul and an add).',
    '- **(r×)**: the time relative to the hand-written baseline in the same run (1.00× = as fast as the limit; for GFLOP/s too it is a time ratio). **≠**: the result differs from the baseline (see the check).',
    '- forward = the forward pass with inputs that require gradients (the graph is recorded where the engine records eagerly: gradlens, js-pytorch; tfjs records only inside `tf.grads`, so its forward is plain ops). forward+backward adds the backward pass and reading every gradient. W2 forward produces the matrix; forward+backward differentiates its sum.',
    '- "not run": one call was extrapolated from the smaller size to take over 5 s (slow peers at 1,000,000 nodes), or the engine failed at a smaller size.',
    '',
    '## Targets (issue 6)',
    '',
    ...targets,
    '',
    '## Results',
    '',
    ...tables,
    ...extra,
    '## Result check',
    '',
    `${check.compared} results compared with the baseline's (float64 engines within 1e-8 relative, float32 within 3e-3): ` +
      (check.lines.length ? `${check.lines.length} differ:` : 'all agree.'),
    ...check.lines,
    '',
  ].join('\n');
}
