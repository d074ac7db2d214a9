// @ts-check
// Timing: warm-up, then samples of a calibrated number of runs each (so a sample of a
// microsecond-sized case is still milliseconds long), median of the per-run times.
import { performance } from 'node:perf_hooks';

/** @typedef {import('./types.js').TimingPlan} TimingPlan */

export const FULL_PLAN = { warmup: 3, samples: 9, minSampleMs: 20, budgetMs: 12_000 };
export const QUICK_PLAN = { warmup: 1, samples: 3, minSampleMs: 5, budgetMs: 3_000 };

/** @param {readonly number[]} xs @returns {number} */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times `run` (one unit of work per call); the caller has already made one (correctness) call.
 * Calibration doubles the calls per sample until a sample lasts minSampleMs (this also warms up);
 * a case slower than half its budget keeps its calibration call as its only sample.
 * @param {() => void} run
 * @param {TimingPlan} plan
 * @returns {import('./types.js').Timing}
 */
export function measure(run, plan) {
  let inner = 1, spent = 0, last = 0;
  for (;;) {
    last = timeCalls(run, inner);
    spent += last;
    if (last >= plan.minSampleMs) break;
    if (spent > plan.budgetMs / 4) break;
    inner *= 2;
  }
  const perRun = last / inner;
  if (perRun * inner > plan.budgetMs / 2) return { medianMs: perRun, samplesMs: [perRun], inner, warmup: 0 };
  const fit = Math.floor((plan.budgetMs - spent) / (perRun * inner));
  const samples = Math.max(1, Math.min(plan.samples, fit - plan.warmup));
  for (let i = 0; i < plan.warmup && i < fit - samples; i++) timeCalls(run, inner);
  const times = [];
  for (let s = 0; s < samples; s++) times.push(timeCalls(run, inner) / inner);
  return { medianMs: median(times), samplesMs: times, inner, warmup: plan.warmup };
}

/** Milliseconds that `count` calls of `run` take. @param {() => void} run @param {number} count */
function timeCalls(run, count) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) run();
  return performance.now() - t0;
}
