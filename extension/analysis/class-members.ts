/**
 * Members of the file's classes and instances: own fields, then accessors and methods along the
 * `extends` chain (nn.Module's methods after the file's own), statics, `super.x`, and private
 * `#names`, which belong to the class that declares them.
 */
import type ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import {
  BoundMethod, BuiltinBase, ClassValue, Closure, FUNCTION_BASE, Instance, MODULE_BASE, Unknown, isForbiddenKey, isUnknown,
  type ClassMembers, type HomeObject, type Value,
} from './values';
import { moduleMember } from './nn-module';
import { functionStatic } from './custom-function';
import { HOME, chainOf, privateKey } from './class-chain';

type Side = 'instance' | 'static';

function sideOf(cls: ClassValue, side: Side): ClassMembers {
  return side === 'static' ? cls.statics : cls;
}

/** A method or accessor found on `start`'s chain, with the class it is written in. */
function findMember<K extends keyof ClassMembers>(start: ClassValue, side: Side, kind: K, name: string): { decl: NonNullable<ReturnType<ClassMembers[K]['get']>>; cls: ClassValue } | undefined {
  for (const c of chainOf(start)) {
    const decl = sideOf(c, side)[kind].get(name);
    if (decl) return { decl: decl as NonNullable<ReturnType<ClassMembers[K]['get']>>, cls: c };
  }
  return undefined;
}

function methodClosure(name: string, decl: ts.SignatureDeclaration & { body?: ts.ConciseBody }, cls: ClassValue, isStatic: boolean): Closure {
  return new Closure(name, decl, cls.scope, undefined, false, { cls, isStatic });
}

/**
 * `receiver.name` looked up from `start` (the receiver's class, or the parent for `super.name`): a
 * getter runs, a method comes back bound to the receiver; nn.Module's methods after the file's own.
 */
function lookupFrom(ctx: RunContext, start: ClassValue | BuiltinBase | undefined, side: Side, receiver: Value, name: string, node: ts.Node): Value {
  if (start instanceof ClassValue) {
    const getter = findMember(start, side, 'getters', name);
    if (getter) return ctx.evaluator.invoke(ctx, methodClosure(`get ${name}`, getter.decl, getter.cls, side === 'static'), receiver, [], node);
    const method = findMember(start, side, 'methods', name);
    if (method) return new BoundMethod(receiver, name, methodClosure(name, method.decl, method.cls, side === 'static'));
    if (side === 'static') {
      for (const c of chainOf(start)) if (c.staticFields.has(name)) return c.staticFields.get(name);
    }
  }
  const base = start instanceof ClassValue ? chainOf(start).at(-1)?.parent : start;
  if (side === 'instance' && base === MODULE_BASE && receiver instanceof Instance) return moduleMember(receiver, name);
  if (side === 'static' && base === FUNCTION_BASE) return functionStatic(receiver, name, { invoke: (c, fn, self, args, at) => c.evaluator.invoke(c, fn, self, args, at), staticMember });
  return undefined;
}

/** `inst.name`: an own field, else the class chain's accessors and methods. */
export function instanceMember(ctx: RunContext, inst: Instance, name: string, node: ts.Node): Value {
  if (inst.fields.has(name)) {
    inst.fieldBindings.get(name)?.addUse(node.getStart(ctx.sf), () => ctx.range(node));
    return inst.fields.get(name);
  }
  return lookupFrom(ctx, inst.cls, 'instance', inst, name, node);
}

/** `Cls.name`: static fields, methods and accessors, inherited along `extends`. */
export function staticMember(ctx: RunContext, cls: ClassValue, name: string, node: ts.Node): Value {
  if (name === 'name' && !findMember(cls, 'static', 'getters', name)) return cls.name;
  return lookupFrom(ctx, cls, 'static', cls, name, node);
}

/** `inst.name = v` / `Cls.name = v`: a setter along the chain runs; a getter without one is a TypeError; else an own field. */
export function setClassMember(ctx: RunContext, target: Instance | ClassValue, name: string, value: Value, node: ts.Node): void {
  const side: Side = target instanceof ClassValue ? 'static' : 'instance';
  const start = target instanceof ClassValue ? target : target.cls;
  const own = target instanceof ClassValue ? target.staticFields : target.fields;
  if (!own.has(name)) {
    const setter = findMember(start, side, 'setters', name);
    if (setter) {
      ctx.evaluator.invoke(ctx, methodClosure(`set ${name}`, setter.decl, setter.cls, side === 'static'), target, [value], node);
      return;
    }
    if (findMember(start, side, 'getters', name)) {
      // strict code throws a TypeError, sloppy code ignores the write: either way nothing is stored
      const text = `Cannot set property ${name} of ${target instanceof ClassValue ? `class ${start.name}` : `#<${start.name}>`} which has only a getter`;
      if (ctx.catching > 0) ctx.taint(new Unknown(`${text} (a TypeError in strict code only)`));
      ctx.report(node, 'error', 'runtime', `TypeError: ${text}`);
      return;
    }
  }
  own.set(name, value);
}

/** The HomeObject of the method running in `scope`, if any. */
export function homeOf(scope: Scope): HomeObject | undefined {
  return scope.lookup(HOME)?.value as HomeObject | undefined;
}

/** `super.name` in a method: the parent's member, with `this` as the receiver. */
export function superMember(ctx: RunContext, name: string, scope: Scope, node: ts.Node): Value {
  if (isForbiddenKey(name)) {
    ctx.unsupported(node, `property '${name}'`);
    return new Unknown(`depends on property '${name}' (not evaluated here)`);
  }
  const home = homeOf(scope);
  if (!home || home.cls.parent === undefined) {
    ctx.unsupported(node, `'super.${name}' outside a method of a derived class`);
    return new Unknown(`depends on 'super.${name}' (not evaluated here)`);
  }
  const self = scope.lookup('this')?.value;
  return lookupFrom(ctx, home.cls.parent, home.isStatic ? 'static' : 'instance', self, name, node);
}

/** `obj.#name`: a private field, method or accessor of the class the code is written in. */
export function privateMember(ctx: RunContext, obj: Value, name: string, scope: Scope, node: ts.Node): Value {
  const home = homeOf(scope);
  if (isUnknown(obj)) return obj;
  if (!home) return privateMissing(ctx, name, node);
  const cls = home.cls;
  if (obj instanceof ClassValue && obj === cls) {
    if (cls.staticPrivates.has(name)) return cls.staticPrivates.get(name);
    return privateAccessor(ctx, cls, 'static', obj, name, node);
  }
  if (obj instanceof Instance && chainOf(obj.cls).includes(cls)) {
    const key = privateKey(cls, name);
    if (obj.privates.has(key)) return obj.privates.get(key);
    return privateAccessor(ctx, cls, 'instance', obj, name, node);
  }
  return privateMissing(ctx, name, node);
}

function privateAccessor(ctx: RunContext, cls: ClassValue, side: Side, obj: Value, name: string, node: ts.Node): Value {
  const members = sideOf(cls, side);
  const getter = members.getters.get(name);
  if (getter) return ctx.evaluator.invoke(ctx, methodClosure(`get ${name}`, getter, cls, side === 'static'), obj, [], node);
  const method = members.methods.get(name);
  if (method) return new BoundMethod(obj, name, methodClosure(name, method, cls, side === 'static'));
  return privateMissing(ctx, name, node);
}

function privateMissing(ctx: RunContext, name: string, node: ts.Node): Unknown {
  ctx.raise(node, 'TypeError', `Cannot read private member ${name} from an object whose class did not declare it`);
  return new Unknown(`reads the private member ${name} of an object that does not have it`);
}

/** `obj.#name = v`. */
export function setPrivateMember(ctx: RunContext, obj: Value, name: string, value: Value, scope: Scope, node: ts.Node): void {
  const home = homeOf(scope);
  if (!home) return void privateMissing(ctx, name, node);
  const cls = home.cls;
  const side: Side = obj === cls ? 'static' : 'instance';
  const setter = sideOf(cls, side).setters.get(name);
  if (setter) {
    ctx.evaluator.invoke(ctx, methodClosure(`set ${name}`, setter, cls, side === 'static'), obj, [value], node);
    return;
  }
  if (obj === cls) cls.staticPrivates.set(name, value);
  else if (obj instanceof Instance && chainOf(obj.cls).includes(cls)) obj.privates.set(privateKey(cls, name), value);
  else privateMissing(ctx, name, node);
}

/** Every method and accessor body of `cls`'s chain (for havoc.ts: what a skipped use of an instance may run). */
export function bodiesOf(cls: ClassValue): ts.Node[] {
  const out: ts.Node[] = [];
  for (const c of chainOf(cls)) {
    for (const side of [c, c.statics]) {
      for (const m of side.methods.values()) out.push(m);
      for (const m of side.getters.values()) out.push(m);
      for (const m of side.setters.values()) out.push(m);
    }
  }
  return out;
}
