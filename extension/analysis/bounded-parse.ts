/**
 * Parsing that cannot take the trace with it. Nesting deeper than MAX_NESTING is found by a token scan
 * before parsing (nesting.ts) and blanked; should the parser's stack still run out (a construct the scan
 * does not count, e.g. thousands of `else if`), the first offset whose prefix overflows it is found by
 * bisection and the file is blanked from that line on. Blanking keeps offsets and lines, so what is
 * left is analysed and annotated where it stands.
 */
import type ts from 'typescript';
import { MAX_NESTING, blankSpans, findDeepNesting, lineStart } from './nesting';

/** A part of the file that is not analysed: `start`-`end` is where to report it, `from`-`to` what was blanked. */
export interface Cut {
  start: number;
  end: number;
  from: number;
  to: number;
  reason: string;
}

export interface BoundedParse {
  sf: ts.SourceFile;
  cuts: Cut[];
}

type Parser = (source: string, fileName: string) => ts.SourceFile;

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * Parses `source` with `parser` (the live analyzer's incremental one), after blanking what is nested too
 * deeply. `plain` (a fresh, stateless parse) is used to locate and recover from a parser stack overflow.
 */
export function parseWithin(source: string, fileName: string, parser: Parser, plain: Parser): BoundedParse {
  const deep = findDeepNesting(source, /\.tsx$/i.test(fileName));
  const cuts: Cut[] = deep.map((d) => ({
    start: d.start, end: d.end, from: d.regionStart, to: d.regionEnd,
    reason: `Nested more than ${MAX_NESTING} levels deep (brackets, blocks, ternaries, arrow functions)`,
  }));
  const text = cuts.length > 0 ? blankSpans(source, cuts.map((c) => ({ start: c.from, end: c.to }))) : source;
  try {
    return { sf: parser(text, fileName), cuts };
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
  }
  const at = overflowPoint(text, fileName, plain);
  const from = lineStart(text, at);
  cuts.push({ start: at, end: Math.min(at + 1, text.length), from, to: text.length, reason: 'Too deeply nested for the parser from here on' });
  return { sf: plain(blankSpans(text, [{ start: from, end: text.length }]), fileName), cuts };
}

/** The smallest offset k such that parsing text[0, k] overflows (text itself does); ~log2(length) parses. */
function overflowPoint(text: string, fileName: string, plain: Parser): number {
  const overflows = (k: number): boolean => {
    try {
      plain(text.slice(0, k), fileName);
      return false;
    } catch (e) {
      if (isStackOverflow(e)) return true;
      throw e;
    }
  };
  let ok = 0, bad = text.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    if (overflows(mid)) bad = mid;
    else ok = mid;
  }
  return ok;
}
