/**
 * `Set`, `Map` and their iterators as values of the file, and iteration itself (for...of, spread,
 * Array.from, destructuring): arrays, strings, sets, maps and iterators are iterable. Elements are the
 * file's values, compared as JavaScript compares them (SameValueZero; objects and handles by identity,
 * and a handle is one object per engine object). A key that is not known here leaves the collection
 * unknown (poisoned), as a write at an unknown index does an array.
 */
import type ts from 'typescript';
import type { RunContext } from './context';
import {
  BoundMethod, Builtin, MAX_ARRAY, Unknown, UnknownResult, firstUnknown, isUnknown, poison, reveal,
  type BuiltinCall, type Value,
} from './values';
import { moduleListItems } from './membrane';

export class FileSet {
  readonly items = new Set<Value>();
}

export class FileMap {
  readonly items = new Map<Value, Value>();
}

export type IteratorKind = 'Set Iterator' | 'Set Entries' | 'Map Iterator' | 'Map Entries';

/** What `keys()`, `values()`, `entries()` of a Set or Map give: a snapshot, consumed as it is iterated. */
export class FileIterator {
  position = 0;
  constructor(readonly kind: IteratorKind, readonly items: readonly Value[]) {}
  rest(): Value[] {
    const out = this.items.slice(this.position);
    this.position = this.items.length;
    return out;
  }
}

export function isCollection(v: Value): v is FileSet | FileMap {
  return v instanceof FileSet || v instanceof FileMap;
}

/** The values a collection holds (havoc.ts: what a change to it may reach). */
export function heldValues(v: FileSet | FileMap): Value[] {
  return v instanceof FileSet ? [...v.items] : [...v.items.keys(), ...v.items.values()];
}

/**
 * The elements of an iterable value, in order (`already`: elements gathered before it, for the size
 * limit); an Unknown when the value is not known, or is not iterable here (reported).
 */
export function iterate(ctx: RunContext, v: Value, node: ts.Node, already = 0): readonly Value[] | Unknown {
  const x = reveal(v);
  if (isUnknown(x)) return x;
  let items: readonly Value[];
  if (Array.isArray(x)) items = x;
  else if (typeof x === 'string') items = [...x];
  else if (x instanceof FileSet) items = [...x.items];
  else if (x instanceof FileMap) items = [...x.items].map(([k, e]) => [k, e]);
  else if (x instanceof FileIterator) items = x.rest();
  else {
    const modules = moduleListItems(x);
    if (modules === undefined) {
      ctx.unsupported(node, 'iterating over a value that is not an array, string, Set, Map, iterator or nn.ModuleList');
      return new Unknown('depends on iterating over a value that is not iterable here (not evaluated)');
    }
    items = modules;
  }
  if (already + items.length > MAX_ARRAY) {
    ctx.report(node, 'error', 'budget', `More than ${MAX_ARRAY} elements: not built by the analysis`);
    return new Unknown('a list over the size limit');
  }
  return items;
}

/** A key or element not known here: the collection's contents are no longer known. */
function unknownKey(ctx: RunContext, c: FileSet | FileMap, why: Unknown): Unknown {
  poison(c, why);
  ctx.poisoning = true;
  return why;
}

function fill(ctx: RunContext, target: FileSet | FileMap, source: Value, node: ts.Node): Value {
  if (source === undefined || source === null) return target;
  const items = iterate(ctx, source, node);
  if (isUnknown(items)) return items;
  for (const item of items) {
    if (target instanceof FileSet) {
      if (isUnknown(item)) return item;
      target.items.add(item);
      continue;
    }
    if (!Array.isArray(item)) throw new TypeError(`Iterator value ${String(item)} is not an entry object`);
    if (isUnknown(item[0])) return item[0];
    target.items.set(item[0], item[1]);
  }
  return target;
}

/** `new Set(iterable?)`, `new Map(entries?)`. */
export const SET_CONSTRUCTOR = new Builtin('Set', ({ ctx, args, node }) => fill(ctx, new FileSet(), args[0], node));
export const MAP_CONSTRUCTOR = new Builtin('Map', ({ ctx, args, node }) => fill(ctx, new FileMap(), args[0], node));

type Impl = (call: BuiltinCall & { self: FileSet | FileMap }) => Value;

/** A callback's answer that decides nothing here (forEach): still run, for its effects. */
function each(call: BuiltinCall & { self: FileSet | FileMap }): Value {
  const { ctx, args, node, self } = call;
  const entries = self instanceof FileSet ? [...self.items].map((v) => [v, v]) : [...self.items].map(([k, v]) => [v, k]);
  for (const [a, b] of entries) ctx.evaluator.invoke(ctx, args[0], args[1], [a, b, self], node);
  return undefined;
}

/** The one argument a lookup takes: unknown in, unknown out (it could be any key). */
function key(args: Value[]): Value {
  const u = firstUnknown(args.slice(0, 1));
  if (u) throw new UnknownResult(u);
  return args[0];
}

const SET_METHODS: ReadonlyMap<string, Impl> = new Map<string, Impl>([
  ['has', ({ args, self }) => (self as FileSet).items.has(key(args))],
  ['add', ({ ctx, args, self }) => (isUnknown(args[0]) ? unknownKey(ctx, self, args[0]) : ((self as FileSet).items.add(args[0]), self))],
  ['delete', ({ ctx, args, self }) => (isUnknown(args[0]) ? unknownKey(ctx, self, args[0]) : self.items.delete(args[0]))],
  ['clear', ({ self }) => self.items.clear()],
  ['forEach', each],
  ['values', ({ self }) => new FileIterator('Set Iterator', [...(self as FileSet).items])],
  ['keys', ({ self }) => new FileIterator('Set Iterator', [...(self as FileSet).items])],
  ['entries', ({ self }) => new FileIterator('Set Entries', [...(self as FileSet).items].map((v) => [v, v]))],
]);

const MAP_METHODS: ReadonlyMap<string, Impl> = new Map<string, Impl>([
  ['has', ({ args, self }) => (self as FileMap).items.has(key(args))],
  ['get', ({ args, self }) => (self as FileMap).items.get(key(args))],
  ['set', ({ ctx, args, self }) => (isUnknown(args[0]) ? unknownKey(ctx, self, args[0]) : ((self as FileMap).items.set(args[0], args[1]), self))],
  ['delete', ({ ctx, args, self }) => (isUnknown(args[0]) ? unknownKey(ctx, self, args[0]) : self.items.delete(args[0]))],
  ['clear', ({ self }) => self.items.clear()],
  ['forEach', each],
  ['keys', ({ self }) => new FileIterator('Map Iterator', [...(self as FileMap).items.keys()])],
  ['values', ({ self }) => new FileIterator('Map Iterator', [...(self as FileMap).items.values()])],
  ['entries', ({ self }) => new FileIterator('Map Entries', [...(self as FileMap).items].map(([k, v]) => [k, v]))],
]);

/** `s.size`, `m.get`, `it.next`, ...: a member of a collection or iterator. */
export function collectionMember(ctx: RunContext, v: FileSet | FileMap | FileIterator, name: string, node: ts.Node): Value {
  if (v instanceof FileIterator) {
    if (name === 'next') return new BoundMethod(v, name, NEXT);
    return notHere(ctx, `'.${name}' on an iterator`, node);
  }
  if (name === 'size') return v.items.size;
  const impl = (v instanceof FileSet ? SET_METHODS : MAP_METHODS).get(name);
  if (!impl) return notHere(ctx, `'.${name}' on a ${v instanceof FileSet ? 'Set' : 'Map'}`, node);
  return new BoundMethod(v, name, new Builtin(name, (call) => impl({ ...call, self: v })));
}

const NEXT = new Builtin('next', ({ thisValue }) => {
  const it = thisValue as FileIterator;
  const done = it.position >= it.items.length;
  const out = Object.create(null) as Record<string, Value>;
  out.value = done ? undefined : it.items[it.position++];
  out.done = done;
  return out;
});

function notHere(ctx: RunContext, what: string, node: ts.Node): Unknown {
  ctx.unsupported(node, what);
  return new Unknown(`depends on ${what} (not evaluated here)`);
}

/** String(v) of a collection or iterator, as JavaScript gives it. */
export function collectionTag(v: FileSet | FileMap | FileIterator): string {
  if (v instanceof FileSet) return '[object Set]';
  if (v instanceof FileMap) return '[object Map]';
  return v.kind.startsWith('Set') ? '[object Set Iterator]' : '[object Map Iterator]';
}

/** Node's util.inspect form: a real Set/Map (or its iterator) of the converted elements. */
export function inspectable(v: FileSet | FileMap | FileIterator, convert: (x: Value) => Value): unknown {
  if (v instanceof FileSet) return new Set([...v.items].map(convert));
  if (v instanceof FileMap) return new Map([...v.items].map(([k, x]) => [convert(k), convert(x)]));
  const rest = v.items.slice(v.position).map(convert);
  switch (v.kind) {
    case 'Set Iterator': return new Set(rest).values();
    case 'Set Entries': return new Set(rest.map((e: Value[]) => e[0])).entries();
    case 'Map Entries': return new Map(rest as [Value, Value][]).entries();
    case 'Map Iterator': return new Map(rest.map((x, i) => [i, x])).values();
  }
}

