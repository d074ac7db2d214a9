/**
 * The few globals the subset has (Math, console, Number, Array, JSON...) and methods of arrays, strings
 * and numbers. Callbacks (`xs.map(f)`) run through the interpreter. Everything else is unknown.
 */
import { Builtin, ErrorValue, Instance, MAX_ARRAY, MAX_STRING, NotEvaluated, SharedChange, Unknown, firstUnknown, isForbiddenKey, isRecord, isUnknown, newRecord, orderedEntries, type BuiltinCall, type Value } from './values';
import { FileIterator, FileMap, FileSet, MAP_CONSTRUCTOR, SET_CONSTRUCTOR, iterate } from './collections';
import { formatLog, type InstanceDisplay } from './format';
export { arrayMethod } from './array-methods';
import { isModuleInstance } from './nn-module';
import { toJson } from './json';
import { Handle } from './membrane';

/** console.log prints an nn.Module instance as its repr (the engine's Module has a custom inspect). */
function moduleDisplay(ctx: BuiltinCall['ctx'], node: BuiltinCall['node']): InstanceDisplay {
  return (v) => (isModuleInstance(v) ? ctx.evaluator.toStringValue(ctx, v, node) : undefined);
}

/** The own keys and values of an object or array of the file, or of a class instance's fields. */
function ownEntries(o: Value): [string, Value][] {
  if (Array.isArray(o) || isRecord(o) || typeof o === 'string') return Object.entries(o);
  if (o instanceof Instance) return orderedEntries(o.fields);
  if (Handle.isHandle(o)) throw new NotEvaluated('the keys of a gradlens object');
  return [];
}

/** A builtin namespace (Math, console, ...): frozen, without a prototype, its name kept for messages. */
function namespace(name: string, members: Record<string, Value>): Readonly<Record<string, Value>> {
  const ns = Object.freeze(Object.assign(newRecord(), members));
  NAMESPACE_NAMES.set(ns, name);
  return ns;
}

const NAMESPACE_NAMES = new WeakMap<object, string>();

/** `Math`, `console`...: a member they lack is a builtin the subset does not have, not `undefined`. */
export function builtinNamespaceName(v: Value): string | undefined {
  return typeof v === 'object' && v !== null ? NAMESPACE_NAMES.get(v) : undefined;
}

function b(name: string, impl: (call: BuiltinCall) => Value): Builtin {
  return new Builtin(name, impl);
}

/** A pure function of the file's values: unknown in, unknown out. */
function pure(name: string, fn: (...args: Value[]) => Value): Builtin {
  return b(name, ({ args }) => firstUnknown(args) ?? fn(...args));
}

/**
 * A pure function of primitive arguments (Math.*, Number(), parseInt...). An object argument would be
 * converted by JavaScript through its own methods, which the subset does not run: refused instead.
 */
function numeric(name: string, fn: (...args: Value[]) => Value): Builtin {
  return b(name, ({ args }) => {
    const u = firstUnknown(args);
    if (u) return u;
    if (args.some((a) => typeof a === 'object' && a !== null)) throw new NotEvaluated('an object as a number');
    return fn(...args);
  });
}

/** The error classes the file may construct and throw (`new Error(msg)`, `TypeError(msg)`). */
const ERROR_NAMES = ['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'] as const;

function errorBuiltin(name: string): Builtin {
  return b(name, ({ ctx, args, node }) => {
    const m = args[0] === undefined ? '' : ctx.evaluator.toStringValue(ctx, args[0], node);
    return isUnknown(m) ? m : new ErrorValue(name, m);
  });
}

const MATH_FUNCTIONS = [
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'cos', 'cosh', 'exp', 'expm1',
  'floor', 'fround', 'hypot', 'log', 'log10', 'log1p', 'log2', 'max', 'min', 'pow', 'round', 'sign', 'sin', 'sinh',
  'sqrt', 'tan', 'tanh', 'trunc',
] as const;

function makeMath(): Readonly<Record<string, Value>> {
  const m: Record<string, Value> = {
    PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E,
    SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2,
  };
  for (const f of MATH_FUNCTIONS) {
    const fn = Math[f];
    m[f] = numeric(`Math.${f}`, (...args: Value[]) => Reflect.apply(fn, Math, args.map(Number)));
  }
  return namespace('Math', m);
}

const GLOBALS: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['Math', makeMath()],
  ['console', namespace('console', {
    log: b('console.log', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args, moduleDisplay(ctx, node))); return undefined; }),
    info: b('console.info', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args, moduleDisplay(ctx, node))); return undefined; }),
    warn: b('console.warn', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args, moduleDisplay(ctx, node))); return undefined; }),
    error: b('console.error', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args, moduleDisplay(ctx, node))); return undefined; }),
  })],
  ['Number', namespace('Number', {
    isFinite: pure('Number.isFinite', (x) => Number.isFinite(x)),
    isInteger: pure('Number.isInteger', (x) => Number.isInteger(x)),
    isNaN: pure('Number.isNaN', (x) => Number.isNaN(x)),
    parseFloat: numeric('Number.parseFloat', (x) => Number.parseFloat(String(x))),
    EPSILON: Number.EPSILON, MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER, MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
    MAX_VALUE: Number.MAX_VALUE, MIN_VALUE: Number.MIN_VALUE,
    POSITIVE_INFINITY: Infinity, NEGATIVE_INFINITY: -Infinity,
  })],
  ['Array', namespace('Array', {
    isArray: pure('Array.isArray', (x) => Array.isArray(x)),
    from: b('Array.from', arrayFrom),
  })],
  ['Object', namespace('Object', {
    keys: pure('Object.keys', (o) => ownEntries(o).map((e) => e[0])),
    values: pure('Object.values', (o) => ownEntries(o).map((e) => e[1])),
    entries: pure('Object.entries', (o) => ownEntries(o)),
    fromEntries: pure('Object.fromEntries', fromEntries),
    assign: pure('Object.assign', assign),
  })],
  ['JSON', namespace('JSON', {
    stringify: pure('JSON.stringify', (x, r, s) => toJson(x, r, s)),
  })],
  ['String', b('String', ({ ctx, args, node }) => firstUnknown(args) ?? (args.length === 0 ? '' : ctx.evaluator.toStringValue(ctx, args[0], node)))],
  ['Boolean', pure('Boolean', (x) => Boolean(x))],
  ['parseInt', numeric('parseInt', (x, r) => parseInt(String(x), r === undefined ? undefined : Number(r)))],
  ['parseFloat', numeric('parseFloat', (x) => parseFloat(String(x)))],
  ['isNaN', numeric('isNaN', (x) => isNaN(Number(x)))],
  ['isFinite', numeric('isFinite', (x) => isFinite(Number(x)))],
  ['Set', namespace('Set', {})],
  ['Map', namespace('Map', {})],
  ...ERROR_NAMES.map((n): [string, Value] => [n, namespace(n, {})]),
]);

function fromEntries(e: Value): Value {
  const out = newRecord();
  if (!Array.isArray(e)) throw new TypeError('Object.fromEntries expects an array of [key, value] pairs here');
  for (const pair of e) if (Array.isArray(pair)) out[String(pair[0])] = pair[1];
  return out;
}

/** `Object.assign(target, ...sources)` between the file's own objects; a gradlens object is neither. */
function assign(target: Value, ...sources: Value[]): Value {
  const ns = builtinNamespaceName(target);
  if (ns !== undefined) throw new SharedChange(`Object.assign into ${ns}`);
  if (!isRecord(target)) throw new NotEvaluated('Object.assign into a value that is not an object of the file');
  for (const s of sources) {
    if (s === null || s === undefined) continue;
    for (const [k, v] of ownEntries(s)) {
      if (isForbiddenKey(k)) throw new NotEvaluated(`Object.assign of the key '${k}'`);
      target[k] = v;
    }
  }
  return target;
}

/** `Array(n)` / `new Array(n)`: n empty slots (bounded), or the given elements. */
function arrayCall({ args }: BuiltinCall): Value {
  const u = firstUnknown(args);
  if (u) return u;
  if (args.length === 1 && typeof args[0] === 'number') {
    const n = args[0];
    if (!Number.isInteger(n) || n < 0 || n > MAX_ARRAY) throw new RangeError('Invalid array length');
    return new Array(n);
  }
  return [...args];
}

/** Globals that are objects with members and callable too (`Number(x)`, `Array(n)`, `Error(m)`): what a call does. */
export function callableGlobal(v: Value): Builtin | undefined {
  if (v === GLOBALS.get('Number')) return NUMBER_CALL;
  if (v === GLOBALS.get('Array')) return ARRAY_CALL;
  if (v === GLOBALS.get('Set') || v === GLOBALS.get('Map')) return NEEDS_NEW.get(v);
  return ERRORS.get(v);
}

/** What `new G(...)` does for a global `G` (Array, Set, Map, the error classes); undefined: not constructible here. */
export function constructGlobal(v: Value): Builtin | undefined {
  if (v === GLOBALS.get('Array')) return ARRAY_CALL;
  if (v === GLOBALS.get('Set')) return SET_CONSTRUCTOR;
  if (v === GLOBALS.get('Map')) return MAP_CONSTRUCTOR;
  return ERRORS.get(v);
}

/** `x instanceof G` for the globals that are classes; undefined when `G` is no such global. */
export function globalInstanceOf(x: Value, g: Value): boolean | undefined {
  if (g === GLOBALS.get('Array')) return Array.isArray(x);
  if (g === GLOBALS.get('Set')) return x instanceof FileSet;
  if (g === GLOBALS.get('Map')) return x instanceof FileMap;
  const name = ERROR_NAMES.find((n) => GLOBALS.get(n) === g);
  if (name === undefined) return undefined;
  return x instanceof ErrorValue && (name === 'Error' || x.name === name);
}

const ERRORS = new Map<Value, Builtin>(ERROR_NAMES.map((n) => [GLOBALS.get(n), errorBuiltin(n)]));
const NEEDS_NEW = new Map<Value, Builtin>(['Set', 'Map'].map((n) => [GLOBALS.get(n), b(n, () => {
  throw new TypeError(`Constructor ${n} requires 'new'`);
})]));

const NUMBER_CALL = numeric('Number', (x) => Number(x));
const ARRAY_CALL = b('Array', arrayCall);

export function lookupGlobal(name: string): Value {
  return GLOBALS.get(name);
}


function arrayFrom({ ctx, args, node }: BuiltinCall): Value {
  const [src, fn] = args;
  const u = firstUnknown(args);
  if (u) return u;
  let items: Value[];
  if (Array.isArray(src) || typeof src === 'string' || src instanceof FileSet || src instanceof FileMap || src instanceof FileIterator) {
    const it = iterate(ctx, src, node);
    if (isUnknown(it)) return it;
    items = it.slice();
  } else if (isRecord(src) && src.length instanceof Unknown) return src.length;
  else if (isRecord(src) && typeof src.length === 'number' && src.length >= 0 && src.length <= MAX_ARRAY) {
    items = new Array(Math.floor(src.length)).fill(undefined);
  } else if (isRecord(src) && typeof src.length === 'number') {
    throw new RangeError('Invalid array length');
  } else if (Handle.isHandle(src) || src instanceof Instance) {
    throw new NotEvaluated('Array.from over this value');
  } else return [];
  if (fn === undefined) return items;
  return items.map((x, i) => ctx.evaluator.invoke(ctx, fn, undefined, [x, i], node));
}

const STRING_METHODS = new Set([
  'toUpperCase', 'toLowerCase', 'padStart', 'padEnd', 'repeat', 'slice', 'substring', 'trim', 'trimStart', 'trimEnd',
  'split', 'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'charAt', 'charCodeAt', 'concat', 'at',
  'toString',
]);

export function stringMethod(name: string): Builtin | undefined {
  if (!STRING_METHODS.has(name)) return undefined;
  const fn: (...a: Value[]) => Value = Reflect.get(String.prototype, name);
  return b(name, ({ args, thisValue }) => {
    const u = firstUnknown(args);
    if (u) return u;
    if (name === 'repeat' && Number(args[0]) * String(thisValue).length > MAX_STRING) throw new RangeError('Invalid string length');
    if (name === 'padStart' || name === 'padEnd') args[0] = Math.min(Number(args[0]), MAX_STRING);
    if (args.some((a) => typeof a === 'object' && a !== null)) throw new NotEvaluated('an object as a string argument');
    return fn.apply(thisValue, args);
  });
}

const NUMBER_METHODS = new Set(['toFixed', 'toPrecision', 'toExponential', 'toString']);

export function numberMethod(name: string): Builtin | undefined {
  if (!NUMBER_METHODS.has(name)) return undefined;
  return b(name, ({ args, thisValue }) => {
    const u = firstUnknown(args);
    if (u) return u;
    const proto = typeof thisValue === 'boolean' ? Boolean.prototype : Number.prototype;
    const fn: (...a: Value[]) => Value = Reflect.get(proto, name);
    return fn.apply(thisValue, args);
  });
}
