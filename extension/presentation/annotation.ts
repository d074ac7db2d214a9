/**
 * The annotation of a binding beside its line, for the editor and the CLI (docs/extension.md):
 *   scalar:  `0.8000  ∇ 1.0000`
 *   tensor:  `[2×3] [[0.5, -1.2, 3, …]]  ∇ ‖·‖=0.83`
 *   loop:    the value, then a sparkline of `history` and the count: `0.1250 █▆▄▃▂▁ ×50`
 *   later changed in place: `final [1×1] [[2.9957]]` (the gradient beside it is of that value too)
 * Each surface lays the parts out its own way (the editor in two colours cut to a width, the CLI named, in
 * a column); the texts are the same.
 */
import type { Binding, Trace } from '../analysis/trace';
import { cut, gradText, sparkline, valueText } from './numbers';

/** One binding's pieces. */
export interface AnnotationParts {
  name: string;
  /** The value, with its `final` mark and sparkline; `?` when it is not known. */
  value: string;
  /** `∇ …`, `∇ ?` when the gradient is not known here, '' when there is none. */
  grad: string;
  /** Why the value is not known (the hover says it; the CLI, which has no hover, prints it). */
  unknown: string | undefined;
}

/** Marks a value that is the binding's value at the end of the file (a later in-place change made it differ). */
export const FINAL_MARK = 'final';

/** The parts of one binding (one instance: see expandInstances). */
export function bindingParts(b: Binding, precision: number): AnnotationParts {
  const final = b.finalValue ? `${FINAL_MARK} ${valueText(b.finalValue, precision)}` : b.finalUnknown ? `${FINAL_MARK} ?` : undefined;
  const value = final ?? (b.value ? valueText(b.value, precision) : '?');
  const history = b.history && b.history.length > 1 ? ` ${sparkline(b.history)} ×${b.iterations}` : '';
  const grad = b.grad ? gradText(b.grad, precision) : b.gradUnknown ? '∇ ?' : '';
  return { name: b.name, value: value + history, grad, unknown: b.value ? undefined : (b.unknown ?? 'unknown') };
}

/**
 * The bindings as a line shows them: a site that made several parameters (`Binding.instances`) stands
 * for one binding per parameter, named by its module path, each with its own value and gradient.
 */
export function expandInstances(bindings: readonly Binding[]): Binding[] {
  return bindings.flatMap((b) => b.instances === undefined ? [b] : b.instances.map((i): Binding => ({
    ...b, name: i.name, value: i.value, finalValue: i.finalValue, finalUnknown: i.finalUnknown, grad: i.grad, gradUnknown: i.gradUnknown,
    iterations: 1, history: undefined, shownIteration: undefined, instances: undefined,
  })));
}

/** Per line (1-based): the bindings whose annotation goes there, and the logs printed there (the last of each line). */
export function annotationsByLine(trace: Pick<Trace, 'bindings' | 'logs'>): Map<number, { bindings: Binding[]; logs: string[] }> {
  const out = new Map<number, { bindings: Binding[]; logs: string[] }>();
  const at = (line: number): { bindings: Binding[]; logs: string[] } => {
    let e = out.get(line);
    if (!e) {
      e = { bindings: [], logs: [] };
      out.set(line, e);
    }
    return e;
  };
  for (const b of trace.bindings) at(b.statementEndLine).bindings.push(b);
  const lastLogPerLine = new Map<number, string>();
  for (const l of trace.logs) lastLogPerLine.set(l.line, l.text);
  for (const [line, text] of lastLogPerLine) at(line).logs.push(text);
  return out;
}

export interface LineOptions {
  /** Digits after the decimal point for scalars. */
  precision: number;
  /** Longest annotation; longer text is cut with `…`. */
  maxLength: number;
}

/** The editor's two coloured halves of one line's annotation. */
export interface LineAnnotation {
  value: string;
  grad: string;
}

const GAP = '  ';

/**
 * The annotation of one line in the editor. Several bindings on one line (destructuring, `a = ..., b = ...`)
 * share it, each prefixed with its name. The whole text (value, two spaces, gradient) is at most `maxLength`.
 */
export function lineAnnotation(sites: readonly Binding[], o: LineOptions): LineAnnotation {
  const parts = expandInstances(sites).map((b) => bindingParts(b, o.precision));
  if (parts.length === 0) return { value: '', grad: '' };
  if (parts.length === 1) return fit(parts[0].value, parts[0].grad, o.maxLength);
  return fit(parts.map((p) => `${p.name} ${p.value}${p.grad ? ' ' + p.grad : ''}`).join(GAP), '', o.maxLength);
}

function fit(value: string, grad: string, maxLength: number): LineAnnotation {
  if (value.length + (grad ? GAP.length + grad.length : 0) <= maxLength) return { value, grad };
  // Not enough room for even one character of the gradient: cut the value and drop the gradient.
  if (!grad || value.length + GAP.length + 1 >= maxLength) return { value: cut(value, maxLength), grad: '' };
  return { value, grad: cut(grad, maxLength - value.length - GAP.length) };
}

/** The annotation as one string, as the editor shows it (value, two spaces, gradient). */
export function annotationText(p: LineAnnotation): string {
  return p.grad ? `${p.value}${GAP}${p.grad}` : p.value;
}
