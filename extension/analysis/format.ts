/** console.log output as Node prints it; a tensor prints as its `toString()` (PyTorch's `str()`). */
import { format, inspect } from 'util';
import { BoundMethod, Builtin, ClassValue, Closure, Instance, Unknown, isRecord, type Value } from './values';
import { Handle, displayString } from './membrane';

const MAX_DEPTH = 4;

/** A plain copy that `util.inspect` prints the way Node would print the original. */
function toPlain(v: Value, depth: number): Value {
  if (v === null || typeof v !== 'object' && typeof v !== 'function') return v;
  if (v instanceof Unknown) return UNKNOWN_MARK;
  if (Handle.isHandle(v)) return { [inspect.custom]: () => displayString(v) };
  if (v instanceof Closure || v instanceof BoundMethod || v instanceof Builtin) {
    return { [inspect.custom]: () => `[Function: ${v.name}]` };
  }
  if (v instanceof ClassValue) return { [inspect.custom]: () => `[class ${v.name}]` };
  if (depth > MAX_DEPTH) return v;
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1));
  if (v instanceof Instance) {
    const o: Record<string, Value> = {};
    for (const [k, x] of v.fields) o[k] = toPlain(x, depth + 1);
    return { [inspect.custom]: (d: number, opts: object) => `${v.cls.name} ${inspect(o, { ...opts, depth: d })}` };
  }
  if (!isRecord(v)) return UNKNOWN_MARK;
  const o: Record<string, Value> = {};
  for (const k of Object.keys(v)) o[k] = toPlain(v[k], depth + 1);
  return o;
}

const UNKNOWN_MARK = { [inspect.custom]: () => '<unknown>' };

export function formatLog(args: readonly Value[]): string {
  // A first string with % specifiers is a format string, as in Node's console.log.
  if (typeof args[0] === 'string' && args[0].includes('%')) return format(args[0], ...args.slice(1).map((a) => toPlain(a, 0)));
  return args.map((a) => (typeof a === 'string' ? a : inspect(toPlain(a, 0), { depth: 2 }))).join(' ');
}
