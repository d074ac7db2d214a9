/** Syntax errors from the parser, as 'syntax' diagnostics with exact ranges (the rest still evaluates). */
import ts from 'typescript';
import type { Diagnostic } from './trace';
import { rangeOfSpan } from './source-range';

function isParseDiagnostic(d: unknown): d is ts.Diagnostic {
  return typeof d === 'object' && d !== null && 'start' in d && 'messageText' in d;
}

export interface SyntaxErrors {
  diagnostics: Diagnostic[];
  /** Where each error starts (offsets, ascending): statements that hold one are not evaluated. */
  starts: number[];
}

export function syntaxErrors(sf: ts.SourceFile): SyntaxErrors {
  // The parser keeps its diagnostics on the source file; reading them avoids building a Program.
  const raw: unknown = Reflect.get(sf, 'parseDiagnostics');
  const out: SyntaxErrors = { diagnostics: [], starts: [] };
  if (!Array.isArray(raw)) return out;
  for (const d of raw) {
    if (!isParseDiagnostic(d) || d.start === undefined) continue;
    const r = rangeOfSpan(sf, d.start, d.start + (d.length ?? 0));
    out.diagnostics.push({ ...r, severity: 'error', code: 'syntax', message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
    out.starts.push(d.start);
  }
  out.starts.sort((a, b) => a - b);
  return out;
}

/** Offset of the next token at or after `pos`: whitespace and comments skipped. */
function nextTokenStart(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff) i++;
    else if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else break;
  }
  return i;
}

/**
 * Whether a syntax error belongs to `node`: it starts after the node's first token and no later than the
 * token that follows it (the parser reports a statement left open, `a.add(`, at the next statement's start).
 */
export function holdsSyntaxError(starts: readonly number[], node: ts.Node, sf: ts.SourceFile): boolean {
  if (starts.length === 0) return false;
  const first = node.getStart(sf);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= first) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo] <= nextTokenStart(sf.text, node.end);
}

export function describeKind(node: ts.Node): string {
  return ts.SyntaxKind[node.kind].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
