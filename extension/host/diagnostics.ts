/** Trace diagnostics → the `gradlens` diagnostic collection (1-based, end-exclusive → 0-based ranges). */
import * as vscode from 'vscode';
import type { Diagnostic, Severity, SourceRange } from '../analysis/trace';
import { DIAGNOSTIC_SOURCE } from './ids';

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

export function toDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d), d.message, SEVERITY[d.severity]);
  out.source = DIAGNOSTIC_SOURCE;
  out.code = d.code;
  return out;
}
