/**
 * The analyzer's entry point: source text in, trace out (extension/analysis/README.md, docs/trace.md). Pure (the engine and the
 * TypeScript parser); never executes the file, never loads modules, never touches fs or network,
 * and never throws.
 */
import ts from 'typescript';
import { TRACE_VERSION, type AnalyzeOptions, type Diagnostic, type SourceRange, type Trace } from './trace';
import { RunContext } from './context';
import { RunEnded, DEFAULTS, type ResolvedOptions } from './run-limits';
import { rangeOfSpan } from './source-range';
import { BindingRecorder, showTargetRuns } from './bindings';
import { TensorRegistry } from './registry';
import { BackwardCapture } from './backward';
import { Scope } from './scope';
import { execProgram } from './exceptions';
import { EVALUATOR } from './dispatch';
import { syntaxErrors } from './syntax';
import { isolated } from './engine-bridge';
import { computeGradients, defaultTarget, forwardRoot, type GradResult } from './gradients';
import { buildGraph, type GraphResult } from './graph';
import { instancesOf } from './instances';
import { findUserTarget, targetFromComment } from './target';
import { reparse } from './reparse';
import { optIn } from './opt-in';
import { reportUnusedLeaves } from './explain/missing';
import type { SnapshotTable } from './snapshot-table';
import { parseWithin, isStackOverflow, type Cut } from './bounded-parse';
import { withLimits } from '../../engine';
import { usage } from '../../engine/limits';
import { checkFunctions } from './function-check';

export type { AnalyzeOptions, Trace } from './trace';

/** A setting when it is a positive number (settings come from the user's configuration), else the default. */
function positive(v: unknown, fallback: number): number {
  return typeof v === 'number' && v > 0 ? Math.floor(Math.min(v, Number.MAX_SAFE_INTEGER)) : fallback;
}

function resolve(o: AnalyzeOptions): ResolvedOptions {
  return {
    maxSteps: positive(o.maxSteps, DEFAULTS.maxSteps),
    maxElements: positive(o.maxElements, DEFAULTS.maxElements),
    maxCompute: positive(o.maxCompute, DEFAULTS.maxCompute),
    maxTimeMs: positive(o.maxTimeMs, DEFAULTS.maxTimeMs),
    maxCallDepth: DEFAULTS.maxCallDepth,
    historyCap: positive(o.historyCap, DEFAULTS.historyCap),
    dataCap: positive(o.dataCap, DEFAULTS.dataCap),
    maxGraphNodes: positive(o.maxGraphNodes, DEFAULTS.maxGraphNodes),
  };
}

export function emptyTrace(diagnostics: Diagnostic[] = []): Trace {
  return {
    version: TRACE_VERSION, bindings: [], target: null, targetLine: null, targetId: null, targetKind: null,
    graph: { nodes: [], edges: [], groups: [] }, backwardSteps: [], diagnostics, logs: [],
  };
}

/** What a host may hand a run besides its (JSON) options. */
export interface RunHooks {
  /** Shared memory the run writes [pos, end] of its current node into (RunContext.progress). */
  progress?: Int32Array;
}

export function analyze(source: string, options: AnalyzeOptions = {}, hooks: RunHooks = {}): Trace {
  return analyzeWith(source, options, parse, {}, hooks);
}

/** Analyses that remember their last parse, so an edit re-parses only the changed region. */
export interface Analyzer {
  analyze(source: string, options?: AnalyzeOptions, hooks?: RunHooks): Trace;
  /**
   * The editor's entry: as `analyze`, but undefined, with nothing evaluated, when the file neither imports
   * `gradlens` nor has a `// @gradlens` comment (opt-in.ts).
   */
  analyzeOptedIn(source: string, options?: AnalyzeOptions, hooks?: RunHooks): Trace | undefined;
}

/**
 * An analyzer for a stream of versions of one document (the editor's live loop): it keeps the last
 * SourceFile and hands the TypeScript parser only the changed spans (reparse.ts).
 */
export function createAnalyzer(): Analyzer {
  let last: ts.SourceFile | undefined;
  let kept: Kept = {};
  const incremental = (source: string, fileName: string): ts.SourceFile => {
    const sf = last && last.fileName === fileName ? reparse(last, source, (s) => parse(s, fileName)) : parse(source, fileName);
    last = sf;
    return sf;
  };
  const analyzeOne = (source: string, options: AnalyzeOptions = {}, hooks: RunHooks = {}): Trace => {
    const trace = analyzeWith(source, options, incremental, kept, hooks);
    // After an internal error the kept tree may be inconsistent: start afresh next time.
    if (trace.diagnostics.some((d) => d.message.startsWith('Internal analyzer error'))) {
      last = undefined;
      kept = {};
    }
    return trace;
  };
  return {
    analyze: analyzeOne,
    analyzeOptedIn: (source, options = {}, hooks = {}) => {
      // The same bounded, incremental parse the run then reuses (an unchanged text is not parsed again).
      const fileName = options.fileName ?? 'input.ts';
      const opted = guardedOptIn(() => parseWithin(String(source), fileName, incremental, parse).sf);
      return opted ? analyzeOne(source, options, hooks) : undefined;
    },
  };
}

/** Whether the parsed file opts in; one whose parse fails in a way not foreseen stays quiet (it may not be ours). */
function guardedOptIn(sf: () => ts.SourceFile): boolean {
  try {
    return optIn(sf()) !== undefined;
  } catch {
    return false;
  }
}

/** What a run leaves for the next one of the same analyzer: its snapshot table (trace forms by content). */
interface Kept {
  snapshots?: SnapshotTable;
}

/**
 * Without parent pointers: setting them is ~40% of a parse and the analyzer walks the tree top-down
 * (bindings.ts finds a site's statement by position). ts.updateSourceFile sets them on its first edit.
 */
export function parse(source: string, fileName: string): ts.SourceFile {
  // JSX parses only as TSX (and `<T>x` casts only as TS): the file's extension decides, as in the editor.
  const kind = /\.tsx$/i.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, false, kind);
}

type Parser = (source: string, fileName: string) => ts.SourceFile;

const TOP: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function analyzeWith(source: string, options: AnalyzeOptions, parser: Parser, kept: Kept, hooks: RunHooks): Trace {
  const t0 = performance.now();
  try {
    const trace = run(String(source), options, parser, kept, hooks);
    trace.stats = { ...(trace.stats ?? { steps: 0, elements: 0 }), timeMs: performance.now() - t0 };
    return trace;
  } catch (e) {
    // Every phase below is guarded; this is what remains (the parse failed in a way not foreseen).
    const message = `Internal analyzer error before evaluation: ${e instanceof Error ? e.message : String(e)}`;
    const trace = emptyTrace([{ ...TOP, severity: 'error', code: 'runtime', message }]);
    trace.stats = { timeMs: performance.now() - t0, steps: 0, elements: 0 };
    return trace;
  }
}

function run(source: string, options: AnalyzeOptions, parser: Parser, kept: Kept, hooks: RunHooks): Trace {
  const fileName = options.fileName ?? 'input.ts';
  const { sf, cuts } = parseWithin(source, fileName, parser, parse);
  const opts = resolve(options);
  const userTarget = options.target ?? targetFromComment(sf);
  const ctx = new RunContext(
    sf, opts, new BindingRecorder(sf, opts.historyCap, opts.dataCap), new TensorRegistry(),
    new BackwardCapture(userTarget !== undefined || !/\bbackward\b/.test(source), opts.dataCap), EVALUATOR, kept.snapshots,
  );
  ctx.progress = hooks.progress;
  kept.snapshots = ctx.snapshots;
  reportCuts(ctx, cuts);
  const syntax = syntaxErrors(sf);
  ctx.diagnostics.push(...syntax.diagnostics);
  ctx.syntaxErrorStarts = syntax.starts;
  // The compute budget is shared by the run's scopes (isolated() sets the element budget).
  return withLimits({ maxCompute: opts.maxCompute }, () => isolated(opts.maxElements, () => {
    evaluate(ctx);
    guarded(ctx, 'finding unused leaves', () => reportUnusedLeaves(ctx), undefined);
    const user = userTarget ? findUserTarget(ctx, userTarget) : undefined;
    const target = user ?? defaultTarget(ctx);
    // a site that ran again after the target's backward shows the run that backward belongs to
    const pass = target?.kind === 'backward' ? ctx.backward.last : undefined;
    if (pass) guarded(ctx, 'choosing the runs shown', () => showTargetRuns(ctx.recorder, pass), undefined);
    const res = guarded(ctx, 'computing gradients', () => computeGradients(ctx, target), { target: undefined, pass: undefined, grads: new Map(), leafGrad: () => null }, target?.record?.range);
    const trace = toTrace(ctx, res);
    // last: the check runs the file's Functions again, which must not change what the trace shows
    guarded(ctx, 'checking custom Functions', () => checkFunctions(ctx), undefined);
    return trace;
  }));
}

function reportCuts(ctx: RunContext, cuts: readonly Cut[]): void {
  for (const c of cuts) {
    const lines = rangeOfSpan(ctx.sf, c.from, c.to);
    const span = lines.line === lines.endLine ? `line ${lines.line} is` : `lines ${lines.line}-${lines.endLine} are`;
    ctx.report(rangeOfSpan(ctx.sf, c.start, c.end), 'error', 'budget', `${c.reason}: ${span} not analysed`);
  }
}

function evaluate(ctx: RunContext): void {
  try {
    execProgram(ctx, ctx.sf.statements, new Scope(undefined));
  } catch (e) {
    // The deepest node the run reached: where the stack ran out, or where the analyzer failed.
    const where = ctx.last ? ctx.range(ctx.last) : TOP;
    if (e instanceof RunEnded) ctx.report(e.range, 'error', e.code, e.message);
    else if (isStackOverflow(e)) {
      ctx.report(where, 'error', 'budget', 'The JavaScript stack ran out here (expressions nested too deeply, or deep recursion); analysis stopped');
    } else {
      // A bug of the analyzer: say so where it happened, and still show what was evaluated before it.
      ctx.report(where, 'error', 'runtime', `Internal analyzer error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/**
 * A phase after evaluation that must not cost the whole trace: a failure (a bug, or a stack too deep)
 * becomes a diagnostic at `at` (else the last node evaluated) and the phase's result is `fallback`.
 */
function guarded<T>(ctx: RunContext, phase: string, fn: () => T, fallback: T, at?: SourceRange): T {
  try {
    return fn();
  } catch (e) {
    const where = at ?? (ctx.last ? ctx.range(ctx.last) : TOP);
    const why = isStackOverflow(e) ? 'the JavaScript stack ran out' : e instanceof Error ? e.message : String(e);
    ctx.report(where, 'error', 'runtime', `Internal analyzer error while ${phase}: ${why}`);
    return fallback;
  }
}

const NO_GRAPH: GraphResult = { graph: { nodes: [], edges: [], groups: [] }, steps: [], nodeIdOf: () => undefined };

function toTrace(ctx: RunContext, res: GradResult): Trace {
  const at = res.target?.record?.range;
  const { graph, steps, nodeIdOf } = guarded(ctx, 'building the graph', () => buildGraph(ctx, res, res.target ? undefined : forwardRoot(ctx)), NO_GRAPH, at);
  const instances = instancesOf(ctx, res);
  const bindings = guarded(ctx, 'recording the bindings', () => ctx.recorder.toTrace(ctx.snapshots, (r) => res.grads.get(r) ?? null, nodeIdOf, instances), []);
  const target = res.target;
  const rec = target?.record;
  return {
    version: TRACE_VERSION,
    bindings,
    target: target ? rec?.name ?? ctx.backward.last?.rootText ?? null : null,
    targetLine: target ? rec?.range.line ?? ctx.backward.last?.range?.line ?? null : null,
    targetId: rec?.id ?? null,
    targetKind: target?.kind ?? null,
    graph,
    backwardSteps: steps,
    diagnostics: ctx.diagnostics,
    logs: ctx.logs,
    stats: { timeMs: 0, steps: ctx.steps, elements: ctx.registry.elements, compute: usage().compute },
  };
}
