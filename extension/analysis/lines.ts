/**
 * Lines as the TypeScript parser counts them, for code that has the text but no syntax tree (the CLI,
 * a host placing a diagnostic for a run that died): CR LF, a lone CR, LF, U+2028 and U+2029 each end a
 * line, so a file with old Mac (CR-only) or mixed line endings is numbered as the editor numbers it.
 * No imports: this module is loaded where the analyzer (and the TypeScript compiler) is not.
 */
import type { SourceRange } from './trace';

const BREAK = /\r\n|[\r\n\u2028\u2029]/;

/** The text's lines, without their line breaks (a final line break does not start an empty line). */
export function splitLines(text: string): string[] {
  const lines = text.split(BREAK);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** 1-based line and column (UTF-16 units) of an offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1, start = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a && i + 1 < at) continue; // CR LF: counted at the LF
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}

/** The offset of the first token at or after `pos`: whitespace and comments skipped (a node's `pos` includes them). */
export function skipTrivia(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    if (/\s/.test(text[i])) i++;
    else if (text.startsWith('//', i)) i = endOfLine(text, i);
    else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else break;
  }
  return i;
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/[\r\n\u2028\u2029]/.test(text[i])) i++;
  return i;
}

/** The range of the span [pos, end) of `text`, its start moved past leading trivia. */
export function rangeOfOffsets(text: string, pos: number, end: number): SourceRange {
  const start = skipTrivia(text, pos);
  const a = positionAt(text, start);
  const b = positionAt(text, Math.max(start, end));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** How many lines an editor shows for the text. */
export function lineCount(text: string): number {
  return splitLines(text).length;
}
