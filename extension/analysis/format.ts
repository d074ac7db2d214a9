/**
 * console.log output as Node prints it; a tensor prints as its `toString()` (PyTorch's `str()`).
 * Bounded: the plain copy handed to `util.inspect` holds only what Node would print (the first 100 items
 * of an array), at most MAX_LOG_VALUES values in all, and its size is charged to the compute budget
 * before anything is formatted.
 */
import { format, inspect } from 'util';
import { BoundMethod, Builtin, ClassValue, Closure, ErrorValue, Instance, Unknown, isRecord, orderedEntries, type Value } from './values';
import { Handle, displayString } from './membrane';
import { chargeCompute } from '../../engine/limits';
import { MAX_LOG_CHARS } from './run-limits';
import { count } from './budget-names';
import { FileIterator, FileMap, FileSet, inspectable } from './collections';

const MAX_DEPTH = 4;
/** Values one console line may format; more is not captured (Node would print them all for an object). */
export const MAX_LOG_VALUES = 20_000;
/** Work units (engine/limits) per value formatted: util.inspect takes ~1 µs a value, a conv tap ~5 ns. */
const UNITS_PER_VALUE = 200;
/** util.inspect's defaults: items shown of an array, characters of a nested string. */
const INSPECT_ITEMS = 100;
const INSPECT_STRING = 10_000;

/** What one line's copy has used: values visited, and characters of the strings it will print. */
interface Tally {
  values: number;
  chars: number;
  /** How an instance prints when its class says so (an nn.Module prints its repr). */
  readonly display?: InstanceDisplay;
  /** The objects being copied, outermost first: one met again is a cycle. */
  readonly path: Value[];
}

/** An instance's printed text when its class gives one, `Unknown` when that text is not known, undefined for Node's default. */
export type InstanceDisplay = (v: Instance) => string | Unknown | undefined;

/** Thrown (and caught in formatLog) when a line needs more than MAX_LOG_VALUES values. */
const TOO_LARGE = new Error('console output too large');
/**
 * Thrown (and caught in formatLog) for a value that contains itself: Node prints it as `<ref *1> [ [Circular *1] ]`,
 * which a copy would not reproduce; that argument is not known here.
 */
const CIRCULAR = new Error('circular value');

/** A plain copy that `util.inspect` prints the way Node would print the original. */
function toPlain(v: Value, depth: number, tally: Tally, whole: boolean): Value {
  if (++tally.values > MAX_LOG_VALUES) throw TOO_LARGE;
  if (typeof v === 'string') {
    tally.chars += Math.min(v.length, INSPECT_STRING);
    return v;
  }
  if (v === null || typeof v !== 'object' && typeof v !== 'function') return v;
  if (v instanceof Unknown) return UNKNOWN_MARK;
  if (Handle.isHandle(v)) return { [inspect.custom]: () => displayString(v) };
  if (v instanceof Closure || v instanceof BoundMethod || v instanceof Builtin) {
    return { [inspect.custom]: () => `[Function: ${v.name}]` };
  }
  if (v instanceof ClassValue) return { [inspect.custom]: () => `[class ${v.name}${v.parent instanceof ClassValue ? ` extends ${v.parent.name}` : ''}]` };
  // Node prints an error with its stack, which names the real run's files: not known here
  if (v instanceof ErrorValue) return UNKNOWN_MARK;
  if (depth > MAX_DEPTH) return v;
  if (tally.path.includes(v)) throw CIRCULAR;
  tally.path.push(v);
  try {
    return plainObject(v, depth, tally, whole);
  } finally {
    tally.path.pop();
  }
}

/** The copy of an array, collection, instance or object of the file. */
function plainObject(v: Value, depth: number, tally: Tally, whole: boolean): Value {
  if (Array.isArray(v)) return plainArray(v, depth, tally, whole);
  if (v instanceof FileSet || v instanceof FileMap || v instanceof FileIterator) return inspectable(v, (x) => toPlain(x, depth + 1, tally, whole));
  if (v instanceof Instance) {
    const shown = tally.display?.(v);
    if (typeof shown === 'string') return { [inspect.custom]: () => shown };
    if (shown instanceof Unknown) return UNKNOWN_MARK;
    const o: Record<string, Value> = {};
    for (const [k, x] of orderedEntries(v.fields)) o[k] = toPlain(x, depth + 1, tally, whole);
    return { [inspect.custom]: (d: number, opts: object) => `${v.cls.name} ${inspect(o, { ...opts, depth: d })}` };
  }
  if (!isRecord(v)) return UNKNOWN_MARK;
  const o: Record<string, Value> = {};
  for (const k of Object.keys(v)) o[k] = toPlain(v[k], depth + 1, tally, whole);
  return o;
}

/**
 * An array's copy. util.inspect shows the first 100 items and counts the rest ("... n more items"); it
 * pads numbers only when every item at an index below its count of output entries is a number (the
 * count includes "... more items" and `%o`'s "[length]"). A copy of the same length with those 102
 * filled prints the same text. `whole` (for `%j`, which prints everything) copies all.
 */
function plainArray(v: readonly Value[], depth: number, tally: Tally, whole: boolean): Value[] {
  const shown = whole ? v.length : Math.min(v.length, INSPECT_ITEMS + 2);
  const out: Value[] = [];
  // holes stay holes (inspect prints "<n empty items>")
  for (let i = 0; i < shown; i++) if (i in v) out[i] = toPlain(v[i], depth + 1, tally, whole);
  out.length = shown;
  if (shown < v.length) {
    // Give the copy the original's length. Writing (then deleting) the last index makes V8 keep it as a
    // dictionary: as a holey array of that length, inspect's key listing would walk every hole (measured:
    // 2.6 ms a line for a 100,000-item array, 0.1 ms this way).
    out[v.length - 1] = undefined;
    delete out[v.length - 1];
  }
  return out;
}

const UNKNOWN_MARK = { [inspect.custom]: () => '<unknown>' };

export function formatLog(args: readonly Value[], display?: InstanceDisplay): string {
  // A first string with % specifiers is a format string, as in Node's console.log.
  const fmt = typeof args[0] === 'string' && args[0].includes('%') ? args[0] : undefined;
  const tally: Tally = { values: 0, chars: fmt?.length ?? 0, display, path: [] };
  let plain: Value[];
  try {
    const rest = fmt === undefined ? args : args.slice(1);
    plain = rest.map((a) => plainArgument(fmt === undefined ? cut(a) : a, tally, fmt?.includes('%j') ?? false));
  } catch (e) {
    if (e === TOO_LARGE) return `[console output of more than ${count(MAX_LOG_VALUES)} values is not captured]`;
    throw e;
  }
  chargeCompute('console.log', tally.values * UNITS_PER_VALUE + tally.chars);
  if (fmt !== undefined) return format(fmt, ...plain);
  return plain.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 2 }))).join(' ');
}

function plainArgument(a: Value, tally: Tally, whole: boolean): Value {
  try {
    return toPlain(a, 0, tally, whole);
  } catch (e) {
    if (e !== CIRCULAR) throw e;
    tally.path.length = 0;
    return UNKNOWN_MARK;
  }
}

/** A string argument printed as is: only its first MAX_LOG_CHARS characters can be kept (RunContext.log). */
function cut(a: Value): Value {
  return typeof a === 'string' && a.length > MAX_LOG_CHARS + 1 ? a.slice(0, MAX_LOG_CHARS + 1) : a;
}
