/** Text document edits as line edits for line-map.ts (what moves annotations until the next result). */
import type * as vscode from 'vscode';
import type { LineEdit } from './line-map';

export function toLineEdit(doc: vscode.TextDocument): (c: vscode.TextDocumentContentChangeEvent) => LineEdit {
  return (c) => {
    const segments = c.text.split(/\r\n|\r|\n/);
    const insertedLines = segments.length - 1;
    return {
      startLine: c.range.start.line,
      endLine: c.range.end.line,
      insertedLines,
      startsAtLineEnd: c.range.start.line === c.range.end.line && keptNothingAfter(doc, c, insertedLines, segments),
    };
  };
}

/**
 * True when nothing of the old line followed the edited range (typing Enter at a line's end). Read from the
 * edited document: the line holding the inserted text's last segment ends right after it. Exact for an event
 * with one change, which is what typing produces.
 */
function keptNothingAfter(doc: vscode.TextDocument, c: vscode.TextDocumentContentChangeEvent, insertedLines: number, segments: string[]): boolean {
  const line = c.range.start.line + insertedLines;
  if (line >= doc.lineCount) return true;
  const prefix = insertedLines === 0 ? c.range.start.character : 0;
  return doc.lineAt(line).text.length === prefix + segments[segments.length - 1].length;
}
