/**
 * Incremental re-parsing for the live analyzer. `ts.updateSourceFile` takes one changed span and costs
 * an O(tree) walk plus a re-parse of every node the span touches. Two versions of a document often differ
 * in a few separate places (an undo in one block and an edit in another, a rename on two lines): one span
 * from the first to the last difference then re-parses everything between them, which costs more than a
 * fresh parse. So the difference is split into line hunks and each is applied on its own.
 */
import ts from 'typescript';

/** A replacement of old text [start, end) by `text`. */
export interface Hunk {
  start: number;
  end: number;
  text: string;
}

/**
 * Above this many hunks a fresh parse is cheaper: each hunk costs one walk of the whole tree (~0.3 of a
 * fresh parse, measured on the W5 files at 300 and 3,000 lines).
 */
export const MAX_HUNKS = 3;

/**
 * The replacements that turn `old` into `next`, in order and not overlapping. Outside the common prefix
 * and suffix, when both middles have the same number of lines, each run of differing lines is one hunk
 * (trimmed to the characters that differ); otherwise the whole middle is one hunk.
 */
export function textHunks(old: string, next: string): Hunk[] {
  if (old === next) return [];
  const max = Math.min(old.length, next.length);
  let start = 0;
  while (start < max && old.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = next.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === next.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  const a = old.slice(start, endOld).split('\n');
  const b = next.slice(start, endNew).split('\n');
  if (a.length !== b.length) return [{ start, end: endOld, text: next.slice(start, endNew) }];
  const hunks: Hunk[] = [];
  let at = start;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      // a run of differing lines (no equal line between them) stays one hunk
      if (i > 0 && a[i - 1] !== b[i - 1]) {
        const prev = hunks[hunks.length - 1];
        prev.end = at + a[i].length;
        prev.text += '\n' + b[i];
      } else {
        hunks.push({ start: at, end: at + a[i].length, text: b[i] });
      }
    }
    at += a[i].length + 1;
  }
  return hunks.map((h) => trimmed(old, h));
}

/** The hunk without the characters its old and new text share at both ends. */
function trimmed(old: string, h: Hunk): Hunk {
  const end = h.end;
  let { start, text } = h;
  let head = 0;
  while (start + head < end && head < text.length && old.charCodeAt(start + head) === text.charCodeAt(head)) head++;
  start += head;
  text = text.slice(head);
  let tail = 0;
  while (end - tail > start && tail < text.length && old.charCodeAt(end - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  return { start, end: end - tail, text: text.slice(0, text.length - tail) };
}

/**
 * `previous` re-parsed as `source`: hunk by hunk with `ts.updateSourceFile` (from the last hunk to the
 * first, so each hunk's offsets are still those of the old text), or from scratch when there are many.
 */
export function reparse(previous: ts.SourceFile, source: string, parse: (s: string) => ts.SourceFile): ts.SourceFile {
  const hunks = textHunks(previous.text, source);
  if (hunks.length === 0) return previous;
  if (hunks.length > MAX_HUNKS) return parse(source);
  let sf = previous;
  let text = previous.text;
  for (let k = hunks.length - 1; k >= 0; k--) {
    const h = hunks[k];
    text = text.slice(0, h.start) + h.text + text.slice(h.end);
    sf = ts.updateSourceFile(sf, text, ts.createTextChangeRange(ts.createTextSpan(h.start, h.end - h.start), h.text.length));
  }
  return sf;
}
