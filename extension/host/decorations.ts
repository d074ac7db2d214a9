/**
 * The after-line annotations. One decoration per annotated line, at the end of the line, of one of these kinds:
 * - the bindings: the value (and sparkline) as `before` content in `gradlens.valueForeground`, the gradient as
 *   `after` content in `gradlens.gradForeground`; both in `gradlens.staleForeground` (italic) when stale;
 * - a problem (Error Lens's habit): the error's or warning's message in `gradlens.errorForeground` on
 *   `gradlens.errorBackground`, or `gradlens.warningForeground`; it takes the line (its values failed);
 * - what console.log printed there (Quokka's habit) in `gradlens.logForeground`, with the run count in a loop.
 * Only one decoration per line: two `after` contents at one position are ordered by generated class names.
 */
import * as vscode from 'vscode';
import { annotationText, lineAnnotation, type LineOptions } from '../presentation/annotation';
import { cut } from '../presentation/numbers';
import type { Annotation } from './doc-state';
import { Color } from './ids';

/** What a test (or the panel) can read back: the text the editor shows on each 0-based line. */
export interface ShownAnnotation {
  line: number;
  text: string;
  stale: boolean;
  kind: ShownKind;
}

export type ShownKind = 'values' | 'error' | 'warning' | 'log';

/** What decides which annotations a line gets (the settings). */
export interface ShowOptions extends LineOptions {
  /** Problems after their line. */
  errors: boolean;
  /** console.log output after its line. */
  logs: boolean;
}

/** 0-based first and last line that get decorations. */
export interface LineWindow {
  start: number;
  end: number;
}

/**
 * Lines drawn beyond the viewport on each side. Only lines near the viewport get decorations: the renderer
 * makes a CSS rule per distinct annotation text, so a 3,000-line file would otherwise cost thousands per edit.
 */
const MARGIN_LINES = 150;
/** A problem's or a log's text is one line, cut to this many characters (the hover and Problems have it all). */
const MAX_MESSAGE = 160;

export function windowAround(visible: readonly vscode.Range[]): LineWindow {
  if (visible.length === 0) return { start: 0, end: 2 * MARGIN_LINES };
  const start = Math.min(...visible.map((r) => r.start.line));
  const end = Math.max(...visible.map((r) => r.end.line));
  return { start: Math.max(0, start - MARGIN_LINES), end: end + MARGIN_LINES };
}

/** True when the viewport has moved outside what was drawn. */
export function outside(visible: readonly vscode.Range[], drawn: LineWindow): boolean {
  return visible.some((r) => r.start.line < drawn.start || r.end.line > drawn.end);
}

/** Colours live on the types, so each line's options carry only text (no per-line theme listeners). */
function decorationType(value: string, grad: string, fontStyle: string, background?: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    // Never widen: the annotation stays glued to the line's end until the next result re-places it.
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    before: { margin: '0 0 0 2em', color: new vscode.ThemeColor(value), fontStyle, ...(background ? { backgroundColor: new vscode.ThemeColor(background) } : {}) },
    after: { margin: '0 0 0 1.2em', color: new vscode.ThemeColor(grad), fontStyle },
  });
}

/** The one line of a message: its first line, cut. */
function oneLine(s: string): string {
  return cut(s.split(/\r\n|\r|\n/)[0], MAX_MESSAGE);
}

/** The text and kind a line shows, or undefined when it shows nothing. */
export function lineContent(a: Annotation, o: ShowOptions): { kind: ShownKind; value: string; grad: string } | undefined {
  if (o.errors && a.problem) return { kind: a.problem.severity, value: oneLine(a.problem.message), grad: '' };
  const parts = lineAnnotation(a.bindings, o);
  if (parts.value || parts.grad) return { kind: 'values', ...parts };
  if (o.logs && a.log) return { kind: 'log', value: oneLine(`» ${a.log.text}`), grad: a.log.count > 1 ? `×${a.log.count}` : '' };
  return undefined;
}

export class Decorations implements vscode.Disposable {
  private readonly fresh = decorationType(Color.value, Color.grad, 'normal');
  private readonly stale = decorationType(Color.stale, Color.stale, 'italic');
  private readonly error = decorationType(Color.error, Color.error, 'normal', Color.errorBackground);
  private readonly warning = decorationType(Color.warning, Color.warning, 'normal');
  private readonly log = decorationType(Color.log, Color.log, 'normal');

  /** Draws the `annotations` that fall in `window` in `editor` and returns what it drew. */
  apply(editor: vscode.TextEditor, annotations: readonly Annotation[], stale: boolean, o: ShowOptions, window: LineWindow): ShownAnnotation[] {
    const doc = editor.document;
    const shown: ShownAnnotation[] = [];
    const byType = new Map<vscode.TextEditorDecorationType, vscode.DecorationOptions[]>(this.all().map((t) => [t, []]));
    for (const a of annotations) {
      if (a.line < 0 || a.line >= doc.lineCount || a.line < window.start || a.line > window.end) continue;
      const c = lineContent(a, o);
      if (!c) continue;
      const end = doc.lineAt(a.line).range.end;
      byType.get(this.typeOf(c.kind, stale))?.push({
        range: new vscode.Range(end, end),
        renderOptions: { before: { contentText: c.value }, after: c.grad ? { contentText: c.grad } : undefined },
      });
      shown.push({ line: a.line, text: annotationText(c), stale, kind: c.kind });
    }
    // The type that gets content first, then the ones that lose it: no frame without annotations in between.
    const order = [...byType.entries()].sort((x, y) => y[1].length - x[1].length);
    for (const [type, options] of order) editor.setDecorations(type, options);
    return shown;
  }

  private typeOf(kind: ShownKind, stale: boolean): vscode.TextEditorDecorationType {
    if (stale) return this.stale;
    return kind === 'error' ? this.error : kind === 'warning' ? this.warning : kind === 'log' ? this.log : this.fresh;
  }

  private all(): vscode.TextEditorDecorationType[] {
    return [this.fresh, this.stale, this.error, this.warning, this.log];
  }

  clear(editor: vscode.TextEditor): void {
    for (const t of this.all()) editor.setDecorations(t, []);
  }

  dispose(): void {
    for (const t of this.all()) t.dispose();
  }
}
