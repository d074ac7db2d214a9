/**
 * Property access on every kind of value. The file's own objects and arrays are read and written like
 * JavaScript's (any key, `_`-prefixed ones included); a handle's members go through the membrane;
 * prototypes and constructors are never reached.
 */
import ts from 'typescript';
import type { RunContext } from './context';
import { BoundMethod, Builtin, ClassValue, Closure, ErrorValue, Instance, SharedUnknown, Unknown, isForbiddenKey, isRecord, isUnknown, poison, reachesShared, type Value } from './values';
import { arrayMethod, builtinNamespaceName, numberMethod, stringMethod } from './builtins';
import { Handle, isMirror, poisonHandle, readMember, refuseMirrorWrite, writeMember } from './membrane';
import { changesShared, isShared } from './shared';
import { instanceMember, setClassMember, staticMember } from './class-members';
import { isFunctionClass } from './custom-function';
import { FileIterator, FileMap, FileSet, collectionMember } from './collections';

export function getMember(ctx: RunContext, obj: Value, key: string | number, node: ts.Node): Value {
  const name = String(key);
  // a prototype or constructor, of whatever value: an object the whole real run shares (shared.ts)
  if (isUnknown(obj)) return reachesShared(name) && !(obj instanceof SharedUnknown) ? new SharedUnknown(obj.reason) : obj;
  if (isForbiddenKey(name) && !isFunctionApply(obj, name)) {
    ctx.unsupported(node, `property '${name}'`);
    const why = `depends on property '${name}' (not evaluated here)`;
    return reachesShared(name) ? new SharedUnknown(why) : new Unknown(why);
  }
  if (obj === null || obj === undefined) {
    ctx.raise(node, 'TypeError', `Cannot read properties of ${obj} (reading '${name}')`);
    return new Unknown(`reads '${name}' of ${obj}`);
  }
  if (Handle.isHandle(obj)) return readMember(ctx, obj, name, node);
  if (obj instanceof Instance) return instanceMember(ctx, obj, name, node);
  if (obj instanceof ClassValue) return staticMember(ctx, obj, name, node);
  if (obj instanceof ErrorValue) return errorMember(ctx, obj, name, node);
  if (obj instanceof FileSet || obj instanceof FileMap || obj instanceof FileIterator) return collectionMember(ctx, obj, name, node);
  if (obj instanceof Closure || obj instanceof Builtin || obj instanceof BoundMethod) {
    if (name === 'name' && obj instanceof Closure) return obj.name;
    ctx.unsupported(node, `property '${name}' of a function`);
    return new Unknown(`depends on property '${name}' of a function (not evaluated here)`);
  }
  if (Array.isArray(obj)) {
    if (name === 'length') return obj.length;
    if (isMirror(obj) && CHANGES_ARRAY.has(name)) {
      // `x.shape.push(5)`: the real run changes the engine object this copy was read from
      refuseMirrorWrite(ctx, obj, name, node);
      return new Unknown(`'.${name}' on a value read from a gradlens object (not evaluated here)`);
    }
    if (typeof key === 'number' || /^\d+$/.test(name)) return obj[Number(name)];
    return methodOrUnsupported(ctx, obj, name, arrayMethod(name), node);
  }
  if (typeof obj === 'string') {
    if (name === 'length') return obj.length;
    if (typeof key === 'number' || /^\d+$/.test(name)) return obj[Number(name)];
    return methodOrUnsupported(ctx, obj, name, stringMethod(name), node);
  }
  if (typeof obj === 'number' || typeof obj === 'boolean') {
    return methodOrUnsupported(ctx, obj, name, numberMethod(name), node);
  }
  if (isRecord(obj)) {
    if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
    const ns = builtinNamespaceName(obj);
    if (ns === undefined) return undefined;
    ctx.unsupported(node, `${ns}.${name}`);
    // Object's other functions reach prototypes and property descriptors (getPrototypeOf, defineProperty)
    const why = `depends on ${ns}.${name} (not evaluated here)`;
    return ns === 'Object' && !OBJECT_PREDICATES.has(name) ? new SharedUnknown(why) : new Unknown(why);
  }
  ctx.unsupported(node, `property '${name}' of this value`);
  return new Unknown(`depends on property '${name}' (not evaluated here)`);
}

/** Object's functions the subset lacks that only answer a question (all others may reach a prototype). */
const OBJECT_PREDICATES = new Set(['is', 'hasOwn', 'isFrozen', 'isSealed', 'isExtensible']);

/** Array methods that change the array they are called on. */
const CHANGES_ARRAY = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

function methodOrUnsupported(ctx: RunContext, obj: Value, name: string, m: Builtin | undefined, node: ts.Node): Value {
  if (m) return new BoundMethod(obj, name, m);
  ctx.unsupported(node, `'.${name}' on a ${Array.isArray(obj) ? 'array' : typeof obj}`);
  return new Unknown(`depends on '.${name}' (not evaluated here)`);
}

/** `e.message`, `e.name`, `String(e)`; the stack is not known here (it names the real run's files). */
function errorMember(ctx: RunContext, e: ErrorValue, name: string, node: ts.Node): Value {
  if (name === 'message') return e.message;
  if (name === 'name') return e.name;
  if (name === 'toString') return new BoundMethod(e, name, ERROR_TO_STRING);
  if (name === 'stack') return new Unknown("an error's stack trace (not evaluated here)");
  ctx.unsupported(node, `property '${name}' of an error`);
  return new Unknown(`depends on property '${name}' of an error (not evaluated here)`);
}

const ERROR_TO_STRING = new Builtin('toString', ({ thisValue }) => errorText(thisValue as ErrorValue));

/** Error.prototype.toString: "name: message", or either alone when the other is empty. */
export function errorText(e: ErrorValue): string {
  return e.message === '' ? e.name : e.name === '' ? e.message : `${e.name}: ${e.message}`;
}

/**
 * `obj[key] = value`. A write the analysis does not make is still made by the real run: what it writes
 * into is unknown from here on, and a write into something every later line shares ends the run (`refused`).
 */
export function setMember(ctx: RunContext, obj: Value, key: string | number, value: Value, node: ts.Node): void {
  const name = String(key);
  if (isForbiddenKey(name)) {
    ctx.unsupported(node, `assignment to '${name}'`);
    refused(ctx, obj, name, node);
    return;
  }
  if (Handle.isHandle(obj)) {
    if (!writeMember(ctx, obj, name, value, node)) refused(ctx, obj, name, node);
    return;
  }
  if (obj instanceof Instance || obj instanceof ClassValue) {
    setClassMember(ctx, obj, name, value, node);
    return;
  }
  if (obj instanceof ErrorValue && (name === 'message' || name === 'name') && typeof value === 'string') {
    obj[name] = value;
    return;
  }
  if (obj === null || obj === undefined) {
    ctx.raise(node, 'TypeError', `Cannot set properties of ${obj} (setting '${name}')`);
    return;
  }
  if (isMirror(obj)) {
    // A copy of engine state (`x.shape`, `x.dataSync()`, `opt.options`): the real run would change the engine.
    refuseMirrorWrite(ctx, obj as object, name, node);
    return;
  }
  if (isShared(obj)) changesShared(ctx, node, `Assigning '${name}' here`);
  if (typeof obj === 'object' && Object.isFrozen(obj)) {
    ctx.raise(node, 'TypeError', `Cannot assign to read only property '${name}' of object`);
    return;
  }
  if (Array.isArray(obj) && setArrayMember(ctx, obj, key, value, node)) return;
  if (isRecord(obj)) {
    obj[name] = value;
    return;
  }
  ctx.unsupported(node, `assignment to '${name}' of this value`);
  refused(ctx, obj, name, node);
}

/** An element or a shrinking length of an array; false for what the analysis does not write (reported, the array unknown). */
function setArrayMember(ctx: RunContext, obj: Value[], key: string | number, value: Value, node: ts.Node): boolean {
  const name = String(key);
  if (typeof key === 'number' || /^\d+$/.test(name)) {
    const i = Number(name);
    if (i > obj.length + 1_000_000) {
      ctx.report(node, 'error', 'budget', `Array index ${i} is too large for the analysis`);
      refused(ctx, obj, name, node);
      return true;
    }
    obj[i] = value;
    return true;
  }
  if (name === 'length' && typeof value === 'number' && value <= obj.length) {
    obj.length = value;
    return true;
  }
  return false;
}

/**
 * The real run makes the write `obj.name = …` the analysis refused (and reported): `obj` is unknown from
 * here on, or, when every later line shares it (a built-in, the engine's functions), the run ends here.
 */
function refused(ctx: RunContext, obj: Value, name: string, node: ts.Node): void {
  if (isShared(obj)) changesShared(ctx, node, `Assigning '${name}' here`);
  const why = new Unknown(`changed at line ${ctx.line(node)} by an assignment to '${name}' the analysis does not make`);
  if (Handle.isHandle(obj)) poisonHandle(ctx, obj, why);
  else if (typeof obj === 'object' && obj !== null) {
    poison(obj, why);
    ctx.poisoning = true;
  }
}

/** `F.apply` of a file class extending autograd.Function: torch's entry point, not Function.prototype.apply. */
function isFunctionApply(obj: Value, name: string): boolean {
  return name === 'apply' && obj instanceof ClassValue && isFunctionClass(obj);
}
