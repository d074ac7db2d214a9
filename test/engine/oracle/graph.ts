/**
 * grad_fn / next_functions comparison. Accepted differences, counted as passes and reported as
 * deviations: ViewBackward0 where torch 1.13 records ReshapeAliasBackward0 (newer torch records
 * ViewBackward0), and the graph of values made by a `grad` step, which the README calls
 * informational (it comes from torch's internal backward formulas).
 */
import { Tensor } from '../../../engine/index';
import type { NextPair, OracleCase } from './format';
import type { Mismatch } from './runner';

type Env = ReadonlyMap<string, Tensor | null>;

/** The engine's grad function objects as the runner sees them (AccumulateGrad carries its leaf). */
interface GradFnLike {
  readonly name: string;
  readonly nextFunctions: ReadonlyArray<readonly [GradFnLike | null, number]>;
}

const ALIASES: Readonly<Record<string, string>> = { ReshapeAliasBackward0: 'ViewBackward0' };

type NameMatch = 'same' | 'alias' | 'different';

function matchName(expected: string | null, actual: string | null): NameMatch {
  if (expected === actual) return 'same';
  if (expected !== null && ALIASES[expected] === actual) return 'alias';
  return 'different';
}

/** The program name a next_functions entry points to: the leaf of an AccumulateGrad, or the value whose grad_fn it is. */
function refOf(fn: GradFnLike | null, env: Env): string | null {
  if (fn === null) return null;
  const leaf = (fn as { variable?: unknown }).variable;
  for (const [name, t] of env) {
    if (!(t instanceof Tensor)) continue;
    if (fn.name === 'AccumulateGrad' ? t === leaf : t.gradFn === fn) return name;
  }
  return null;
}

function fmtPairs(pairs: readonly NextPair[]): string {
  return `[${pairs.map(([c, r]) => `[${c ?? 'null'}, ${r ?? 'null'}]`).join(', ')}]`;
}

function actualPairs(t: Tensor, env: Env): NextPair[] {
  const fn = t.gradFn as GradFnLike | null;
  if (fn === null) return [];
  return fn.nextFunctions.map(([f]) => [f?.name ?? null, refOf(f, env)]);
}

/** 'same' | 'alias' (a deviation) | 'different' for two next_functions lists. */
function matchPairs(expected: readonly NextPair[], actual: readonly NextPair[]): NameMatch {
  if (expected.length !== actual.length) return 'different';
  let result: NameMatch = 'same';
  for (let i = 0; i < expected.length; i++) {
    const m = matchName(expected[i][0], actual[i][0]);
    if (m === 'different' || expected[i][1] !== actual[i][1]) return 'different';
    if (m === 'alias') result = 'alias';
  }
  return result;
}

function record(field: 'grad_fn' | 'next_functions', name: string, m: NameMatch, exp: string, act: string,
  informational: boolean, mismatches: Mismatch[], deviations: string[]): void {
  if (m === 'same') return;
  if (m === 'alias') deviations.push(`${field} ${name}: ${act} where torch 1.13 records ${exp}`);
  else if (informational) deviations.push(`${field} ${name} (made by grad, informational): expected ${exp}, got ${act}`);
  else mismatches.push({ field, name, expected: exp, actual: act });
}

export function compareGraph(c: OracleCase, env: Env, madeByGrad: ReadonlySet<string>, mismatches: Mismatch[], deviations: string[]): void {
  for (const [name, exp] of Object.entries(c.expected.grad_fn)) {
    const t = env.get(name);
    const act = t instanceof Tensor ? (t.gradFn?.name ?? null) : null;
    record('grad_fn', name, matchName(exp, act), String(exp), String(act), madeByGrad.has(name), mismatches, deviations);
  }
  for (const [name, exp] of Object.entries(c.expected.next_functions)) {
    const t = env.get(name);
    const act = t instanceof Tensor ? actualPairs(t, env) : [];
    record('next_functions', name, matchPairs(exp, act), fmtPairs(exp), fmtPairs(act), madeByGrad.has(name), mismatches, deviations);
  }
}
