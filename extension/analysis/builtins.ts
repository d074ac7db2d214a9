/**
 * The few globals the subset has (Math, console, Number, Array, JSON...) and methods of arrays, strings
 * and numbers. Callbacks (`xs.map(f)`) run through the interpreter. Everything else is unknown.
 */
import { Builtin, MAX_ARRAY, MAX_STRING, firstUnknown, type BuiltinCall, type Value } from './values';
import { invoke } from './calls';
import { formatLog } from './format';

/** A plain object or an array (what Object.keys and friends are given here; engine objects are not). */
function isRecord(v: Value): boolean {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function b(name: string, impl: (call: BuiltinCall) => Value): Builtin {
  return new Builtin(name, impl);
}

/** A pure function of primitive arguments: unknown in, unknown out. */
function pure(name: string, fn: (...args: Value[]) => Value): Builtin {
  return b(name, ({ args }) => firstUnknown(args) ?? fn(...args));
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
    m[f] = pure(`Math.${f}`, (...args: Value[]) => Reflect.apply(fn, Math, args.map(Number)));
  }
  return Object.freeze(m);
}

const GLOBALS: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['Math', makeMath()],
  ['console', Object.freeze({
    log: b('console.log', ({ ctx, args, node }) => { ctx.log(node, formatLog(args)); return undefined; }),
    info: b('console.info', ({ ctx, args, node }) => { ctx.log(node, formatLog(args)); return undefined; }),
    warn: b('console.warn', ({ ctx, args, node }) => { ctx.log(node, formatLog(args)); return undefined; }),
    error: b('console.error', ({ ctx, args, node }) => { ctx.log(node, formatLog(args)); return undefined; }),
  })],
  ['Number', Object.freeze({
    isFinite: pure('Number.isFinite', (x) => Number.isFinite(x)),
    isInteger: pure('Number.isInteger', (x) => Number.isInteger(x)),
    isNaN: pure('Number.isNaN', (x) => Number.isNaN(x)),
    parseFloat: pure('Number.parseFloat', (x) => Number.parseFloat(String(x))),
    EPSILON: Number.EPSILON, MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER, MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
    MAX_VALUE: Number.MAX_VALUE, MIN_VALUE: Number.MIN_VALUE,
    POSITIVE_INFINITY: Infinity, NEGATIVE_INFINITY: -Infinity,
  })],
  ['Array', Object.freeze({
    isArray: pure('Array.isArray', (x) => Array.isArray(x)),
    from: b('Array.from', arrayFrom),
  })],
  ['Object', Object.freeze({
    keys: pure('Object.keys', (o) => (isRecord(o) ? Object.keys(o) : [])),
    values: pure('Object.values', (o) => (isRecord(o) ? Object.values(o) : [])),
    entries: pure('Object.entries', (o) => (isRecord(o) ? Object.entries(o) : [])),
    fromEntries: pure('Object.fromEntries', (e) => (Array.isArray(e) ? Object.fromEntries(e.filter(Array.isArray)) : {})),
  })],
  ['JSON', Object.freeze({
    stringify: pure('JSON.stringify', (x, r, s) => JSON.stringify(x, null, typeof s === 'number' || typeof s === 'string' ? s : undefined)),
  })],
  ['String', pure('String', (x) => String(x))],
  ['Boolean', pure('Boolean', (x) => Boolean(x))],
  ['parseInt', pure('parseInt', (x, r) => parseInt(String(x), r === undefined ? undefined : Number(r)))],
  ['parseFloat', pure('parseFloat', (x) => parseFloat(String(x)))],
  ['isNaN', pure('isNaN', (x) => isNaN(Number(x)))],
  ['isFinite', pure('isFinite', (x) => isFinite(Number(x)))],
]);

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

const NUMBER_CALL = pure('Number', (x) => Number(x));
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
  else if (src && typeof src === 'object' && typeof src.length === 'number' && src.length >= 0 && src.length <= MAX_ARRAY) {
    items = new Array(Math.floor(src.length)).fill(undefined);
  } else return [];
  if (fn === undefined) return items;
  return items.map((x, i) => invoke(ctx, fn, undefined, [x, i], node));
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

function truthy(v: Value): boolean {
  return Boolean(v) && firstUnknown([v]) === undefined;
}

const ARRAY_PLAIN = new Set([
  'push', 'pop', 'shift', 'unshift', 'slice', 'concat', 'indexOf', 'lastIndexOf', 'includes', 'join', 'reverse',
  'at', 'fill', 'flat', 'splice',
]);

export function arrayMethod(name: string): Builtin | undefined {
  const cb = callbackMethod(name);
  if (cb) return cb;
  if (name === 'entries') return b('entries', ({ thisValue: a }) => a.map((x: Value, i: number) => [i, x]));
  if (name === 'keys') return b('keys', ({ thisValue: a }) => a.map((_x: Value, i: number) => i));
  if (name === 'values') return b('values', ({ thisValue: a }) => a.slice());
  if (name === 'join') return b('join', ({ args, thisValue: a }) => {
    const u = firstUnknown(args);
    if (u) return u;
    const sep = args[0] === undefined ? ',' : String(args[0]);
    if (sep.length * a.length > MAX_STRING) throw new RangeError('Invalid string length');
    const out = a.map((x: Value) => (x === null || x === undefined ? '' : String(x))).join(sep);
    if (out.length > MAX_STRING) throw new RangeError('Invalid string length');
    return out;
  });
  if (!ARRAY_PLAIN.has(name)) return undefined;
  const fn: (...a: Value[]) => Value = Reflect.get(Array.prototype, name);
  return b(name, ({ args, thisValue }) => {
    const u = firstUnknown(args);
    if (u) return u;
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
    return fn.apply(thisValue, args.map((x) => (typeof x === 'object' && x !== null ? String(x) : x)));
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
