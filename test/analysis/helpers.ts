/** Shared helpers for the analyzer tests: schema validation, binding lookup, and running code for real. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as esbuild from 'esbuild';
import { analyze } from '../../extension/analysis';
import type { AnalyzeOptions, Binding, Trace } from '../../extension/analysis/trace';

/** The repository root (tests run from out/test/analysis). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

const schema: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', 'analysis', 'trace.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema as object);

/** Fails unless `trace` matches the JSON Schema and survives a JSON round trip unchanged. */
export function assertValidTrace(trace: Trace): void {
  if (!validate(trace)) assert.fail(`trace does not match the schema: ${ajv.errorsText(validate.errors)}`);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(trace)), trace, 'trace is not plain JSON');
}

export function analyzeChecked(source: string, options?: AnalyzeOptions): Trace {
  const trace = analyze(source, options);
  assertValidTrace(trace);
  return trace;
}

/** The binding named `name` (the last one, or the one at `line`). */
export function binding(trace: Trace, name: string, line?: number): Binding {
  const all = trace.bindings.filter((b) => b.name === name && (line === undefined || b.line === line));
  const b = all[all.length - 1];
  if (!b) assert.fail(`no binding '${name}'${line ? ` at line ${line}` : ''}; have ${trace.bindings.map((x) => `${x.name}@${x.line}`).join(', ')}`);
  return b;
}

/** The scalar value of a snapshot (numbers), failing on anything else. */
export function scalar(s: Binding['value']): number {
  if (!s || s.data.length !== 1 || typeof s.data[0] !== 'number') assert.fail(`not a finite scalar: ${JSON.stringify(s)}`);
  return s.data[0];
}

/** Snapshot data (numbers or their JSON strings) element by element against expected numbers (1e-6 relative and absolute). */
export function closeElements(a: readonly unknown[], e: ArrayLike<number>, what: string): void {
  assert.strictEqual(a.length, e.length, what);
  for (let i = 0; i < e.length; i++) assert.ok(Math.abs(Number(a[i]) - e[i]) <= 1e-6 + 1e-6 * Math.abs(e[i]), `${what}[${i}]: ${String(a[i])} vs ${e[i]}`);
}

export function near(actual: number, expected: number, tol = 1e-6, what = 'value'): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}

export function logTexts(trace: Trace): string[] {
  return trace.logs.map((l) => l.text);
}

export function errors(trace: Trace): Trace['diagnostics'] {
  return trace.diagnostics.filter((d) => d.severity === 'error');
}

/** Bundle TypeScript with `gradlens` resolved to the engine sources (what a user's build would do). */
export async function bundle(source: string, sourcefile = 'sample.ts'): Promise<string> {
  const engineEntry = path.join(ROOT, 'engine', 'index.ts');
  const result = await esbuild.build({
    stdin: { contents: source, loader: 'ts', resolveDir: ROOT, sourcefile },
    bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', keepNames: true,
    plugins: [{
      name: 'gradlens-engine',
      setup(build) {
        build.onResolve({ filter: /^gradlens$/ }, () => ({ path: engineEntry }));
      },
    }],
  });
  return result.outputFiles[0].text;
}

/** Run a bundled sample in this process with console.log captured (for trusted inline test code). */
export async function runInProcess(source: string): Promise<string[]> {
  const js = await bundle(source);
  const lines: string[] = [];
  const { formatWithOptions } = await import('util');
  const fakeConsole = { log: (...args: unknown[]) => lines.push(formatWithOptions({}, ...args)) };
  const run = new Function('console', 'require', 'module', 'exports', js);
  const mod = { exports: {} };
  run(fakeConsole, require, mod, mod.exports);
  return lines;
}

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
