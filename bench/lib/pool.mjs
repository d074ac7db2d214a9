// @ts-check
// Pools the records of several rounds: one record per engine × case, its samples from every round
// (the median is taken over all of them); an error in any round stands; "skipped" only if never run.
import { median } from './timing.mjs';

/** @typedef {import('./types.js').BenchRecord} BenchRecord */
/** @typedef {import('./types.js').CaseRecord} CaseRecord */

/** @param {CaseRecord} r */
const caseKey = (r) => `${r.engine}|${r.workload}|${r.mode}|${r.size}`;

/** @param {readonly BenchRecord[]} records @returns {BenchRecord[]} */
export function poolRounds(records) {
  /** @type {BenchRecord[]} */
  const out = [];
  /** @type {Map<string, CaseRecord[]>} */
  const cases = new Map();
  /** @type {Set<string>} */
  const infos = new Set();
  for (const r of records) {
    if (r.roundSkipped) continue;
    if (r.kind === 'info') {
      if (!infos.has(r.engine)) out.push(r);
      infos.add(r.engine);
    } else if (r.kind === 'case') {
      const k = caseKey(r);
      if (!cases.has(k)) cases.set(k, []);
      /** @type {CaseRecord[]} */ (cases.get(k)).push(r);
    } else out.push(r);
  }
  for (const group of cases.values()) out.push(poolCase(group));
  return out;
}

/** One record of a case from its rounds' records. @param {CaseRecord[]} group @returns {CaseRecord} */
function poolCase(group) {
  const failed = group.find((r) => r.error);
  if (failed) return failed;
  const measured = group.filter((r) => r.samplesMs);
  if (!measured.length) return group[0];
  const samplesMs = measured.flatMap((r) => /** @type {number[]} */ (r.samplesMs));
  return { ...measured[0], samplesMs, medianMs: median(samplesMs), rounds: measured.length };
}
