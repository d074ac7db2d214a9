/**
 * `JSON.stringify` of the file's values, as JavaScript gives it for the values the subset has: arrays,
 * the file's objects and class instances (their fields), primitives; functions are left out. Its size
 * is counted before any text is built, so a huge result is refused instead of exhausting memory.
 */
import { BoundMethod, Builtin, ClassValue, Closure, Instance, MAX_STRING, NotEvaluated, Unknown, isRecord, type Value } from './values';
import { Handle } from './membrane';

/** Deepest nesting stringified (JavaScript's own limit is the call stack). */
const MAX_DEPTH = 1000;

function isFunctionValue(v: Value): boolean {
  return v instanceof Closure || v instanceof BoundMethod || v instanceof Builtin || v instanceof ClassValue ||
    (Handle.isHandle(v) && (v.kind === 'function' || v.kind === 'class'));
}

interface Walk {
  size: number;
  readonly stack: Set<object>;
}

/** A plain JSON-able copy of `v` (undefined where JSON leaves a value out), its text size counted. */
function plain(v: Value, w: Walk): unknown {
  if (v instanceof Unknown) throw new NotEvaluated(`JSON of a value not known here (${v.reason})`);
  if (typeof v === 'string') return count(w, v.length + 2, v);
  if (typeof v === 'number') return count(w, 24, Number.isFinite(v) ? v : null);
  if (typeof v === 'boolean' || v === null) return count(w, 5, v);
  if (v === undefined || isFunctionValue(v)) return undefined;
  if (Handle.isHandle(v)) throw new NotEvaluated('JSON of a gradlens object is not evaluated here');
  if (typeof v !== 'object') throw new TypeError(`Do not know how to serialize a ${typeof v}`);
  if (w.stack.has(v)) throw new TypeError('Converting circular structure to JSON');
  if (w.stack.size >= MAX_DEPTH) throw new RangeError(`JSON nesting deeper than ${MAX_DEPTH} levels is not built by the analysis`);
  w.stack.add(v);
  try {
    if (Array.isArray(v)) {
      count(w, v.length + 2, null);
      return v.map((x) => plain(x, w) ?? null);
    }
    const entries: [string, Value][] = v instanceof Instance ? [...v.fields.entries()] : isRecord(v) ? Object.entries(v) : [];
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of entries) {
      const p = plain(x, w);
      if (p !== undefined) {
        count(w, k.length + 4, null);
        out[k] = p;
      }
    }
    return out;
  } finally {
    w.stack.delete(v);
  }
}

function count<T>(w: Walk, n: number, v: T): T {
  w.size += n;
  if (w.size > MAX_STRING) throw new RangeError(`the JSON text would be longer than ${MAX_STRING} characters (not built by the analysis)`);
  return v;
}

/** `JSON.stringify(value, replacer, space)`; a replacer function is not evaluated here. */
export function toJson(value: Value, replacer: Value, space: Value): Value {
  if (replacer !== undefined && replacer !== null) throw new NotEvaluated('JSON.stringify with a replacer is not evaluated here');
  const indent = typeof space === 'number' ? Math.min(10, Math.max(0, Math.floor(space))) : typeof space === 'string' ? space.slice(0, 10) : undefined;
  const w: Walk = { size: 0, stack: new Set() };
  const p = plain(value, w);
  // Indentation adds at most (indent + 1) characters per counted item; counted generously as a factor.
  if (indent !== undefined && w.size * (1 + (typeof indent === 'number' ? indent : indent.length)) > MAX_STRING) {
    throw new RangeError(`the JSON text would be longer than ${MAX_STRING} characters (not built by the analysis)`);
  }
  return JSON.stringify(p, null, indent);
}
