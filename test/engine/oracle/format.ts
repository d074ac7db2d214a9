/**
 * The oracle case-file format (format 1), as the shared oracle README and
 * test/fixtures/oracle/generate/README.md describe it, and a validator: a file that does not have
 * this shape is rejected with a FormatError (CLI exit 2) instead of producing confusing per-case failures.
 */

export type OracleDtype = 'float64' | 'float32' | 'int32' | 'int64' | 'bool';

/** A data element: numbers, booleans, and NaN/Infinity written as strings (JSON has no NaN). */
export type DataElement = number | boolean | 'nan' | 'inf' | '-inf';

export interface TensorSpec {
  shape: number[];
  dtype?: OracleDtype;
  data: DataElement[];
  requires_grad?: boolean;
}

/** One step argument: a value name, a Python number literal, or None. */
export type StepArg = string | number | null;

export type KwargValue = number | boolean | string | null | number[] | string[] | Array<IndexEntry>;

/** A Python list used as an index: integers or booleans, nested. */
export type IndexListEntry = ReadonlyArray<number | boolean | IndexListEntry>;

/**
 * getitem index entry: an int, Python's start:stop:step (null for an omitted part), null (None),
 * "..." (Ellipsis), a Python bool, a named index tensor, or a Python list.
 */
export type IndexEntry =
  | number | boolean | null | '...' | IndexListEntry
  | { slice: [number | null, number | null, number | null] }
  | { tensor: string };

export interface Step {
  op: string;
  args: StepArg[];
  kwargs?: Record<string, KwargValue>;
  /** A name, or for `grad` a list of names; absent for backward / zero_grad / retain_grad. */
  out?: string | string[];
  no_grad?: boolean;
  /** The step must raise (expected.error holds torch's message); the case ends there. */
  raises?: boolean;
  /** A `grad` step whose results' grad_fn and next_functions are compared exactly (else informational). */
  checked_graph?: boolean;
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

export interface ExpectedTensor {
  shape: number[];
  /** Present in fixtures written by generate/oracle.py with expected_dtypes. */
  dtype?: OracleDtype;
  data: DataElement[];
}

/** What torch raised at a step marked `raises`. */
export interface ExpectedError {
  step: number;
  type: string;
  message: string;
}

export type NextPair = [string | null, string | null];

export interface Expected {
  values: Record<string, ExpectedTensor>;
  grads: Record<string, ExpectedTensor | null>;
  grad_fn: Record<string, string | null>;
  next_functions: Record<string, NextPair[]>;
  requires_grad: Record<string, boolean>;
  error?: ExpectedError;
}

export interface OracleCase {
  id: string;
  tags: string[];
  inputs: Record<string, TensorSpec>;
  program: Step[];
  output: string | null;
  grad_output?: TensorSpec;
  expected: Expected;
  tolerance?: Tolerance;
}

export interface CaseFile {
  format: number;
  dtype?: string;
  default_tolerance?: Tolerance;
  cases: OracleCase[];
}

export class FormatError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function need(cond: boolean, where: string, what: string): void {
  if (!cond) throw new FormatError(`${where}: ${what}`);
}

const NON_FINITE: Readonly<Record<string, number>> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** A data element as a number or boolean ("nan"/"inf"/"-inf" become NaN/±Infinity). */
export function decodeElement(v: DataElement): number | boolean {
  return typeof v === 'string' ? NON_FINITE[v] : v;
}

function checkTensor(v: unknown, where: string): void {
  need(isObject(v), where, 'expected a tensor object');
  const t = v as Record<string, unknown>;
  need(Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d) && (d as number) >= 0), where, 'shape must be a list of non-negative ints');
  need(Array.isArray(t.data), where, 'data must be a flat list');
  const bad = (t.data as unknown[]).find((x) => typeof x !== 'number' && typeof x !== 'boolean' && !(typeof x === 'string' && x in NON_FINITE));
  need(bad === undefined, where, `data element ${JSON.stringify(bad)} is not a number, a boolean, "nan", "inf" or "-inf"`);
  const numel = (t.shape as number[]).reduce((a, b) => a * b, 1);
  need((t.data as unknown[]).length === numel, where, `data has ${(t.data as unknown[]).length} elements, shape needs ${numel}`);
}

function checkStep(s: unknown, where: string): void {
  need(isObject(s), where, 'a step must be an object');
  const step = s as Record<string, unknown>;
  need(typeof step.op === 'string', where, 'step.op must be a string');
  need(Array.isArray(step.args), where, 'step.args must be a list');
  need(step.kwargs === undefined || isObject(step.kwargs), where, 'step.kwargs must be an object');
  need(step.out === undefined || typeof step.out === 'string' || Array.isArray(step.out), where, 'step.out must be a name or a list of names');
  need(step.raises === undefined || typeof step.raises === 'boolean', where, 'step.raises must be a boolean');
  need(step.checked_graph === undefined || (step.checked_graph === true && step.op === 'grad'), where, 'step.checked_graph must be true, on a grad step');
}

function checkCase(c: unknown, i: number): void {
  const where = `cases[${i}]`;
  need(isObject(c), where, 'a case must be an object');
  const k = c as Record<string, unknown>;
  need(typeof k.id === 'string', where, 'id must be a string');
  const at = `case ${String(k.id)}`;
  need(isObject(k.inputs), at, 'inputs must be an object');
  for (const [name, spec] of Object.entries(k.inputs as object)) checkTensor(spec, `${at} input ${name}`);
  need(Array.isArray(k.program), at, 'program must be a list');
  (k.program as unknown[]).forEach((s, j) => checkStep(s, `${at} step ${j}`));
  need(k.output === null || typeof k.output === 'string', at, 'output must be a name or null');
  if (k.grad_output !== undefined) checkTensor(k.grad_output, `${at} grad_output`);
  need(isObject(k.expected), at, 'expected must be an object');
  const e = k.expected as Record<string, unknown>;
  for (const field of ['values', 'grads', 'grad_fn', 'next_functions', 'requires_grad']) {
    need(isObject(e[field]), at, `expected.${field} must be an object`);
  }
  for (const [name, t] of Object.entries(e.values as object)) checkTensor(t, `${at} expected value ${name}`);
  if (e.error !== undefined) {
    const err = e.error as Record<string, unknown>;
    need(isObject(err) && Number.isInteger(err.step) && typeof err.message === 'string', at, 'expected.error must be {step, type, message}');
    const step = (k.program as Record<string, unknown>[])[err.step as number];
    need(step !== undefined && step.raises === true, at, `expected.error names step ${String(err.step)}, which is not marked "raises"`);
  }
}

/** Validate parsed JSON as a case file; throws FormatError naming the first problem. */
export function parseCaseFile(json: unknown): CaseFile {
  need(isObject(json), 'file', 'expected a JSON object');
  const f = json as Record<string, unknown>;
  need(f.format === 1, 'file', `unsupported format ${JSON.stringify(f.format)} (expected 1)`);
  need(Array.isArray(f.cases), 'file', 'cases must be a list');
  (f.cases as unknown[]).forEach(checkCase);
  return json as CaseFile;
}
