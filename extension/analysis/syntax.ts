/** Syntax errors from the parser, as 'syntax' diagnostics with exact ranges (the rest still evaluates). */
import ts from 'typescript';
import type { Diagnostic } from './trace';
import { rangeOfSpan } from './context';

function isParseDiagnostic(d: unknown): d is ts.Diagnostic {
  return typeof d === 'object' && d !== null && 'start' in d && 'messageText' in d;
}

export function syntaxDiagnostics(sf: ts.SourceFile): Diagnostic[] {
  // The parser keeps its diagnostics on the source file; reading them avoids building a Program.
  const raw: unknown = Reflect.get(sf, 'parseDiagnostics');
  if (!Array.isArray(raw)) return [];
  const out: Diagnostic[] = [];
  for (const d of raw) {
    if (!isParseDiagnostic(d) || d.start === undefined) continue;
    const r = rangeOfSpan(sf, d.start, d.start + (d.length ?? 0));
    out.push({ ...r, severity: 'error', code: 'syntax', message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
  }
  return out;
}
