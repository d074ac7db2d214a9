/**
 * The few globals the subset has (Math, console, Number, Array, JSON...) and methods of arrays, strings
 * and numbers. Callbacks (`xs.map(f)`) run through the interpreter. Everything else is unknown.
 */
import { Builtin, Instance, MAX_ARRAY, MAX_STRING, NotEvaluated, Unknown, UnknownResult, firstUnknown, poison, isForbiddenKey, isRecord, newRecord, type BuiltinCall, type Value } from './values';
import { toStringValue } from './operators';
import { invoke } from './calls';
import { formatLog } from './format';
import { toJson } from './json';
import { Handle } from './membrane';

/** The own keys and values of an object or array of the file, or of a class instance's fields. */
function ownEntries(o: Value): [string, Value][] {
  if (Array.isArray(o) || isRecord(o) || typeof o === 'string') return Object.entries(o);
  if (o instanceof Instance) return [...o.fields.entries()];
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
    log: b('console.log', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args)); return undefined; }),
    info: b('console.info', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args)); return undefined; }),
    warn: b('console.warn', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args)); return undefined; }),
    error: b('console.error', ({ ctx, args, node }) => { ctx.log(node, () => formatLog(args)); return undefined; }),
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
  ['String', b('String', ({ ctx, args, node }) => firstUnknown(args) ?? (args.length === 0 ? '' : toStringValue(ctx, args[0], node)))],
  ['Boolean', pure('Boolean', (x) => Boolean(x))],
  ['parseInt', numeric('parseInt', (x, r) => parseInt(String(x), r === undefined ? undefined : Number(r)))],
  ['parseFloat', numeric('parseFloat', (x) => parseFloat(String(x)))],
  ['isNaN', numeric('isNaN', (x) => isNaN(Number(x)))],
  ['isFinite', numeric('isFinite', (x) => isFinite(Number(x)))],
]);

function fromEntries(e: Value): Value {
  const out = newRecord();
  if (!Array.isArray(e)) throw new TypeError('Object.fromEntries expects an array of [key, value] pairs here');
  for (const pair of e) if (Array.isArray(pair)) out[String(pair[0])] = pair[1];
  return out;
}

/** `Object.assign(target, ...sources)` between the file's own objects; a gradlens object is neither. */
function assign(target: Value, ...sources: Value[]): Value {
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

/** Globals that are objects with members and callable too (`Number(x)`, `Array(n)`): what a call does. */
export function callableGlobal(v: Value): Builtin | undefined {
  if (v === GLOBALS.get('Number')) return NUMBER_CALL;
  if (v === GLOBALS.get('Array')) return ARRAY_CALL;
  return undefined;
}

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
  if (Array.isArray(src)) items = src.slice();
  else if (typeof src === 'string') items = [...src];
  else if (isRecord(src) && src.length instanceof Unknown) return src.length;
  else if (isRecord(src) && typeof src.length === 'number' && src.length >= 0 && src.length <= MAX_ARRAY) {
    items = new Array(Math.floor(src.length)).fill(undefined);
  } else if (isRecord(src) && typeof src.length === 'number') {
    throw new RangeError('Invalid array length');
  } else if (Handle.isHandle(src) || src instanceof Instance) {
    throw new NotEvaluated('Array.from over this value');
  } else return [];
  if (fn === undefined) return items;
  return items.map((x, i) => invoke(ctx, fn, undefined, [x, i], node));
}

/** An element of a joined array as JavaScript prints it (null and undefined as ''). */
function elementString(ctx: BuiltinCall['ctx'], x: Value, node: BuiltinCall['node']): string {
  if (x === null || x === undefined) return '';
  const s = toStringValue(ctx, x, node);
  if (typeof s !== 'string') throw new NotEvaluated(`join of a value not known here (${s.reason})`);
  return s;
}

/** Array methods that call back into the file's functions. */
function callbackMethod(name: string): Builtin | undefined {
  switch (name) {
    case 'map': return b('map', ({ ctx, args, thisValue: a, node }) => a.map((x: Value, i: number) => invoke(ctx, args[0], undefined, [x, i, a], node)));
    case 'forEach': return b('forEach', ({ ctx, args, thisValue: a, node }) => { a.forEach((x: Value, i: number) => invoke(ctx, args[0], undefined, [x, i, a], node)); return undefined; });
    case 'filter': return b('filter', ({ ctx, args, thisValue: a, node }) => a.filter((x: Value, i: number) => truthy(invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'some': return b('some', ({ ctx, args, thisValue: a, node }) => a.some((x: Value, i: number) => truthy(invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'every': return b('every', ({ ctx, args, thisValue: a, node }) => a.every((x: Value, i: number) => truthy(invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'find': return b('find', ({ ctx, args, thisValue: a, node }) => a.find((x: Value, i: number) => truthy(invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'findIndex': return b('findIndex', ({ ctx, args, thisValue: a, node }) => a.findIndex((x: Value, i: number) => truthy(invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'reduce': return b('reduce', ({ ctx, args, thisValue: a, node }) => {
      const f = (acc: Value, x: Value, i: number): Value => invoke(ctx, args[0], undefined, [acc, x, i, a], node);
      return args.length > 1 ? a.reduce(f, args[1]) : a.reduce(f);
    });
  }
  return undefined;
}

/** A callback's answer as a boolean; an unknown answer makes the whole builtin's result unknown. */
function truthy(v: Value): boolean {
  const u = firstUnknown([v]);
  if (u) throw new UnknownResult(u);
  return Boolean(v);
}

const ARRAY_PLAIN = new Set([
  'push', 'pop', 'shift', 'unshift', 'slice', 'concat', 'indexOf', 'lastIndexOf', 'includes', 'join', 'reverse',
  'at', 'fill', 'flat', 'splice',
]);

/** Methods that store their arguments as elements (an unknown argument is an unknown element). */
const ADDS_ELEMENTS = new Set(['push', 'unshift', 'fill']);

/** Searches whose answer an unknown element could change (it might be the one searched for). */
const SEARCHES = new Set(['indexOf', 'lastIndexOf', 'includes']);

/**
 * `sort(compare?)`, in place, as JavaScript sorts (stable; without a comparator, by the elements' strings,
 * undefined last). The comparator runs in the interpreter; an unknown answer makes the order unknown.
 */
function sortArray({ ctx, args, thisValue: a, node }: BuiltinCall): Value {
  const cmp = args[0];
  const u = firstUnknown(a);
  if (u) throw new UnknownResult(u);
  if (cmp === undefined) {
    if (a.some((x: Value) => typeof x === 'object' && x !== null)) throw new NotEvaluated('sort of objects without a comparator');
    return a.sort();
  }
  return a.sort((x: Value, y: Value) => {
    const r = invoke(ctx, cmp, undefined, [x, y], node);
    const ru = firstUnknown([r]);
    if (ru) throw new UnknownResult(ru);
    return Number(r) || 0;
  });
}

export function arrayMethod(name: string): Builtin | undefined {
  const cb = callbackMethod(name);
  if (cb) return cb;
  if (name === 'sort') return b('sort', sortArray);
  if (name === 'entries') return b('entries', ({ thisValue: a }) => a.map((x: Value, i: number) => [i, x]));
  if (name === 'keys') return b('keys', ({ thisValue: a }) => a.map((_x: Value, i: number) => i));
  if (name === 'values') return b('values', ({ thisValue: a }) => a.slice());
  if (name === 'join') return b('join', ({ ctx, args, thisValue: a, node }) => {
    const u = firstUnknown(args);
    if (u) return u;
    const sep = args[0] === undefined ? ',' : String(args[0]);
    if (sep.length * a.length > MAX_STRING) throw new RangeError('Invalid string length');
    const out = a.map((x: Value) => elementString(ctx, x, node)).join(sep);
    if (out.length > MAX_STRING) throw new RangeError('Invalid string length');
    return out;
  });
  if (!ARRAY_PLAIN.has(name)) return undefined;
  const fn: (...a: Value[]) => Value = Reflect.get(Array.prototype, name);
  return b(name, ({ ctx, args, thisValue }) => {
    // Adding unknown elements gives unknown elements; other uses of an unknown argument give an unknown result.
    const u = firstUnknown(ADDS_ELEMENTS.has(name) ? (name === 'fill' ? args.slice(1) : []) : args);
    if (u) {
      if (name === 'splice') {
        poison(thisValue, u);
        ctx.poisoning = true;
      }
      return u;
    }
    if (SEARCHES.has(name)) {
      const inside = firstUnknown(thisValue);
      if (inside) return inside;
    }
    if (name === 'concat' || name === 'push' || name === 'unshift') {
      const added = args.reduce((n: number, a: Value) => n + (Array.isArray(a) ? a.length : 1), 0);
      if (thisValue.length + added > MAX_ARRAY) throw new RangeError(`array longer than ${MAX_ARRAY} elements`);
    }
    const out = fn.apply(thisValue, args);
    if (Array.isArray(out) && out.length > MAX_ARRAY) throw new RangeError(`array longer than ${MAX_ARRAY} elements`);
    return out;
  });
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
