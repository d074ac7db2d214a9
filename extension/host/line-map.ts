/**
 * Moves annotation lines through an edit until the next analysis result arrives (pure, no `vscode`).
 * Lines are 0-based. An annotation sits at the end of its line, so what matters is where that line's end goes.
 */

export interface LineEdit {
  /** First and last line of the replaced range (before the edit). */
  startLine: number;
  endLine: number;
  /** Line breaks in the inserted text. */
  insertedLines: number;
  /** The replaced range begins at the end of its first line (typing Enter at a line's end keeps that line's end). */
  startsAtLineEnd: boolean;
}

/** Where the end of `line` is after `edit`, or undefined when the edit deleted it. */
export function mapLine(line: number, edit: LineEdit): number | undefined {
  const delta = edit.insertedLines - (edit.endLine - edit.startLine);
  if (line < edit.startLine) return line;
  if (line > edit.endLine) return line + delta;
  if (line === edit.startLine && edit.startsAtLineEnd) return line;
  // The end of the last replaced line follows the inserted text; ends of lines inside the range are gone.
  return line === edit.endLine ? edit.startLine + edit.insertedLines : undefined;
}

/** Applies edits in order (VS Code lists a change event's edits so that applying them one by one is exact). */
export function mapLines<T extends { line: number }>(items: readonly T[], edits: readonly LineEdit[]): T[] {
  let out = items.slice();
  for (const e of edits) {
    const next: T[] = [];
    for (const it of out) {
      const line = mapLine(it.line, e);
      if (line !== undefined) next.push({ ...it, line });
    }
    out = next;
  }
  return out;
}
