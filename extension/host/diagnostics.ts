/** Trace diagnostics → the `gradlens` diagnostic collection (1-based, end-exclusive → 0-based ranges). */
import * as vscode from 'vscode';
import type { Diagnostic, Severity, SourceRange } from '../analysis/trace';
import { DIAGNOSTIC_SOURCE } from './ids';
import type { Outcome } from './analysis-worker';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toRange(r: SourceRange): vscode.Range {
  const startLine = Math.max(0, r.line - 1);
  const endLine = Math.max(startLine, r.endLine - 1);
  return new vscode.Range(startLine, Math.max(0, r.column - 1), endLine, Math.max(0, r.endColumn - 1));
}

/** A trace diagnostic, its related locations (trace v4) as related information in the same document. */
export function toDiagnostic(d: Diagnostic, uri: vscode.Uri): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d), d.message, SEVERITY[d.severity]);
  out.source = DIAGNOSTIC_SOURCE;
  out.code = d.code;
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r)), r.message));
  }
  return out;
}

/** A run that gave no trace (too slow, crashed): a warning where it had got to; the annotations are older. */
export function failureDiagnostic(doc: vscode.TextDocument, o: Extract<Outcome, { kind: 'timeout' | 'crashed' }>, memoryMb: number): vscode.Diagnostic {
  const message = o.kind === 'timeout'
    ? vscode.l10n.t('Gradlens stopped the analysis after {0} ms; the annotations are from an earlier run.', Math.round(o.ms))
    : o.outOfMemory
      ? vscode.l10n.t('Gradlens stopped: the analysis ran out of memory ({0} MB) here; the annotations are from an earlier run.', memoryMb)
      : vscode.l10n.t('Gradlens could not analyze this file: {0}', o.message);
  // where the run had got to (the document may have changed since: clamped by validateRange)
  const at = o.at ? doc.validateRange(new vscode.Range(doc.positionAt(o.at.pos), doc.positionAt(o.at.end))) : new vscode.Range(0, 0, 0, 0);
  const d = new vscode.Diagnostic(at, message, vscode.DiagnosticSeverity.Warning);
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}
