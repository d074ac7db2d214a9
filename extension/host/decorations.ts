/**
 * The after-line annotations. One decoration per annotated line, at the end of the line: the value (and
 * sparkline) as `before` content in `gradlens.valueForeground`, the gradient as `after` content in
 * `gradlens.gradForeground`; both in `gradlens.staleForeground` (italic) while the file does not parse.
 */
import * as vscode from 'vscode';
import { annotationParts, annotationText, type FormatOptions } from './format';
import type { Annotation } from './doc-state';
import { Color } from './ids';

/** What a test (or the panel) can read back: the text the editor shows on each 0-based line. */
export interface ShownAnnotation {
  line: number;
  text: string;
  stale: boolean;
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

/** Colours live on the two types, so each line's options carry only text (no per-line theme listeners). */
function decorationType(value: string, grad: string, fontStyle: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    // Never widen: the annotation stays glued to the line's end until the next result re-places it.
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    before: { margin: '0 0 0 2em', color: new vscode.ThemeColor(value), fontStyle },
    after: { margin: '0 0 0 1.2em', color: new vscode.ThemeColor(grad), fontStyle },
  });
}

export class Decorations implements vscode.Disposable {
  private readonly fresh = decorationType(Color.value, Color.grad, 'normal');
  private readonly stale = decorationType(Color.stale, Color.stale, 'italic');

  /** Draws the `annotations` that fall in `window` in `editor` and returns what it drew. */
  apply(editor: vscode.TextEditor, annotations: readonly Annotation[], stale: boolean, o: FormatOptions, window: LineWindow): ShownAnnotation[] {
    const doc = editor.document;
    const shown: ShownAnnotation[] = [];
    const options: vscode.DecorationOptions[] = [];
    for (const a of annotations) {
      if (a.line < 0 || a.line >= doc.lineCount || a.line < window.start || a.line > window.end) continue;
      const parts = annotationParts(a.bindings, o);
      if (!parts.value && !parts.grad) continue;
      const end = doc.lineAt(a.line).range.end;
      options.push({
        range: new vscode.Range(end, end),
        renderOptions: {
          before: { contentText: parts.value },
          after: parts.grad ? { contentText: parts.grad } : undefined,
        },
      });
      shown.push({ line: a.line, text: annotationText(parts), stale });
    }
    editor.setDecorations(stale ? this.fresh : this.stale, []);
    editor.setDecorations(stale ? this.stale : this.fresh, options);
    return shown;
  }

  clear(editor: vscode.TextEditor): void {
    editor.setDecorations(this.fresh, []);
    editor.setDecorations(this.stale, []);
  }

  dispose(): void {
    this.fresh.dispose();
    this.stale.dispose();
  }
}
