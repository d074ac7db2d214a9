/** Short texts for annotations beside a line (docs/extension.md): `0.8000`, `[2, 3] [0.1, -2, …]`, `∇ 0.4000`. */
import type { Binding, JsonNumber, Trace, ValueSnapshot } from './trace';

function num(x: JsonNumber, kind: ValueSnapshot['kind'], dtype: ValueSnapshot['dtype']): string {
  if (typeof x !== 'number') return x === 'NaN' ? 'nan' : x === 'Infinity' ? 'inf' : '-inf';
  if (kind === 'number') return String(x);
  if (dtype === 'bool') return x ? 'True' : 'False';
  if (dtype === 'int64' || dtype === 'int32') return String(x);
  return Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-4) ? x.toExponential(3) : x.toFixed(4);
}

const PREVIEW = 4;
const MAX_REASON = 60;

/** A value in one short piece: scalars as numbers, tensors as shape plus the first elements. */
export function shortValue(s: ValueSnapshot): string {
  if (s.shape.length === 0 && s.data.length === 1) return num(s.data[0], s.kind, s.dtype);
  const shown = s.data.slice(0, PREVIEW).map((x) => num(x, s.kind, s.dtype));
  const total = s.shape.reduce((a, b) => a * b, 1);
  const more = total > shown.length ? ', …' : '';
  return `[${s.shape.join(', ')}] [${shown.join(', ')}${more}]`;
}

export interface AnnotationParts {
  name: string;
  value: string;
  grad: string | undefined;
  extra: string | undefined;
}

/**
 * A binding's parts. A binding changed later in place shows its value at the end of the file, marked
 * `final` (the gradient beside it is of that value too), as the editor does.
 */
export function bindingParts(b: Binding): AnnotationParts {
  const reason = b.unknown ?? 'unknown';
  const final = b.finalValue ? `final ${shortValue(b.finalValue)}` : b.finalUnknown && b.value ? 'final ?' : undefined;
  const value = final ?? (b.value ? shortValue(b.value) : `? (${reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason})`);
  const grad = b.grad ? `∇ ${shortValue(b.grad)}` : b.gradUnknown ? '∇ ?' : undefined;
  const extra = b.iterations > 1 ? `×${b.iterations}` : undefined;
  return { name: b.name, value, grad, extra };
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

/** Per line (1-based): the bindings whose annotation goes there, and the logs printed there. */
export function annotationsByLine(trace: Trace): Map<number, { bindings: Binding[]; logs: string[] }> {
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
