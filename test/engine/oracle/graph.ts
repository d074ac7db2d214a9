/**
 * grad_fn / next_functions comparison. The one accepted difference, counted as a pass and reported
 * as a deviation: the graph of values made by a `grad` step, which the README calls informational
 * (it comes from torch's internal backward formulas), unless the step is marked `checked_graph`
 * (then it is compared like any other).
 */
import type { NextPair, OracleCase } from './format';
import type { Observation } from './observe';
import type { Mismatch } from './runner';

type NameMatch = 'same' | 'different';

const matchName = (expected: string | null, actual: string | null): NameMatch => (expected === actual ? 'same' : 'different');

function fmtPairs(pairs: readonly NextPair[]): string {
  return `[${pairs.map(([c, r]) => `[${c ?? 'null'}, ${r ?? 'null'}]`).join(', ')}]`;
}

/**
 * 'same' | 'informational' | 'different' for two next_functions lists. An
 * entry pointing (same ref) to an informational value differs by name only informationally: the
 * name is that value's grad_fn.
 */
function matchPairs(expected: readonly NextPair[], actual: readonly NextPair[], informational: ReadonlySet<string>): NameMatch | 'informational' {
  if (expected.length !== actual.length) return 'different';
  let result: NameMatch | 'informational' = 'same';
  for (let i = 0; i < expected.length; i++) {
    const m = matchName(expected[i][0], actual[i][0]);
    if (expected[i][1] !== actual[i][1]) return 'different';
    if (m === 'different') {
      const ref = expected[i][1];
      if (ref === null || !informational.has(ref)) return 'different';
      result = 'informational';
    }
  }
  return result;
}

function record(field: 'grad_fn' | 'next_functions', name: string, m: NameMatch, exp: string, act: string,
  informational: boolean, mismatches: Mismatch[], deviations: string[]): void {
  if (m === 'same') return;
  if (informational) deviations.push(`${field} ${name} (made by grad, informational): expected ${exp}, got ${act}`);
  else mismatches.push({ field, name, expected: exp, actual: act });
}

export function compareGraph(c: OracleCase, observed: ReadonlyMap<string, Observation>, madeByGrad: ReadonlySet<string>, mismatches: Mismatch[], deviations: string[]): void {
  for (const [name, exp] of Object.entries(c.expected.grad_fn)) {
    const act = observed.get(name)?.gradFn ?? null;
    record('grad_fn', name, matchName(exp, act), String(exp), String(act), madeByGrad.has(name), mismatches, deviations);
  }
  for (const [name, exp] of Object.entries(c.expected.next_functions)) {
    const act = observed.get(name)?.next ?? [];
    const m = matchPairs(exp, act, madeByGrad);
    record('next_functions', name, m === 'informational' ? 'different' : m, fmtPairs(exp), fmtPairs(act), m === 'informational' || madeByGrad.has(name), mismatches, deviations);
  }
}
