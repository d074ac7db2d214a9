/**
 * Values of the interpreter. Primitives and arrays are ordinary JS values; the file's objects are
 * objects without a prototype (`newRecord`), so no key of theirs is special; engine objects (tensors,
 * optimizers, grad functions, the module's functions) are handles made by the membrane (membrane/),
 * never the engine's objects themselves. "Not known statically" is a value (`Unknown`), never an
 * exception, as in TypeScript's constant evaluator.
 */
import ts from 'typescript';
import type { Scope } from './scope';
import type { BindingRecord } from './binding-record';
import { Handle } from './membrane/handle';

/** A value that could not be computed; anything computed from it is unknown for the same reason. */
export class Unknown {
  /** `foreign`: a name imported from a module other than gradlens; calls through it are reported. */
  constructor(readonly reason: string, readonly foreign = false) {}
}

/**
 * An unknown that may be an object every run shares with the host: a prototype or constructor reached
 * through `constructor`/`__proto__`/`prototype`, the global object, `Reflect`. Writing through it or
 * calling it may change JavaScript's built-ins or the engine for the rest of the real run (shared.ts).
 */
export class SharedUnknown extends Unknown {}

/** Thrown by a builtin that would change a built-in (`Object.assign(Math, …)`); the call ends the run there (shared.ts). */
export class SharedChange extends Error {}

/** Keys that lead from any value to a prototype or a constructor shared by the whole process. */
const SHARED_KEYS = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'caller', 'callee', 'arguments']);

export function reachesShared(key: string): boolean {
  return SHARED_KEYS.has(key);
}

/** Thrown by a builtin whose result depends on a value not known here (a callback's unknown answer). */
export class UnknownResult extends Error {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}

/** Thrown by a builtin for a use the subset does not evaluate: reported as "not evaluated here", the result unknown. */
export class NotEvaluated extends Error {}

/** A function written in the analysed file (declaration, expression, arrow or method). */
export class Closure {
  constructor(
    readonly name: string,
    readonly decl: ts.SignatureDeclaration & { body?: ts.ConciseBody },
    readonly scope: Scope,
    /** Lexical `this` for arrows; undefined for ordinary functions (bound at the call). */
    readonly lexicalThis: Value | undefined,
    readonly isArrow: boolean,
    /** For a method: the class it is written in and whether it is static (what `super` means in it). */
    readonly home?: HomeObject,
  ) {}
}

/** Where a method is written: `super.x` looks in the parent of `cls` (its statics when `isStatic`). */
export interface HomeObject {
  readonly cls: ClassValue;
  readonly isStatic: boolean;
}

/** Methods and accessors of one side (instance or static) of a class; private ones keyed `#name`. */
export interface ClassMembers {
  readonly methods: ReadonlyMap<string, ts.MethodDeclaration>;
  /** `get x() {...}`: run with `this` when the property is read. */
  readonly getters: ReadonlyMap<string, ts.GetAccessorDeclaration>;
  /** `set x(v) {...}`: run with `this` when the property is written. */
  readonly setters: ReadonlyMap<string, ts.SetAccessorDeclaration>;
}

/**
 * The built-in classes a class of the file may extend (`nn.Module`: its behaviour is nn-module.ts;
 * `autograd.Function`: custom-function.ts).
 */
export class BuiltinBase {
  constructor(readonly name: 'nn.Module' | 'autograd.Function') {}
}

export const MODULE_BASE = new BuiltinBase('nn.Module');
export const FUNCTION_BASE = new BuiltinBase('autograd.Function');

/**
 * A class declared in the analysed file. Construction follows JavaScript: a base class defines its
 * fields then runs its constructor; a derived one runs its constructor, whose `super(...)` builds the
 * parent's part and then defines this class's fields. Static members live in `staticFields`.
 */
export class ClassValue {
  readonly methods: ReadonlyMap<string, ts.MethodDeclaration>;
  readonly getters: ReadonlyMap<string, ts.GetAccessorDeclaration>;
  readonly setters: ReadonlyMap<string, ts.SetAccessorDeclaration>;
  /** Static fields and what static blocks stored (static methods and accessors are in `statics`). */
  readonly staticFields = new Map<string, Value>();
  /** Static private fields (`static #count = 0`). */
  readonly staticPrivates = new Map<string, Value>();
  constructor(
    readonly name: string,
    readonly decl: ts.ClassLikeDeclaration,
    readonly scope: Scope,
    instance: ClassMembers,
    readonly statics: ClassMembers = EMPTY_MEMBERS,
    readonly parent: ClassValue | BuiltinBase | undefined = undefined,
  ) {
    this.methods = instance.methods;
    this.getters = instance.getters;
    this.setters = instance.setters;
  }
}

const EMPTY_MEMBERS: ClassMembers = { methods: new Map(), getters: new Map(), setters: new Map() };

/** An instance of a class from the file. `fields` hold what `this.x = ...` stored, in creation order. */
export class Instance {
  readonly fields = new Map<string, Value>();
  /** Private fields (`#x`), keyed by the declaring class and the name: invisible to keys, JSON and printing. */
  readonly privates = new Map<string, Value>();
  /** The binding that last set each field through `this.x = ...`, for `uses` ranges. */
  readonly fieldBindings = new Map<string, BindingRecord>();
  constructor(readonly cls: ClassValue) {}
}

/**
 * An error as the file sees it: `new Error(msg)`, a `throw`n engine error, or a TypeError the real run
 * would throw. `message` and `name` are readable (and writable), `String(e)` is "name: message".
 */
export class ErrorValue {
  /** `source`: the engine's error object, for `e instanceof ShapeError` (never read by the file). */
  constructor(public name: string, public message: string, readonly source?: object) {}
}

/** A `throw` (or an error the real run would throw) on its way to the nearest `catch`; at the top it ends the run. */
export class Thrown extends Error {
  constructor(readonly value: Value, readonly node: ts.Node) {
    super('a value thrown by the analysed file');
  }
}

/**
 * The entries of a field map in JavaScript's own-key order: integer keys ascending first, then the
 * others in creation order (what Object.keys gives for the real object).
 */
export function orderedEntries(fields: ReadonlyMap<string, Value>): [string, Value][] {
  const ints: [string, Value][] = [];
  const rest: [string, Value][] = [];
  for (const e of fields) (isArrayIndex(e[0]) ? ints : rest).push(e);
  if (ints.length === 0) return rest;
  ints.sort((a, b) => Number(a[0]) - Number(b[0]));
  return [...ints, ...rest];
}

function isArrayIndex(k: string): boolean {
  return /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;
}

/** A method of a value, with its receiver: `x.mul` before it is called. */
export class BoundMethod {
  constructor(readonly receiver: Value, readonly name: string, readonly target: Callable) {}
}

/** A builtin the interpreter implements itself (console.log, Math.*, array methods...). */
export class Builtin {
  constructor(readonly name: string, readonly impl: (call: BuiltinCall) => Value) {}
}

/** What a builtin receives: the run (for callbacks and diagnostics), its arguments, its receiver, the call. */
export interface BuiltinCall {
  readonly ctx: import('./context').RunContext;
  readonly args: Value[];
  readonly thisValue: Value;
  readonly node: ts.Node;
}

export type Callable = Closure | ClassValue | Builtin | Handle;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a value of the analysed program is any JS value
export type Value = any;

export function isUnknown(v: Value): v is Unknown {
  return v instanceof Unknown;
}

/**
 * Objects whose contents are no longer known: code the analysis skipped (a loop over an unknown list,
 * a callback of an unknown function, a branch on an unknown condition) may have changed them (havoc.ts).
 * Every later read of such an object gives the Unknown it maps to. Keys are objects of one run only
 * (arrays and objects of the file, its class instances, handles on its tensors and optimizers), never
 * the engine's shared handles, so nothing carries over to the next analysis.
 */
const POISONED = new WeakMap<object, Unknown>();

export function poison(v: object, why: Unknown): void {
  if (!POISONED.has(v)) POISONED.set(v, why);
}

/** The Unknown that stands for `v` when it is a poisoned object; `v` itself otherwise. */
export function reveal(v: Value): Value {
  return typeof v === 'object' && v !== null ? POISONED.get(v) ?? v : v;
}

/** The first unknown among `values`, if any (operations on unknowns yield that unknown). */
export function firstUnknown(values: readonly Value[]): Unknown | undefined {
  for (const v of values) {
    if (v instanceof Unknown) return v;
    if (typeof v === 'object' && v !== null) {
      const p = POISONED.get(v);
      if (p) return p;
    }
  }
  return undefined;
}

/** The first unknown among `values` or inside their arrays and plain objects (`cat([a, b])`), a few levels deep. */
export function firstUnknownDeep(values: readonly Value[], depth = 3): Unknown | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v instanceof Unknown) return v;
    if (v === null || typeof v !== 'object') continue;
    const p = POISONED.get(v);
    if (p) return p;
    if (depth <= 0) continue;
    if (Array.isArray(v)) {
      const u = firstUnknownDeep(v, depth - 1);
      if (u) return u;
    } else if (isRecord(v)) {
      const u = firstUnknownDeep(Object.values(v), depth - 1);
      if (u) return u;
    }
  }
  return undefined;
}

export function isCallable(v: Value): v is Callable {
  return v instanceof Closure || v instanceof ClassValue || v instanceof Builtin || (Handle.isHandle(v) && (v.kind === 'function' || v.kind === 'class'));
}

/** A new object of the file: no prototype, so `__proto__`, `toString` and the rest are ordinary keys. */
export function newRecord(): Record<string, Value> {
  return Object.create(null) as Record<string, Value>;
}

/** An object of the file (made by `newRecord`): not an array, a handle or an interpreter value. */
export function isRecord(v: Value): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === null;
}

/** Property names never read or written on any value: they lead out of the sandbox (Function, prototypes). */
const FORBIDDEN = new Set([...SHARED_KEYS, 'call', 'apply', 'bind', 'valueOf', 'toLocaleString', 'then']);

/** Longest string and array the analysed code may build (doubling loops end here, not in an out-of-memory). */
export const MAX_STRING = 10_000_000;
export const MAX_ARRAY = 1_000_000;

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}
