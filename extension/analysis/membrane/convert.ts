/**
 * Crossing the membrane. Into the engine, a value of the file becomes a fresh engine argument: a
 * handle gives its target (checked by its private brand, never by the shape of an object), arrays
 * and plain objects are copied key by key into new ones, a function of the file becomes a callback
 * only where the engine takes one. Out of the engine, every object becomes a handle or a copy.
 * Nothing else crosses: what cannot, is refused with the reason.
 */
import { Handle } from './handle';
import { CALLBACK_KEYS, OPTION_KEYS, kindOf, moduleName, optimizerName } from './api';
import { BoundMethod, Builtin, ClassValue, Closure, Instance, Unknown, isForbiddenKey, reveal, type Value } from '../values';

/** Deepest nesting of arrays/objects carried across (a tensor literal of 64 dims is far beyond any real one). */
const MAX_DEPTH = 64;
/** Most values carried across in one call (shared sub-arrays count each time they are reached). */
const MAX_VALUES = 20_000_000;

/** A value that may not cross, with the reason for the diagnostic. */
export class Refused {
  constructor(readonly reason: string) {}
}

/**
 * Thrown out of a callback whose result the engine uses (`noGrad(() => ...)`) when that result is not
 * known here: the engine call unwinds (restoring its state) and the call's result is this Unknown.
 */
export class CallbackUnknown extends Error {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}

/** Calls a function of the file from the engine: arguments and result already in the file's world. */
export type FileCall = (fn: Value, args: Value[]) => Value;

interface Walk {
  count: number;
  /** Set where the engine takes a callback: the top-level argument of noGrad/enableGrad, an `onStep` option. */
  readonly callBack: FileCall | undefined;
}

/**
 * A value of the file as an engine argument; `callbackHere`: this position takes a function. An
 * unknown value (or an object whose contents are unknown) comes back as that Unknown: the call's
 * result is then unknown too.
 */
export function toEngine(v: Value, callBack: FileCall, callbackHere: boolean): Value | Refused | Unknown {
  return intoEngine(v, 0, { count: 0, callBack: callBack }, callbackHere);
}

function intoEngine(v: Value, depth: number, w: Walk, callbackHere: boolean): Value | Refused | Unknown {
  if (++w.count > MAX_VALUES) return new Refused(`more than ${MAX_VALUES} values in one argument`);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v !== 'object') return new Refused(`a ${typeof v} value`);
  const unknown = reveal(v);
  if (unknown instanceof Unknown) return unknown;
  if (Handle.isHandle(v)) {
    if (v.kind === 'function' || v.kind === 'class') return new Refused(`the gradlens ${v.kind} '${v.name}' as a value`);
    return Handle.targetOf(v);
  }
  if (v instanceof Closure || v instanceof BoundMethod || v instanceof Builtin) {
    if (!callbackHere || !w.callBack) return new Refused('a function of the file (only noGrad/enableGrad and onStep take one)');
    const call = w.callBack;
    // noGrad/enableGrad return the callback's result; an onStep's result is not used
    const resultUsed = depth === 0;
    return (...args: unknown[]): unknown => {
      const r = call(v, args.map((a) => toFile(a, false)));
      const back = toEngine(r, call, false);
      if (!resultUsed) return undefined;
      if (back instanceof Unknown) throw new CallbackUnknown(back);
      if (back instanceof Refused) throw new CallbackUnknown(new Unknown(`a callback result gradlens cannot take (${back.reason})`));
      return back;
    };
  }
  if (v instanceof ClassValue) return new Refused(`the class ${v.name}`);
  if (v instanceof Instance) return new Refused(`an instance of the file's class ${v.cls.name}`);
  if (depth >= MAX_DEPTH) return new Refused(`nesting deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = intoEngine(v[i], depth + 1, w, false);
      if (x instanceof Refused || x instanceof Unknown) return x;
      out[i] = x;
    }
    return out;
  }
  if (!isFileRecord(v)) return new Refused('an object the analysis did not make');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    if (isForbiddenKey(key)) return new Refused(`an object with the key '${key}'`);
    if (!OPTION_KEYS.has(key)) return new Refused(`'${key}' is not an option gradlens takes (objects cross only as options; a tensor is one gradlens made)`);
    const x = intoEngine(v[key], depth + 1, w, CALLBACK_KEYS.has(key));
    if (x instanceof Refused || x instanceof Unknown) return x;
    out[key] = x;
  }
  return out;
}

/** A plain object of the file: the interpreter makes them without a prototype (values.ts). */
function isFileRecord(v: object): boolean {
  return Object.getPrototypeOf(v) === null;
}

/**
 * An engine value as a value of the file. `mirror`: it is engine state read through a property
 * (`x.shape`, `fn.nextFunctions`), so the copy is frozen — a write to it would change nothing in the
 * engine, unlike the real run, and is refused instead.
 */
export function toFile(v: unknown, mirror: boolean, source?: Handle): Value {
  const out = outOfEngine(v, mirror, 0, { count: 0, callBack: undefined });
  if (mirror && source !== undefined && typeof out === 'object' && out !== null && mirrors.has(out)) sources.set(out, source);
  return out;
}

function outOfEngine(v: unknown, mirror: boolean, depth: number, w: Walk): Value {
  if (++w.count > MAX_VALUES) return new Unknown(`an engine result of more than ${MAX_VALUES} values`);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v !== 'object') return new Unknown(`an engine value of type ${typeof v} (not exposed to the file)`);
  const kind = kindOf(v);
  if (kind !== undefined) return Handle.of(v, kind, nameOf(v, kind));
  if (depth >= MAX_DEPTH) return new Unknown(`an engine result nested deeper than ${MAX_DEPTH} levels`);
  let out: Value;
  if (Array.isArray(v)) {
    out = v.map((x) => outOfEngine(x, mirror, depth + 1, w));
  } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    out = Array.from(v as unknown as ArrayLike<number>);
  } else if (Object.getPrototypeOf(v) === Object.prototype) {
    out = Object.create(null) as Record<string, Value>;
    for (const key of Object.keys(v)) out[key] = outOfEngine((v as Record<string, unknown>)[key], mirror, depth + 1, w);
  } else {
    return new Unknown('an engine object the analysis does not expose');
  }
  if (!mirror) return out;
  mirrors.add(out);
  return Object.freeze(out);
}

/** Frozen copies of engine state handed to the file (weak: they live as long as the file holds them). */
const mirrors = new WeakSet<object>();

/** The engine object whose state a frozen copy mirrors (a tensor for `x.shape`, `x.dataSync()`). */
const sources = new WeakMap<object, Handle>();

/** True for a frozen copy of engine state (`x.shape`, `x.dataSync()`, `opt.options`): writing it is refused. */
export function isMirror(v: unknown): boolean {
  return typeof v === 'object' && v !== null && mirrors.has(v);
}

/** The handle of the engine object a mirror copies, if it came from one. */
export function mirrorSource(v: object): Handle | undefined {
  return sources.get(v);
}

/** A handle's name in messages (class names of a bundled engine are not the source's). */
function nameOf(v: object, kind: string): string {
  if (kind === 'gradFn') return (v as { name: string }).name;
  if (kind === 'optimizer') return optimizerName(v);
  if (kind === 'module') return moduleName(v);
  return kind === 'tensor' ? 'Tensor' : 'object';
}
