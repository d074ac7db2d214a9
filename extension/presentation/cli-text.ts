/**
 * The CLI's text output: the source with annotations in an aligned column, ANSI-coloured on a terminal.
 * Everything that comes from the file (its lines, names, logs, messages quoting it) is made inert first:
 * control characters would otherwise reach the terminal (clear the screen, OSC 52 clipboard writes,
 * bidirectional overrides that reorder what is shown).
 */
import type { Diagnostic, Trace } from '../analysis/trace';
import { splitLines } from '../analysis/lines';
import { annotationsByLine, bindingParts, expandInstances } from './annotation';
import { DEFAULT_PRECISION, cut } from './numbers';

/**
 * C0 controls but tab and line breaks, DEL, C1 controls, and the bidirectional embeddings, overrides and
 * isolates (U+202A-202E, U+2066-2069). Line breaks are split on or replaced by the callers.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every unsafe character written as an escape (`\x1b`, `\u202e`), so it shows and does nothing. */
export function inert(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** One line of text: line breaks (any kind) become spaces, the rest as `inert`. */
function oneLine(s: string): string {
  return inert(s.replace(/\s*(?:\r\n|[\r\n\u2028\u2029])\s*/g, ' '));
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on (DEL, C1, bidi controls,
 * U+2028/2029) written as \\u escapes: the same JSON value, inert on a terminal.
 */
export function inertJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface RenderOptions {
  color: boolean;
  /** Annotations start at this column at most (longer lines push theirs right). */
  maxColumn?: number;
}

const ANSI = { dim: '\x1b[2m', cyan: '\x1b[36m', yellow: '\x1b[33m', green: '\x1b[32m', reset: '\x1b[0m' } as const;

type Paint = (code: keyof typeof ANSI, s: string) => string;

function painter(color: boolean): Paint {
  return color ? (code, s) => `${ANSI[code]}${s}${ANSI.reset}` : (_code, s) => s;
}

const MAX_LOG = 60;
/** The reason a value is unknown, after its `?` (the editor has a hover for it; a terminal does not). */
const MAX_REASON = 60;

function annotation(entry: ReturnType<typeof annotationsByLine> extends Map<number, infer E> ? E : never, paint: Paint): string {
  const parts: string[] = [];
  for (const b of expandInstances(entry.bindings)) {
    const p = bindingParts(b, DEFAULT_PRECISION);
    let s = paint('dim', `${oneLine(p.name)} = `) + oneLine(p.value);
    if (p.unknown !== undefined) s += ` (${oneLine(cut(p.unknown, MAX_REASON))})`;
    if (p.grad) s += '  ' + paint('cyan', oneLine(p.grad));
    parts.push(s);
  }
  for (const text of entry.logs) {
    // cut before escaping, so an escape is never cut in half
    const one = text.replace(/\s*(?:\r\n|[\r\n\u2028\u2029])\s*/g, ' ');
    parts.push(paint('green', `» ${inert(one.length > MAX_LOG ? one.slice(0, MAX_LOG - 1) + '…' : one)}`));
  }
  return parts.join(paint('dim', ' │ '));
}

export function renderAnnotated(source: string, trace: Trace, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const lines = splitLines(source).map(inert);
  const byLine = annotationsByLine(trace);
  const width = String(lines.length).length;
  let col = 0;
  for (const line of byLine.keys()) col = Math.max(col, (lines[line - 1] ?? '').trimEnd().length);
  col = Math.min(col, opts.maxColumn ?? 60) + 2;
  const out: string[] = [];
  lines.forEach((text, i) => {
    const code = text.trimEnd();
    const gutter = paint('dim', `${String(i + 1).padStart(width)} │ `);
    const entry = byLine.get(i + 1);
    if (!entry) {
      out.push(gutter + code);
      return;
    }
    const pad = code.length < col ? ' '.repeat(col - code.length) : '  ';
    out.push(gutter + code + pad + annotation(entry, paint));
  });
  if (trace.target) out.push('', paint('dim', `target: ${oneLine(trace.target)} (line ${trace.targetLine}, ${trace.targetKind ?? 'default'})`));
  return out.join('\n') + '\n';
}

/** `file:line:col: severity: message`, then one indented `file:line:col: note: …` line per related location. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const head = `${oneLine(file)}:${d.line}:${d.column}: ${d.severity}: ${oneLine(d.message)}`;
  const notes = (d.related ?? []).map((r) => `\n  ${oneLine(file)}:${r.line}:${r.column}: note: ${oneLine(r.message)}`);
  return head + notes.join('');
}
