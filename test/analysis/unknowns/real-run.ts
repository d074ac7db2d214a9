/**
 * Running a file for real, with probes: the value each of the trace's bindings names right after the
 * statement that made it (each time it ran), and at the end of the run its tensor's values and
 * `.grad`. `./opaque` resolves to the identity function, which the analyzer cannot see through.
 */
import * as path from 'path';
import ts from 'typescript';
import * as esbuild from 'esbuild';
import { formatWithOptions } from 'util';
import type { Binding } from '../../../extension/analysis/trace';
import { ROOT } from '../helpers';

export interface Probed {
  /** Per binding id and run of its statement: the value right after it ran (a copy), and the object itself. */
  values: Map<string, { now: unknown; object: unknown }[]>;
  logs: string[];
  /** The run threw (the probes before the throw still count). */
  error?: string;
}

/** A tensor of the bundled run's own engine (a module instance of its own, so not `instanceof` ours). */
export interface RunTensor {
  shape: readonly number[];
  dataSync(): ArrayLike<number>;
  grad: RunTensor | null;
  isLeaf: boolean;
}

export function isRunTensor(v: unknown): v is RunTensor {
  return typeof v === 'object' && v !== null && 'shape' in v && 'dtype' in v && typeof (v as { tolist?: unknown }).tolist === 'function';
}

/** A tensor's values as plain data, or the value itself. */
export function plainValue(v: unknown): unknown {
  if (isRunTensor(v)) return { shape: [...v.shape], data: Array.from(v.dataSync()) };
  return v;
}

/** The statement in a statement list that holds `pos` most closely. */
function listStatementAt(sf: ts.SourceFile, pos: number): ts.Statement | undefined {
  let found: ts.Statement | undefined;
  const visit = (n: ts.Node): void => {
    if (pos < n.getStart(sf) || pos >= n.end) return;
    if ((ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) && 'statements' in n) {
      for (const s of n.statements) if (pos >= s.getStart(sf) && pos < s.end) found = s;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** The source with a probe after the statement of each binding (bindings it cannot probe are left out). */
export function instrument(source: string, bindings: readonly Binding[]): string {
  const sf = ts.createSourceFile('probe.ts', source, ts.ScriptTarget.ES2022, true);
  const inserts: { at: number; text: string }[] = [];
  for (const b of bindings) {
    if (!/^(this\.)?[A-Za-z_$][\w$]*$/.test(b.name)) continue;
    const pos = sf.getPositionOfLineAndCharacter(b.line - 1, b.column - 1);
    const s = listStatementAt(sf, pos);
    if (!s || ts.isReturnStatement(s) || ts.isBreakOrContinueStatement(s) || ts.isThrowStatement(s)) continue;
    // a class field's initialiser or a function's body has no statement after which the name is in scope here
    if (ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s)) continue;
    // A loop header's variable is probed inside the loop, where it is in scope.
    if ((ts.isForOfStatement(s) || ts.isForStatement(s) || ts.isForInStatement(s)) && pos < s.statement.getStart(sf)) continue;
    inserts.push({ at: s.end, text: `;try{__probe(${JSON.stringify(b.id)},()=>(${b.name}))}catch{}` });
  }
  inserts.sort((a, b) => b.at - a.at);
  let out = source;
  for (const i of inserts) out = out.slice(0, i.at) + i.text + out.slice(i.at);
  return out;
}

async function bundle(source: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: source, loader: 'ts', resolveDir: ROOT, sourcefile: 'mutant.ts' },
    bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', keepNames: true,
    plugins: [{
      name: 'modules',
      setup(build) {
        build.onResolve({ filter: /^gradlens$/ }, () => ({ path: path.join(ROOT, 'engine', 'index.ts') }));
        build.onResolve({ filter: /^\.\/opaque$/ }, () => ({ path: 'opaque', namespace: 'opaque' }));
        build.onLoad({ filter: /.*/, namespace: 'opaque' }, () => ({ contents: 'export function opaque(x) { return x; }', loader: 'js' }));
      },
    }],
  });
  return result.outputFiles[0].text;
}

/** Bundle and run `source` (trusted test corpus) in this process, probing the given bindings. */
export async function runProbed(source: string, bindings: readonly Binding[]): Promise<Probed> {
  const js = await bundle(instrument(source, bindings));
  const probed: Probed = { values: new Map(), logs: [] };
  const probe = (id: string, get: () => unknown): void => {
    const object = get();
    const runs = probed.values.get(id) ?? [];
    runs.push({ now: plainValue(object), object });
    probed.values.set(id, runs);
  };
  const log = (...args: unknown[]): void => {
    probed.logs.push(formatWithOptions({}, ...args));
  };
  const fakeConsole = { log, info: log, warn: log, error: log };
  const mod = { exports: {} };
  try {
    // The corpus is this repository's own test files: running them is what this test is for.
    new Function('console', 'require', 'module', 'exports', '__probe', js)(fakeConsole, require, mod, mod.exports, probe);
  } catch (e) {
    probed.error = e instanceof Error ? e.message : String(e);
  }
  return probed;
}
