/** Source ranges (1-based lines and columns, as the trace gives them) of syntax nodes and spans. */
import type ts from 'typescript';
import type { SourceRange } from './trace';

export function rangeOf(sf: ts.SourceFile, node: ts.Node): SourceRange {
  return rangeOfSpan(sf, node.getStart(sf), node.getEnd());
}

export function rangeOfSpan(sf: ts.SourceFile, start: number, end: number): SourceRange {
  const a = sf.getLineAndCharacterOfPosition(start);
  const b = sf.getLineAndCharacterOfPosition(Math.max(start, end));
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}
