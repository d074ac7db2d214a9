/**
 * The one place that talks to the graph panel (extension/host/panel.ts, owned by the panel's issue): opens it,
 * feeds it the active document's trace and the cursor lines, and lets it reveal source ranges.
 */
import * as vscode from 'vscode';
import type { SourceRange, Trace } from '../analysis/trace';
import { GraphPanel, type PanelHost, type PanelRenderState } from './panel';

export interface PanelDoc {
  uri: string;
  fileName: string;
  version: number;
}

export class PanelBridge implements vscode.Disposable {
  /** The source line of the backward step the panel is on, highlighted without taking focus. */
  private readonly stepLine = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });
  private readonly host: PanelHost;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.host = {
      revealRange: (uri, r) => void revealRange(uri, r),
      highlightLine: (uri, line) => this.highlightLine(uri, line),
    };
  }

  /** What the webview last drew (node count, step), for tests. */
  get rendered(): PanelRenderState | undefined {
    return GraphPanel.current?.lastState();
  }

  private highlightLine(uri: string, line: number): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri) {
        editor.setDecorations(this.stepLine, []);
        continue;
      }
      const range = editor.document.lineAt(Math.min(Math.max(0, line - 1), editor.document.lineCount - 1)).range;
      editor.setDecorations(this.stepLine, [range]);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  dispose(): void {
    this.stepLine.dispose();
    GraphPanel.current?.dispose();
  }

  get isOpen(): boolean {
    return GraphPanel.current !== undefined;
  }

  /** Opens (or focuses) the panel and shows `trace` in it. */
  open(trace: Trace | undefined, doc: PanelDoc | undefined): void {
    const panel = GraphPanel.createOrShow(this.context, this.host);
    if (trace && doc) panel.update(trace, doc);
  }

  /** Adopts a panel VS Code restored after a reload. */
  revive(panel: vscode.WebviewPanel): void {
    GraphPanel.revive(panel, this.context, this.host);
  }

  /** Keeps an open panel in step with the active document; does nothing when it is closed. */
  update(trace: Trace, doc: PanelDoc): void {
    GraphPanel.current?.update(trace, doc);
  }

  /** 1-based source lines to highlight in the graph (the cursor's, or a binding's from a hover link). */
  highlightLines(lines: number[]): void {
    GraphPanel.current?.highlightLines(lines);
  }
}

/** Opens the document and selects the range: what clicking a node in the graph does. */
export async function revealRange(uri: string, r: SourceRange): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const range = new vscode.Range(r.line - 1, r.column - 1, r.endLine - 1, r.endColumn - 1);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
