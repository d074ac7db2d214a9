/**
 * The hover's "why" sections (issue 20, pure, no `vscode`): for a binding whose value or gradient is NaN/Inf,
 * or that has no gradient, the debugger's diagnostics that concern its line, as "∇ is NaN because …".
 */
import type { Binding, Diagnostic, DiagnosticCode, JsonNumber, SourceRange, ValueSnapshot } from '../analysis/trace';

const MISSING: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['unused-leaf', 'graph-cut', 'grad-missing']);

function nonFinite(v: ValueSnapshot | null | undefined): 'NaN' | 'Inf' | undefined {
  if (!v) return undefined;
  const bad = v.data.filter((x: JsonNumber) => typeof x === 'string');
  if (bad.length === 0) return undefined;
  return bad.includes('NaN') ? 'NaN' : 'Inf';
}

/** Whether the range starts on one of the binding's statement lines. */
function onLines(r: SourceRange, b: Binding): boolean {
  return r.line >= b.line && r.line <= b.statementEndLine;
}

/** A diagnostic about the binding: at its statement, or with a related location there. */
function concerns(d: Diagnostic, b: Binding): boolean {
  return onLines(d, b) || (d.related ?? []).some((r) => onLines(r, b));
}

/** `{0} because: {1} (line {2})`-style sections; `t` translates, `escape` makes file text inert. */
export function whySections(
  b: Binding,
  diagnostics: readonly Diagnostic[],
  t: (m: string, ...a: (string | number)[]) => string,
  escape: (s: string) => string,
): string[] {
  const out: string[] = [];
  const nan = diagnostics.filter((d) => d.code === 'nan-origin' && concerns(d, b));
  const gradBad = nonFinite(b.grad);
  const valueBad = nonFinite(b.value);
  for (const d of nan) {
    const aboutGradient = /backward pass|\.grad\[/.test(d.message + (d.related ?? []).map((r) => r.message).join(' '));
    if (gradBad && aboutGradient) out.push(t('∇ is {0} because: {1} (line {2})', gradBad, escape(d.message), d.line));
    else if (valueBad) out.push(t('the value is {0} because: {1} (line {2})', valueBad, escape(d.message), d.line));
  }
  if (!b.grad && b.value) {
    for (const d of diagnostics) {
      if (MISSING.has(d.code) && concerns(d, b) && d.message.includes(b.name)) out.push(t('no ∇ because: {0} (line {1})', escape(d.message), d.line));
    }
  }
  return out;
}
