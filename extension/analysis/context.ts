/**
 * The state of one analysis run: budgets, diagnostics, captured logs, bindings and what the engine
 * reported. Created per `analyze` call; nothing here outlives the run.
 */
import type ts from 'typescript';
import type { Diagnostic, DiagnosticCode, LogEntry, RelatedLocation, Severity, SourceRange } from './trace';
import type { BindingRecorder } from './bindings';
import type { TensorRegistry } from './registry';
import type { BackwardCapture } from './backward';
import type { Evaluator } from './evaluator';
import { SnapshotTable } from './snapshot-table';
import { Explainer } from './explain/state';
import type { Tensor } from '../../engine';
import { ErrorValue, Thrown, type Unknown } from './values';
import { chargeCompute } from '../../engine/limits';
import { BudgetError } from '../../engine/errors';
import { count, raiseHint } from './budget-names';
import { BudgetExceeded, MAX_LOG_CHARS, type ResolvedOptions } from './run-limits';
import { rangeOf } from './source-range';
import { enclosingLoop, innermostLoop, type GroupFrame } from './groups';

export { count } from './budget-names';

const MAX_LOGS = 1000;
/** How often (in steps) `tick` reads the clock: ~1 ms of interpretation, so the check costs nothing. */
const CLOCK_EVERY = 1024;
/** Work units (a builtin's items read or built) from which a single step reads the clock as well. */
const CLOCK_WORK = 10_000;

export class RunContext {
  steps = 0;
  depth = 0;
  readonly diagnostics: Diagnostic[] = [];
  readonly logs: LogEntry[] = [];
  readonly groups: GroupFrame[] = [];
  readonly groupStack: GroupFrame[] = [];
  private readonly seenDiagnostics = new Set<string>();
  private groupCounter = 0;
  /** What the backward-pass debugger remembers (origins of NaN/Inf, cuts, in-place ops, freed graphs). */
  readonly explain = new Explainer();
  /** Offsets where syntax errors start (set once the file is parsed). */
  syntaxErrorStarts: readonly number[] = [];
  /** How many `try` statements with a `catch` clause are running: an error raised inside one is thrown to it. */
  catching = 0;
  /** Per running try-with-catch, the first unknown met inside it: the real run may have thrown there (statements.ts). */
  readonly tryTaint: (Unknown | undefined)[] = [];
  /** Return value of the function being left by a `return` statement. */
  returnValue: unknown = undefined;
  /** Some object was poisoned (havoc.ts): reads must check (a file that never skips code pays nothing). */
  poisoning = false;
  /** Mutable values that code the analysis skipped referred to: a change through an unknown value may reach them. */
  readonly escaped = new Set<object>();
  /** Skipped code held a return, break or continue: the code around it must not assume it ran on (statements.ts). */
  maybeExit: { kind: 'return' | 'break' | 'continue'; why: Unknown } | undefined;
  /** Set when a random draw may have happened unseen: later draws are unknown until `manualSeed`. */
  randomUnknown: Unknown | undefined;
  /** Tensors whose values skipped code may have changed (a backward through a graph that saved one is not run). */
  readonly poisonedTensors = new Set<Tensor>();
  /** Set when a backward() may have run unseen: every `.grad` is unknown from then on, but those set again since. */
  private gradsUnknownSince: Unknown | undefined;
  private gradsKnownAgain = new WeakSet<Tensor>();
  private readonly gradUnknownOf = new WeakMap<Tensor, Unknown>();
  /** The node of the last step: the deepest place reached when the stack runs out, or where an internal error struck. */
  last: ts.Node | undefined;
  /**
   * Where the run is, for a host that may lose the run (a worker killed out of memory): [pos, end] of the
   * last step's node, written every step (two stores). Optional.
   */
  progress: Int32Array | undefined;
  /** performance.now() after which the run stops (maxTimeMs from the start). */
  private readonly deadline: number;

  constructor(
    readonly sf: ts.SourceFile,
    readonly options: ResolvedOptions,
    readonly recorder: BindingRecorder,
    readonly registry: TensorRegistry,
    readonly backward: BackwardCapture,
    /** How handlers reach the rest of the interpreter (dispatch.ts). */
    readonly evaluator: Evaluator,
    /** The live analyzer's previous run's table (trace forms this run may reuse). */
    previousSnapshots?: SnapshotTable,
  ) {
    this.snapshots = new SnapshotTable(options.dataCap, previousSnapshots);
    this.deadline = performance.now() + options.maxTimeMs;
  }

  /** Trace forms of snapshots, printed once per distinct content. */
  readonly snapshots: SnapshotTable;

  /** A backward() may have run unseen (skipped code, an unknown tensor): no `.grad` is known from here on. */
  gradsUnknown(why: Unknown): void {
    this.gradsUnknownSince = why;
    this.gradsUnknownAt = this.steps;
    this.gradsKnownAgain = new WeakSet();
  }

  /** The step count when a backward last may have run unseen (-1: never), and why. */
  gradsUnknownAt = -1;
  get lastUnseenBackward(): Unknown | undefined {
    return this.gradsUnknownSince;
  }

  /** `t.grad` was set or cleared since (zeroGrad, `grad = null`, an assignment): known again, or unknown for `why`. */
  gradSet(t: Tensor, why?: Unknown): void {
    if (why) {
      this.gradUnknownOf.set(t, why);
      return;
    }
    this.gradUnknownOf.delete(t);
    if (this.gradsUnknownSince) this.gradsKnownAgain.add(t);
  }

  /** Why `t.grad` is not known here, if it is not. */
  gradUnknown(t: Tensor): Unknown | undefined {
    const own = this.gradUnknownOf.get(t);
    if (own) return own;
    return this.gradsUnknownSince && !this.gradsKnownAgain.has(t) ? this.gradsUnknownSince : undefined;
  }

  /**
   * One interpreter step; every statement and expression costs one, so every loop is bounded. Also the
   * wall-clock backstop (read every CLOCK_EVERY steps), and where the run is (`last`, `progress`).
   */
  tick(node: ts.Node): void {
    this.last = node;
    const p = this.progress;
    if (p !== undefined) {
      p[0] = node.pos;
      p[1] = node.end;
    }
    if (++this.steps > this.options.maxSteps) throw new BudgetExceeded(this.stepsMessage(node), rangeOf(this.sf, node));
    if (this.steps % CLOCK_EVERY === 0) this.checkClock(node);
  }

  private checkClock(node: ts.Node): void {
    if (performance.now() > this.deadline) {
      throw new BudgetExceeded(
        `Time budget of ${count(this.options.maxTimeMs)} ms used up here (after ${count(this.steps)} steps); analysis stopped. ${raiseHint('maxTimeMs')}`,
        rangeOf(this.sf, node),
      );
    }
  }

  /** The step budget's message: "an endless loop?" only when a loop is running. */
  private stepsMessage(node: ts.Node): string {
    const used = `Step budget of ${count(this.options.maxSteps)} steps used up`;
    const loop = innermostLoop(this.groupStack) ?? enclosingLoop(this.sf, node);
    const where = loop
      ? `${used} in the loop at line ${this.line(loop)} (an endless loop?)`
      : `${used} here (each statement and expression is a step; this file needs more)`;
    return `${where}; analysis stopped. ${raiseHint('maxSteps')}`;
  }

  /**
   * Charges work the interpreter does for the file (building a long string, formatting a large value) to
   * the run's compute budget, before doing it; a run that cannot afford it stops here with a diagnostic.
   */
  chargeCompute(node: ts.Node, cost: number, what: string): void {
    // a step that does this much work reads the clock too: 1,024 such steps would overshoot the time budget
    if (cost >= CLOCK_WORK) this.checkClock(node);
    try {
      chargeCompute(what, cost);
    } catch (e) {
      if (!(e instanceof BudgetError)) throw e;
      throw new BudgetExceeded(
        `Compute budget of ${count(e.limit)} units used up: ${what} needs ${count(cost)} more; analysis stopped. ${raiseHint('maxCompute')}`,
        this.range(node),
      );
    }
  }

  /** A node's range, computed once per run (graph nodes, groups and uses ask again for the same nodes). */
  range(node: ts.Node): SourceRange {
    let r = this.ranges.get(node);
    if (r === undefined) this.ranges.set(node, (r = rangeOf(this.sf, node)));
    return r;
  }

  private readonly ranges = new Map<ts.Node, SourceRange>();

  /** The 1-based line where a node starts (a backward step's line: thousands per run, so no range object). */
  line(node: ts.Node): number {
    return this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line + 1;
  }

  /** Adds a diagnostic (once per code, range and message); returns it, or undefined when it was already given. */
  report(node: ts.Node | SourceRange, severity: Severity, code: DiagnosticCode, message: string, related?: RelatedLocation[]): Diagnostic | undefined {
    const r = 'kind' in node ? this.range(node) : node;
    const key = `${code}:${r.line}:${r.column}:${r.endLine}:${r.endColumn}:${message}`;
    if (this.seenDiagnostics.has(key)) return undefined;
    this.seenDiagnostics.add(key);
    const d: Diagnostic = { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, severity, code, message };
    if (related && related.length > 0) d.related = related;
    this.diagnostics.push(d);
    return d;
  }

  /**
   * An error the real run throws here (`name: message`): inside a try with a catch clause it is thrown
   * to that clause; elsewhere it is a diagnostic (`text`, default "name: message") and the run goes on.
   */
  raise(node: ts.Node, name: string, message: string, code: DiagnosticCode = 'runtime', text = `${name}: ${message}`, source?: object, related?: RelatedLocation[]): void {
    if (this.catching > 0) {
      this.report(node, 'info', code, `${text} (thrown here; a catch clause handles it)`, related);
      throw new Thrown(new ErrorValue(name, message, source), node);
    }
    this.report(node, 'error', code, text, related);
  }

  /** An unknown value met inside a try with a catch clause: the real run may have thrown there. */
  taint(why: Unknown): void {
    const k = this.tryTaint.length - 1;
    if (k >= 0 && this.tryTaint[k] === undefined) this.tryTaint[k] = why;
  }

  unsupported(node: ts.Node, what: string): void {
    this.report(node, 'warning', 'unsupported', `${what}: not evaluated here`);
  }

  /**
   * Captured console output, cut after MAX_LOGS lines (a loop that prints each step stays small). The text
   * may be given as a function: it is then not made at all once the output is full.
   */
  log(node: ts.Node, text: string | (() => string)): void {
    if (this.logs.length >= MAX_LOGS) {
      this.report(node, 'info', 'runtime', `console output after ${MAX_LOGS} lines is not kept`);
      return;
    }
    const s = typeof text === 'string' ? text : text();
    const r = this.range(node);
    this.logs.push({ line: r.line, column: r.column, text: s.length > MAX_LOG_CHARS ? `${s.slice(0, MAX_LOG_CHARS)}…` : s });
  }

  pushGroup(kind: 'loop' | 'call', what: string | number, node: ts.Node): void {
    this.groupStack.push({ id: undefined, kind, what, parent: this.groupStack[this.groupStack.length - 1], node });
  }

  popGroup(): void {
    this.groupStack.pop();
  }

  /** The id of the innermost running group, giving it (and its parents) an id on first use. */
  currentGroup(): string | undefined {
    const top = this.groupStack[this.groupStack.length - 1];
    return top ? this.materialize(top) : undefined;
  }

  private materialize(g: GroupFrame): string {
    if (g.id === undefined) {
      if (g.parent) this.materialize(g.parent);
      g.id = `g${this.groupCounter++}`;
      this.groups.push(g);
    }
    return g.id;
  }
}

