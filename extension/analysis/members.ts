/** Property access on every kind of value, with the sandbox's rules: no prototype or constructor escapes. */
import ts from 'typescript';
import type { RunContext } from './context';
import { BoundMethod, Builtin, ClassValue, Closure, Instance, Unknown, isForbiddenKey, isUnknown, type Value } from './values';
import { arrayMethod, numberMethod, stringMethod } from './builtins';
import { invoke } from './calls';
import { errorCode, isGradNode } from './engine-bridge';
import { SHARED_ENGINE_OBJECTS } from './gradlens-module';

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function getMember(ctx: RunContext, obj: Value, key: string | number, node: ts.Node): Value {
  if (isUnknown(obj)) return obj;
  const name = String(key);
  if (isForbiddenKey(name)) {
    ctx.unsupported(node, `property '${name}'`);
    return new Unknown(`depends on property '${name}' (not evaluated here)`);
  }
  if (obj === null || obj === undefined) {
    ctx.report(node, 'error', 'runtime', `TypeError: Cannot read properties of ${obj} (reading '${name}')`);
    return new Unknown(`reads '${name}' of ${obj}`);
  }
  if (obj instanceof Instance) return instanceMember(ctx, obj, name, node);
  if (obj instanceof Closure || obj instanceof ClassValue || obj instanceof Builtin || obj instanceof BoundMethod || typeof obj === 'function') {
    if (name === 'name' && (obj instanceof Closure || obj instanceof ClassValue)) return obj.name;
    ctx.unsupported(node, `property '${name}' of a function`);
    return new Unknown(`depends on property '${name}' of a function (not evaluated here)`);
  }
  if (Array.isArray(obj)) {
    if (name === 'length') return obj.length;
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
  if (typeof obj !== 'object') return undefined;
  if (isPlainObject(obj)) {
    if (!Object.prototype.hasOwnProperty.call(obj, name)) return undefined;
    const v: Value = obj[name];
    return Array.isArray(v) && SHARED_ENGINE_OBJECTS.has(obj) ? copyArray(v) : v;
  }
  // An engine object (tensor, optimizer, grad function): its public members, methods bound to it.
  if (!hostReadable(obj, name)) {
    ctx.unsupported(node, `engine internal '${name}'`);
    return new Unknown(`depends on engine internal '${name}' (not evaluated here)`);
  }
  if (!(name in obj)) return undefined;
  let v: Value;
  try {
    v = obj[name]; // may be an engine getter (`x.T`), which can throw like any engine call
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.report(node, 'error', errorCode(e), message);
    return new Unknown(`the engine failed here: ${message}`);
  }
  if (typeof v === 'function') return new BoundMethod(obj, name, v);
  // Arrays the engine hands out may be shared with it (shapes, formulas): the file gets its own copy.
  return Array.isArray(v) ? copyArray(v) : v;
}

/** Members of a grad function the file may read (PyTorch's public ones); the rest are engine internals. */
const GRAD_FN_MEMBERS = new Set(['id', 'name', 'nextFunctions', 'formulas', 'apply', 'toString', 'variable']);

function hostReadable(obj: object, name: string): boolean {
  if (name.startsWith('_')) return false;
  if (isGradNode(obj)) return GRAD_FN_MEMBERS.has(name);
  return true;
}

function copyArray(a: readonly Value[]): Value[] {
  return a.map((x) => (Array.isArray(x) ? copyArray(x) : x));
}

function methodOrUnsupported(ctx: RunContext, obj: Value, name: string, m: Builtin | undefined, node: ts.Node): Value {
  if (m) return new BoundMethod(obj, name, m);
  ctx.unsupported(node, `'.${name}' on a ${Array.isArray(obj) ? 'array' : typeof obj}`);
  return new Unknown(`depends on '.${name}' (not evaluated here)`);
}

function instanceMember(ctx: RunContext, obj: Instance, name: string, node: ts.Node): Value {
  if (obj.fields.has(name)) {
    obj.fieldBindings.get(name)?.addUse(node.getStart(ctx.sf), () => ctx.range(node));
    return obj.fields.get(name);
  }
  const getter = obj.cls.getters.get(name);
  if (getter) return invoke(ctx, new Closure(`get ${name}`, getter, obj.cls.scope, undefined, false), obj, [], node);
  const method = obj.cls.methods.get(name);
  if (method) return new BoundMethod(obj, name, new Closure(name, method, obj.cls.scope, undefined, false));
  return undefined;
}

export function setMember(ctx: RunContext, obj: Value, key: string | number, value: Value, node: ts.Node): void {
  const name = String(key);
  if (isForbiddenKey(name)) {
    ctx.unsupported(node, `assignment to '${name}'`);
    return;
  }
  if (obj instanceof Instance) {
    obj.fields.set(name, value);
    return;
  }
  if (typeof obj === 'object' && obj !== null && (SHARED_ENGINE_OBJECTS.has(obj) || isGradNode(obj) || name.startsWith('_'))) {
    ctx.unsupported(node, `assignment to engine member '${name}'`);
    return;
  }
  if (obj === null || obj === undefined) {
    ctx.report(node, 'error', 'runtime', `TypeError: Cannot set properties of ${obj} (setting '${name}')`);
    return;
  }
  if (Array.isArray(obj)) {
    if (typeof key === 'number' || /^\d+$/.test(name)) {
      const i = Number(name);
      if (i > obj.length + 1_000_000) {
        ctx.report(node, 'error', 'budget', `Array index ${i} is too large for the analysis`);
        return;
      }
      obj[i] = value;
      return;
    }
    if (name === 'length' && typeof value === 'number' && value <= obj.length) {
      obj.length = value;
      return;
    }
  }
  if (typeof obj === 'object' && !Array.isArray(obj)) {
    try {
      obj[name] = value;
    } catch (e) {
      ctx.report(node, 'error', 'engine', e instanceof Error ? e.message : String(e));
    }
    return;
  }
  ctx.unsupported(node, `assignment to '${name}' of this value`);
}
