/** What the extension knows about one document (no `vscode` here). */
import type { Binding, SourceRange, TargetSpec, Trace } from '../analysis/trace';
import { mapLines, type LineEdit } from './line-map';

/** One annotated line (0-based) and the bindings whose statements end on it. */
export interface Annotation {
  line: number;
  bindings: Binding[];
}

export type RunState = 'idle' | 'running' | 'ok' | 'errors' | 'timeout' | 'crashed';

export class DocState {
  /** Newest trace, whatever it holds, and the document version it was computed from. */
  trace: Trace | undefined;
  traceVersion = -1;
  /** Annotations of the last trace that parsed, moved along with later edits. */
  annotations: Annotation[] = [];
  /** True while the shown annotations come from an older text than the document's (the file does not parse). */
  stale = false;
  target: TargetSpec | undefined;
  run: RunState = 'idle';
  ms = 0;
  errors = 0;

  constructor(readonly uri: string) {}

  /** Takes a new result. A trace of text that does not parse keeps the previous annotations, marked stale. */
  accept(trace: Trace, version: number, ms: number): void {
    this.trace = trace;
    this.traceVersion = version;
    this.ms = ms;
    this.errors = trace.diagnostics.filter((d) => d.severity === 'error').length;
    this.run = this.errors > 0 ? 'errors' : 'ok';
    if (doesNotParse(trace) && this.annotations.length > 0) {
      this.stale = true;
      return;
    }
    this.annotations = annotationsOf(trace);
    this.stale = false;
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

export function doesNotParse(trace: Trace): boolean {
  return trace.diagnostics.some((d) => d.code === 'syntax' && d.severity === 'error');
}

/** Groups bindings by the line their statement ends on: one annotation per line. */
export function annotationsOf(trace: Trace): Annotation[] {
  const byLine = new Map<number, Binding[]>();
  for (const b of trace.bindings) {
    const line = b.statementEndLine - 1;
    const list = byLine.get(line);
    if (list) list.push(b);
    else byLine.set(line, [b]);
  }
  return [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([line, bindings]) => ({ line, bindings }));
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
