/** The debugger's quick fixes (fixes.ts) as VS Code code actions on Gradlens diagnostics. */
import * as vscode from 'vscode';
import type { DiagnosticCode, RelatedLocation } from '../analysis/trace';
import { DIAGNOSTIC_SOURCE } from './ids';
import { fixesFor } from './fixes';

const FIXABLE: ReadonlySet<string> = new Set<DiagnosticCode>(['grad-missing', 'backward-twice']);

/** A related location back in the trace's 1-based form. */
function related(info: vscode.DiagnosticRelatedInformation): RelatedLocation {
  const r = info.location.range;
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1, message: info.message };
}

export class QuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE || !FIXABLE.has(String(d.code))) continue;
      const rel = (d.relatedInformation ?? []).filter((i) => i.location.uri.toString() === doc.uri.toString()).map(related);
      const lineText = (line: number): string | undefined => (line >= 1 && line <= doc.lineCount ? doc.lineAt(line - 1).text : undefined);
      for (const fix of fixesFor({ code: String(d.code) as DiagnosticCode, related: rel }, lineText)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, new vscode.Range(fix.line - 1, fix.column - 1, fix.endLine - 1, fix.endColumn - 1), fix.text);
        out.push(action);
      }
    }
    return out;
  }
}
