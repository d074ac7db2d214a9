/**
 * Runs oracle case files (format 1) against the engine, following the README's reference harness:
 * inputs -> program steps (ops and autograd control ops, optionally under no_grad) -> the final
 * backward -> comparison of values, grads, grad_fn names, next_functions and requires_grad, each
 * recorded when its step ran (observe.ts). A step marked `raises` must throw torch's message
 * (errors.ts); the case ends there. Written against the format only: nothing here knows case ids.
 */
import { Tensor, autograd, fromFlat, noGrad } from '../../../engine/index';
import type { CaseFile, Expected, KwargValue, OracleCase, OracleDtype, Step, TensorSpec, Tolerance } from './format';
import { decodeElement } from './format';
import { ORACLE_OPS, isOracleOp } from './ops';
import { StepError, resolveArg } from './op-args';
import type { Kwargs } from './op-args';
import { compareGraph } from './graph';
import { compareTensor } from './compare';
import { observe } from './observe';
import type { Env, Observation } from './observe';
import { actualMessage, expectedMessage } from './errors';

export type Field = 'value' | 'grad' | 'grad_fn' | 'next_functions' | 'requires_grad' | 'error';

export interface Mismatch {
  field: Field;
  /** The value or input name (or the failing step for 'error'). */
  name: string;
  expected: string;
  actual: string;
}

export interface CaseResult {
  id: string;
  /** tags[0]: the op family. */
  family: string;
  passed: boolean;
  mismatches: Mismatch[];
  /** Accepted differences (the graphs of `grad` results, informational). */
  deviations: string[];
}

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-9, atol: 1e-12 };

/** One run's state: values by name, what each was when made, and which came from a `grad` step whose graph is informational. */
interface Run {
  env: Env;
  observed: Map<string, Observation>;
  madeByGrad: Set<string>;
}

function makeTensor(spec: TensorSpec, fileDtype: OracleDtype): Tensor {
  const dtype = spec.dtype ?? fileDtype;
  return fromFlat(spec.data.map(decodeElement), spec.shape, { dtype, requiresGrad: spec.requires_grad === true });
}

function tensorNamed(name: string, env: Env): Tensor {
  const t = resolveArg(name, env);
  if (!(t instanceof Tensor)) throw new StepError(`${name} is not a tensor`);
  return t;
}

function kwargName(k: Kwargs, key: string, env: Env): Tensor {
  const v = k[key];
  if (typeof v !== 'string') throw new StepError(`grad: kwarg ${key} must be a name`);
  return tensorNamed(v, env);
}

function optBoolKw(v: KwargValue | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function outNames(step: Step): string[] {
  if (step.out === undefined) return [];
  return Array.isArray(step.out) ? step.out : [step.out];
}

/** torch.autograd.grad(of, wrt, create_graph, retain_graph): results bound to the out names. */
function runGrad(step: Step, k: Kwargs, env: Env): (Tensor | null)[] {
  const of = kwargName(k, 'of', env);
  const wrtNames = k.wrt;
  if (!Array.isArray(wrtNames) || !wrtNames.every((n) => typeof n === 'string')) throw new StepError('grad: wrt must be a list of names');
  const wrt = (wrtNames as string[]).map((n) => tensorNamed(n, env));
  const createGraph = optBoolKw(k.create_graph) ?? false;
  const retainGraph = optBoolKw(k.retain_graph) ?? createGraph;
  const gradOutputs = typeof k.grad_outputs === 'string' ? [kwargName(k, 'grad_outputs', env)] : undefined;
  const res = autograd.grad([of], wrt, { createGraph, retainGraph, gradOutputs });
  if (outNames(step).length !== res.length) throw new StepError('grad: out must name one result per wrt entry');
  return res;
}

/** Run one step; returns the values to bind to its out names. */
function runStep(step: Step, env: Env): (Tensor | null)[] {
  const k: Kwargs = step.kwargs ?? {};
  const args = step.args.map((a) => resolveArg(a, env));
  const first = (): Tensor => {
    const t = args[0];
    if (!(t instanceof Tensor)) throw new StepError(`${step.op}: argument 0 must be a tensor name`);
    return t;
  };
  switch (step.op) {
    case 'backward': {
      const g = args[1];
      first().backward(g instanceof Tensor ? g : undefined, { retainGraph: optBoolKw(k.retain_graph) ?? false });
      return [];
    }
    case 'zero_grad':
      first().zeroGrad();
      return [];
    case 'retain_grad':
      first().retainGrad();
      return [];
    case 'get_grad': {
      const g = first().grad;
      return [g === null ? null : g.detach().clone()];
    }
    case 'grad':
      return runGrad(step, k, env);
    default:
      if (!isOracleOp(step.op)) throw new StepError(`unknown op ${step.op}`);
      return [ORACLE_OPS[step.op](args, k, (n) => tensorNamed(n, env))];
  }
}

/** Runs the program; returns the step that raised (as expected: marked `raises`) and its error, or null. */
function execute(c: OracleCase, fileDtype: OracleDtype, run: Run): { step: number; error: unknown } | null {
  const { env, observed } = run;
  for (const [name, spec] of Object.entries(c.inputs)) {
    env.set(name, makeTensor(spec, fileDtype));
    observed.set(name, observe(env.get(name)!, env));
  }
  for (let i = 0; i < c.program.length; i++) {
    const step = c.program[i];
    let results: (Tensor | null)[];
    try {
      results = step.no_grad === true ? noGrad(() => runStep(step, env)) : runStep(step, env);
    } catch (e) {
      if (step.raises === true && !(e instanceof StepError)) return { step: i, error: e };
      throw new StepError(`step ${i} (${step.op}): ${e instanceof Error ? e.message : String(e)}`);
    }
    if (step.raises === true) throw new StepError(`step ${i} (${step.op}): expected torch's error, but it did not raise`);
    outNames(step).forEach((n, j) => {
      const t = results[j] ?? null;
      env.set(n, t);
      if (t !== null) observed.set(n, observe(t, env));
      if (step.op === 'grad' && step.checked_graph !== true) run.madeByGrad.add(n);
    });
  }
  if (c.output === null) return null;
  const out = env.get(c.output);
  if (!(out instanceof Tensor)) throw new StepError(`output ${c.output} is not a tensor`);
  try {
    out.backward(c.grad_output === undefined ? undefined : makeTensor(c.grad_output, fileDtype));
  } catch (e) {
    throw new StepError(`final backward: ${e instanceof Error ? e.message : String(e)}`);
  }
  return null;
}

function compareValues(expected: Expected, observed: ReadonlyMap<string, Observation>, tol: Tolerance, out: Mismatch[]): void {
  for (const [name, exp] of Object.entries(expected.values)) {
    const o = observed.get(name);
    if (o === undefined) {
      out.push({ field: 'value', name, expected: `shape [${exp.shape.join(', ')}]`, actual: 'missing' });
      continue;
    }
    const d = compareTensor(exp, o, tol);
    if (d !== null) out.push({ field: 'value', name, ...d });
  }
}

function compareGrads(expected: Expected, env: Env, tol: Tolerance, out: Mismatch[]): void {
  for (const [name, exp] of Object.entries(expected.grads)) {
    const t = env.get(name);
    const g = t instanceof Tensor ? t.grad : null;
    if (exp === null || g === null) {
      if (exp !== g) out.push({ field: 'grad', name, expected: exp === null ? 'None' : 'a gradient', actual: g === null ? 'None' : 'a gradient' });
      continue;
    }
    const d = compareTensor(exp, { shape: g.shape, dtype: g.dtype, data: g.dataSync() }, tol);
    if (d !== null) out.push({ field: 'grad', name, ...d });
  }
}

function compareRequiresGrad(expected: Expected, observed: ReadonlyMap<string, Observation>, out: Mismatch[]): void {
  for (const [name, exp] of Object.entries(expected.requires_grad)) {
    const actual = observed.get(name)?.requiresGrad ?? null;
    if (actual !== exp) out.push({ field: 'requires_grad', name, expected: String(exp), actual: String(actual) });
  }
}

/** The raised error against expected.error: the same step and torch's message (errors.ts). */
function compareError(expected: Expected, raised: { step: number; error: unknown } | null, out: Mismatch[]): void {
  const exp = expected.error;
  if (exp === undefined) return;
  if (raised === null || raised.step !== exp.step) {
    out.push({ field: 'error', name: `step ${exp.step}`, expected: `${exp.type}: ${exp.message}`, actual: raised === null ? 'no error' : `an error at step ${raised.step}` });
    return;
  }
  const want = expectedMessage(exp.message), got = actualMessage(raised.error);
  if (want !== got) out.push({ field: 'error', name: `step ${exp.step}`, expected: want, actual: got });
}

export function runCase(c: OracleCase, fileDtype: OracleDtype = 'float64', defaultTolerance: Tolerance = DEFAULT_TOLERANCE): CaseResult {
  const tol = c.tolerance ?? defaultTolerance;
  const run: Run = { env: new Map(), observed: new Map(), madeByGrad: new Set() };
  const mismatches: Mismatch[] = [];
  const deviations: string[] = [];
  try {
    const raised = execute(c, fileDtype, run);
    compareError(c.expected, raised, mismatches);
    compareValues(c.expected, run.observed, tol, mismatches);
    compareGrads(c.expected, run.env, tol, mismatches);
    compareGraph(c, run.observed, run.madeByGrad, mismatches, deviations);
    compareRequiresGrad(c.expected, run.observed, mismatches);
  } catch (e) {
    mismatches.push({ field: 'error', name: c.id, expected: c.expected.error === undefined ? 'no error' : c.expected.error.message, actual: e instanceof Error ? e.message : String(e) });
  }
  return { id: c.id, family: c.tags[0] ?? '', passed: mismatches.length === 0, mismatches, deviations };
}

export function runFile(file: CaseFile): CaseResult[] {
  const dtype: OracleDtype = file.dtype === 'float32' ? 'float32' : 'float64';
  return file.cases.map((c) => runCase(c, dtype, file.default_tolerance ?? DEFAULT_TOLERANCE));
}

/** One line per mismatch group: "id: field name expected X, got Y; ...". */
export function describeFailure(r: CaseResult): string {
  const parts = r.mismatches.map((m) => (m.field === 'error' && m.name === r.id ? `error: ${m.actual}` : `${m.field} ${m.name}: expected ${m.expected}, got ${m.actual}`));
  return `FAIL ${r.id}: ${parts.join('; ')}`;
}
