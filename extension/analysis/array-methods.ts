/**
 * Methods of the file's arrays, as JavaScript's: callbacks (`map`, `filter`, `reduce`, `sort`'s
 * comparator) run through the interpreter, an unknown answer makes the result unknown, and sizes are
 * bounded (MAX_ARRAY, MAX_STRING).
 */
import { Builtin, MAX_ARRAY, MAX_STRING, NotEvaluated, UnknownResult, firstUnknown, poison, type BuiltinCall, type Value } from './values';

function b(name: string, impl: (call: BuiltinCall) => Value): Builtin {
  return new Builtin(name, impl);
}

/** An element of a joined array as JavaScript prints it (null and undefined as ''). */
function elementString(ctx: BuiltinCall['ctx'], x: Value, node: BuiltinCall['node']): string {
  if (x === null || x === undefined) return '';
  const s = ctx.evaluator.toStringValue(ctx, x, node);
  if (typeof s !== 'string') throw new NotEvaluated(`join of a value not known here (${s.reason})`);
  return s;
}

/** Array methods that call back into the file's functions. */
function callbackMethod(name: string): Builtin | undefined {
  switch (name) {
    case 'map': return b('map', ({ ctx, args, thisValue: a, node }) => a.map((x: Value, i: number) => ctx.evaluator.invoke(ctx, args[0], undefined, [x, i, a], node)));
    case 'forEach': return b('forEach', ({ ctx, args, thisValue: a, node }) => { a.forEach((x: Value, i: number) => ctx.evaluator.invoke(ctx, args[0], undefined, [x, i, a], node)); return undefined; });
    case 'filter': return b('filter', ({ ctx, args, thisValue: a, node }) => a.filter((x: Value, i: number) => truthy(ctx.evaluator.invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'some': return b('some', ({ ctx, args, thisValue: a, node }) => a.some((x: Value, i: number) => truthy(ctx.evaluator.invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'every': return b('every', ({ ctx, args, thisValue: a, node }) => a.every((x: Value, i: number) => truthy(ctx.evaluator.invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'find': return b('find', ({ ctx, args, thisValue: a, node }) => a.find((x: Value, i: number) => truthy(ctx.evaluator.invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'findIndex': return b('findIndex', ({ ctx, args, thisValue: a, node }) => a.findIndex((x: Value, i: number) => truthy(ctx.evaluator.invoke(ctx, args[0], undefined, [x, i, a], node))));
    case 'reduce': return b('reduce', ({ ctx, args, thisValue: a, node }) => {
      const f = (acc: Value, x: Value, i: number): Value => ctx.evaluator.invoke(ctx, args[0], undefined, [acc, x, i, a], node);
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

/** The length `a.flat(depth)` would have, counted up to just past `limit` (holes are dropped, as flat drops them). */
function flatLength(a: readonly Value[], depth: number, limit: number): number {
  let n = 0;
  for (let i = 0; i < a.length && n <= limit; i++) {
    if (!(i in a)) continue;
    const x = a[i];
    n += Array.isArray(x) && depth >= 1 ? flatLength(x, depth - 1, limit - n) : 1;
  }
  return n;
}

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
    const r = ctx.evaluator.invoke(ctx, cmp, undefined, [x, y], node);
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
    // an array that holds itself many times over flattens to 2^depth items: counted before it is built
    if (name === 'flat' && flatLength(thisValue, args[0] === undefined ? 1 : Number(args[0]), MAX_ARRAY) > MAX_ARRAY) {
      throw new RangeError(`array longer than ${MAX_ARRAY} elements`);
    }
    const out = fn.apply(thisValue, args);
    if (Array.isArray(out) && out.length > MAX_ARRAY) throw new RangeError(`array longer than ${MAX_ARRAY} elements`);
    return out;
  });
}
