// @ts-check
// The issue's targets, evaluated against one run's records. Each target reads the measured
// figure and says met / not met with the numbers, or "not measured".
import { figure } from './report.mjs';

/** @typedef {import('./types.js').CaseRecord} CaseRecord */
/** @typedef {import('./types.js').CaseRow} CaseRow */
/** @typedef {import('./types.js').SteadyResult} SteadyResult */

/** @param {Map<string, CaseRow>} byKey @param {string} w @param {string} mode @param {number} size @returns {CaseRow} */
const pick = (byKey, w, mode, size) => byKey.get(`${w}|${mode}|${size}`) ?? {};

/**
 * The q-quantile of a record's samples. On a shared machine a plain loop's time is often bimodal (the
 * other core busy or not), so a median ratio can swing by a third between runs; the fast quartile of
 * each engine's samples, shown beside the verdict (which stays on medians), is steadier.
 * @param {CaseRecord} rec @param {number} q
 */
function quantileMs(rec, q) {
  const s = [...(rec.samplesMs ?? [rec.medianMs])].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
}

/** @param {CaseRecord} g @param {CaseRecord} b */
function spread(g, b) {
  return `; fast-quartile ratio ${(quantileMs(g, 0.25) / quantileMs(b, 0.25)).toFixed(2)}×, gradlens samples ${fmtMs(quantileMs(g, 0))}–${fmtMs(quantileMs(g, 1))}, baseline ${fmtMs(quantileMs(b, 0))}–${fmtMs(quantileMs(b, 1))}`;
}

/** @param {string} title @param {CaseRow} e @param {number} limit */
function ratioTarget(title, e, limit) {
  const g = e.gradlens, b = e.baseline;
  if (!g?.medianMs || !b?.medianMs) return `- ${title}: not measured${g?.error ? ` (gradlens: ${g.error})` : ''}`;
  const r = g.medianMs / b.medianMs;
  return `- ${r <= limit ? 'MET' : 'NOT MET'} — ${title}: gradlens ${r.toFixed(2)}× the baseline (target ≤ ${limit}×${spread(g, b)})`;
}

/**
 * Median of the steady-loop step times of one engine × workload (both runs' steps pooled).
 * @param {readonly SteadyResult[]} steady @param {string} engine @param {string} workload @returns {number | null}
 */
export function steadyMedian(steady, engine, workload) {
  const ms = steady.filter((r) => r.kind === 'steady' && r.engine === engine && r.workload === workload).flatMap((r) => /** @type {import('./types.js').SteadyRecord} */ (r).ms);
  if (!ms.length) return null;
  const s = [...ms].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** @param {readonly SteadyResult[]} steady @param {string} workload @param {number} limit */
function steadyTarget(steady, workload, limit) {
  const g = steadyMedian(steady, 'gradlens', workload), b = steadyMedian(steady, 'baseline', workload);
  const title = `${workload} forward+backward, steady loop (median of every consecutive step)`;
  if (g === null || b === null) return `- ${title}: not measured`;
  const r = g / b;
  return `- ${r <= limit ? 'MET' : 'NOT MET'} — ${title}: gradlens ${r.toFixed(2)}× the baseline (target ≤ ${limit}×; ${fmtMs(g)} vs ${fmtMs(b)})`;
}

/**
 * @param {Map<string, CaseRow>} byKey @param {readonly import('./types.js').W5Record[]} w5 analyzer records
 * @param {readonly SteadyResult[]} [steady] steady-loop records
 * @returns {string[]}
 */
export function evaluateTargets(byKey, w5, steady = []) {
  const out = [];
  out.push(ratioTarget('W1 forward+backward', pick(byKey, 'W1', 'fwdbwd', 1e6), 1.3));
  out.push(steadyTarget(steady, 'W1', 1.3));
  const w2 = pick(byKey, 'W2', 'fwdbwd', 256);
  if (w2.gradlens?.medianMs && w2.baseline?.medianMs) {
    const gf = figure(w2.gradlens).value, r = w2.gradlens.medianMs / w2.baseline.medianMs;
    const ok = gf >= 5 && r <= 1.1;
    out.push(`- ${ok ? 'MET' : 'NOT MET'} — W2 matmul forward+backward n=256: gradlens ${gf.toFixed(2)} GFLOP/s (target ≥ 5), ${r.toFixed(2)}× the baseline (target ≤ 1.1×)`);
  } else out.push('- W2 matmul forward+backward n=256: not measured');
  out.push(ratioTarget('W3 training step forward+backward', pick(byKey, 'W3', 'fwdbwd', 64), 1.2));
  out.push(steadyTarget(steady, 'W3', 1.2));
  const w4 = pick(byKey, 'W4', 'fwdbwd', 10_000).gradlens;
  if (w4?.medianMs) {
    out.push(`- ${w4.medianMs < 1 ? 'MET' : 'NOT MET'} — W4 10,000 nodes forward+backward: gradlens ${w4.medianMs.toFixed(3)} ms (target < 1 ms; fast quartile ${quantileMs(w4, 0.25).toFixed(3)} ms, samples ${quantileMs(w4, 0).toFixed(3)}–${quantileMs(w4, 1).toFixed(3)} ms)`);
  } else out.push(`- W4 10,000 nodes forward+backward: not measured${w4?.error ? ` (${w4.error})` : ''}`);
  const big = pick(byKey, 'W4', 'fwdbwd', 1_000_000).gradlens;
  out.push(big?.medianMs ? `- MET — W4 1,000,000 nodes forward+backward completes (${fmtMs(big.medianMs)})`
    : `- ${big ? 'NOT MET' : 'not measured'} — W4 1,000,000 nodes forward+backward completes${big?.error ? `: ${big.error}` : ''}`);
  for (const [lines, limit] of [[300, 10], [3000, 100]]) {
    const r = w5.find((x) => x.lines === lines);
    if (!r || r.error) out.push(`- W5 ${lines}-line file p95 < ${limit} ms: not measured${r?.error ? ` (${r.error})` : ''}`);
    else out.push(`- ${r.liveP95Ms < limit ? 'MET' : 'NOT MET'} — W5 ${lines}-line file: p95 ${r.liveP95Ms.toFixed(2)} ms from edit to trace on the editor's incremental path (${r.p95Ms.toFixed(2)} ms stateless${typeof r.workerP95Ms === 'number' ? `, ${r.workerP95Ms.toFixed(2)} ms in the editor's worker` : ''}; target < ${limit} ms)`);
  }
  return out;
}

/** @param {number} ms */
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
