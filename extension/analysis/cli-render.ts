/** The CLI's text output: the source with annotations in an aligned column, ANSI-coloured on a terminal. */
import type { Diagnostic, Trace } from './trace';
import { annotationsByLine, bindingParts } from './annotation-text';

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

function annotation(entry: ReturnType<typeof annotationsByLine> extends Map<number, infer E> ? E : never, paint: Paint): string {
  const parts: string[] = [];
  for (const b of entry.bindings) {
    const p = bindingParts(b);
    let s = paint('dim', `${p.name} = `) + p.value;
    if (p.grad) s += '  ' + paint('cyan', p.grad);
    if (p.extra) s += ' ' + paint('dim', `(${p.extra})`);
    parts.push(s);
  }
  for (const text of entry.logs) {
    const one = text.replace(/\s*\n\s*/g, ' ');
    parts.push(paint('green', `» ${one.length > MAX_LOG ? one.slice(0, MAX_LOG - 1) + '…' : one}`));
  }
  return parts.join(paint('dim', ' │ '));
}

export function renderAnnotated(source: string, trace: Trace, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
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
  if (trace.target) out.push('', paint('dim', `target: ${trace.target} (line ${trace.targetLine}, ${trace.targetKind ?? 'default'})`));
  return out.join('\n') + '\n';
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
