/**
 * Quick fixes the debugger is certain of (issue 20; pure, no `vscode`): `retainGrad()` after the line that
 * makes a non-leaf whose `.grad` is read, and `{ retainGraph: true }` on the first of two `backward()` calls.
 * Lines and columns are the trace's (1-based, end exclusive).
 */
import type { Diagnostic, RelatedLocation } from '../analysis/trace';

export interface TextFix {
  title: string;
  /** Replace [line:column, endLine:endColumn) with `text` (an empty range inserts). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

type LineText = (line: number) => string | undefined;

/** `h.retainGrad();` on a new line after `const h = …` (only when that line declares the name alone). */
function retainGradFix(rel: RelatedLocation, lineText: LineText): TextFix | undefined {
  const name = /^add (\S+)\.retainGrad\(\) after this line/.exec(rel.message)?.[1];
  const text = lineText(rel.line);
  if (!name || text === undefined || rel.endLine !== rel.line) return undefined;
  const decl = /^(\s*)(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=.*;?\s*$/.exec(text);
  if (!decl || decl[2] !== name || !/;\s*$/.test(text)) return undefined;
  const end = text.length + 1;
  return { title: `Add ${name}.retainGrad()`, line: rel.line, column: end, endLine: rel.line, endColumn: end, text: `\n${decl[1]}${name}.retainGrad();` };
}

/** `loss.backward()` → `loss.backward(undefined, { retainGraph: true })` at the first backward(). */
function retainGraphFix(rel: RelatedLocation, lineText: LineText): TextFix | undefined {
  const text = lineText(rel.line);
  if (text === undefined || rel.endLine !== rel.line) return undefined;
  const call = text.slice(rel.column - 1, rel.endColumn - 1);
  const m = /\.backward\(\s*\)$/.exec(call);
  if (!m) return undefined;
  const open = rel.column - 1 + m.index + '.backward('.length;
  return { title: 'Pass { retainGraph: true } to the first backward()', line: rel.line, column: open + 1, endLine: rel.line, endColumn: rel.endColumn - 1, text: 'undefined, { retainGraph: true }' };
}

/** The fixes for one diagnostic, given the document's lines (1-based). */
export function fixesFor(d: Pick<Diagnostic, 'code' | 'related'>, lineText: LineText): TextFix[] {
  const rel = d.related ?? [];
  const out: (TextFix | undefined)[] = [];
  if (d.code === 'grad-missing') for (const r of rel) out.push(retainGradFix(r, lineText));
  if (d.code === 'backward-twice' && rel[0]) out.push(retainGraphFix(rel[0], lineText));
  return out.filter((f): f is TextFix => f !== undefined);
}
