/** What the extension knows about one document (no `vscode` here). */
import type { Binding, SourceRange, TargetSpec, Trace } from '../analysis/trace';
import { mapLines, type LineEdit } from './line-map';

/** An error or warning shown after its line (Error Lens's habit). */
export interface Problem {
  message: string;
  severity: 'error' | 'warning';
}

/** What console.log printed on a line: the last output, and how many times it ran (a loop). */
export interface LogLine {
  text: string;
  count: number;
}

/** One annotated line (0-based): the bindings whose statements end on it, its first problem, its log. */
export interface Annotation {
  line: number;
  bindings: Binding[];
  problem?: Problem;
  log?: LogLine;
}

/** `quiet`: the file does not opt in (it neither imports `gradlens` nor has `// @gradlens`); nothing is shown. */
export type RunState = 'idle' | 'running' | 'ok' | 'errors' | 'timeout' | 'crashed' | 'quiet';

export class DocState {
  /** Newest trace, whatever it holds, and the document version it was computed from. */
  trace: Trace | undefined;
  traceVersion = -1;
  /** Annotations of the last trace that parsed, moved along with later edits. */
  annotations: Annotation[] = [];
  /**
   * True once the shown annotations have come from an older text than the document's for a while (the file
   * has not parsed for STALE_AFTER_MS: a parse error while typing a call keeps them unchanged, unmarked).
   */
  stale = false;
  /** When (performance.now()) the file stopped parsing, while it does not parse and older annotations are kept. */
  brokenSince: number | undefined;
  target: TargetSpec | undefined;
  run: RunState = 'idle';
  ms = 0;
  errors = 0;

  constructor(readonly uri: string) {}

  /**
   * Takes a new result. A trace of text that does not parse keeps the previous annotations unchanged (see
   * `stale`); `now` is when it arrived.
   */
  accept(trace: Trace, version: number, ms: number, now: number): void {
    this.trace = trace;
    this.traceVersion = version;
    this.ms = ms;
    // Syntax errors are the editor's to show (TypeScript reports them); they are not counted here.
    this.errors = trace.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'syntax').length;
    this.run = this.errors > 0 ? 'errors' : 'ok';
    if (doesNotParse(trace) && this.annotations.length > 0) {
      this.brokenSince ??= now;
      return;
    }
    this.annotations = annotationsOf(trace);
    this.stale = false;
    this.brokenSince = undefined;
  }

  /** Marks kept annotations stale once the file has not parsed for `afterMs`; true when that changed them. */
  markStale(now: number, afterMs: number): boolean {
    if (this.stale || this.brokenSince === undefined || now - this.brokenSince < afterMs) return false;
    this.stale = true;
    return true;
  }

  /** The analysis stopped (too slow, crashed): what is shown is from an earlier run, and says so at once. */
  failed(run: 'timeout' | 'crashed'): void {
    this.run = run;
    this.stale = true;
  }

  /** The file does not opt in: forget what an earlier version showed. */
  quiet(version: number): void {
    this.trace = undefined;
    this.traceVersion = version;
    this.annotations = [];
    this.stale = false;
    this.brokenSince = undefined;
    this.errors = 0;
    this.run = 'quiet';
  }

  /** Moves the shown annotations through an edit of the document. */
  edited(edits: readonly LineEdit[]): void {
    if (edits.length > 0) this.annotations = mapLines(this.annotations, edits);
  }

  /** The trace when it describes `version` exactly (positions in it are then valid). */
  traceFor(version: number): Trace | undefined {
    return this.traceVersion === version ? this.trace : undefined;
  }
}

/**
 * A file can opt in only if its text names `gradlens` (an import of it, or a `// @gradlens` comment): one that
 * does not is quiet without a run. One that does is decided by the worker, from the parse tree (opt-in.ts).
 */
export function mayOptIn(text: string): boolean {
  return text.includes('gradlens');
}

export function doesNotParse(trace: Trace): boolean {
  return trace.diagnostics.some((d) => d.code === 'syntax' && d.severity === 'error');
}

/**
 * One annotation per line: the bindings whose statement ends there, the first error (else warning) that
 * starts there (not syntax errors: the editor shows those), and what console.log printed there.
 */
export function annotationsOf(trace: Trace): Annotation[] {
  const byLine = new Map<number, Annotation>();
  const at = (line: number): Annotation => {
    let a = byLine.get(line);
    if (!a) byLine.set(line, (a = { line, bindings: [] }));
    return a;
  };
  for (const b of trace.bindings) at(b.statementEndLine - 1).bindings.push(b);
  for (const d of trace.diagnostics) {
    if (d.code === 'syntax' || d.severity === 'info') continue;
    const a = at(d.line - 1);
    if (!a.problem || (a.problem.severity === 'warning' && d.severity === 'error')) a.problem = { message: d.message, severity: d.severity };
  }
  for (const l of trace.logs) {
    const a = at(l.line - 1);
    a.log = { text: l.text, count: (a.log?.count ?? 0) + 1 };
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

/** 1-based inclusive-exclusive containment of a 0-based position. */
export function rangeContains(r: SourceRange, line0: number, char0: number): boolean {
  const line = line0 + 1;
  const col = char0 + 1;
  if (line < r.line || line > r.endLine) return false;
  if (line === r.line && col < r.column) return false;
  if (line === r.endLine && col > r.endColumn) return false;
  return true;
}

/** The binding whose name stands at the position, or whose use does. Later bindings win (innermost). */
export function bindingAt(trace: Trace, line0: number, char0: number): Binding | undefined {
  for (let i = trace.bindings.length - 1; i >= 0; i--) {
    const b = trace.bindings[i];
    if (rangeContains(b, line0, char0) || b.uses.some((u) => rangeContains(u, line0, char0))) return b;
  }
  return undefined;
}
