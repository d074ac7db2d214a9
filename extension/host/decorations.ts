/**
 * The after-line annotations. One decoration per annotated line, at the end of the line: the value (and
 * sparkline) as `before` content in `gradlens.valueForeground`, the gradient as `after` content in
 * `gradlens.gradForeground`; both in `gradlens.staleForeground` while the file does not parse.
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

export class Decorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    // Never widen: the annotation stays glued to the line's end until the next result re-places it.
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    before: { margin: '0 0 0 2em' },
    after: { margin: '0 0 0 1.2em' },
  });

  /** Draws `annotations` in `editor` and returns what it drew. */
  apply(editor: vscode.TextEditor, annotations: readonly Annotation[], stale: boolean, o: FormatOptions): ShownAnnotation[] {
    const doc = editor.document;
    const shown: ShownAnnotation[] = [];
    const options: vscode.DecorationOptions[] = [];
    for (const a of annotations) {
      if (a.line < 0 || a.line >= doc.lineCount) continue;
      const parts = annotationParts(a.bindings, o);
      if (!parts.value && !parts.grad) continue;
      const end = doc.lineAt(a.line).range.end;
      const valueColor = new vscode.ThemeColor(stale ? Color.stale : Color.value);
      const gradColor = new vscode.ThemeColor(stale ? Color.stale : Color.grad);
      options.push({
        range: new vscode.Range(end, end),
        renderOptions: {
          before: { contentText: parts.value, color: valueColor, fontStyle: stale ? 'italic' : 'normal' },
          after: parts.grad ? { contentText: parts.grad, color: gradColor, fontStyle: stale ? 'italic' : 'normal' } : undefined,
        },
      });
      shown.push({ line: a.line, text: annotationText(parts), stale });
    }
    editor.setDecorations(this.type, options);
    return shown;
  }

  clear(editor: vscode.TextEditor): void {
    editor.setDecorations(this.type, []);
  }

  dispose(): void {
    this.type.dispose();
  }
}
