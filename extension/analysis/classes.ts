/**
 * Classes of the analysed file, as JavaScript defines them: `extends` (a class of the file,
 * `nn.Module`, whose behaviour nn-module.ts gives the instance, or `autograd.Function`, whose `apply`
 * custom-function.ts gives the class), `super(...)` and `super.x`, static members and blocks,
 * getters and setters, private `#names`. Construction order is the one TypeScript emits for ES2022: a base class defines its fields (after its parameter properties), then runs its
 * constructor; a derived class runs its constructor, whose `super(...)` builds the parent's part, then
 * assigns its parameter properties and defines its fields.
 */
import ts from 'typescript';
import type { RunContext } from './context';
import { Scope } from './scope';
import {
  BuiltinBase, ClassValue, FUNCTION_BASE, Instance, MODULE_BASE, Unknown, isUnknown,
  type ClassMembers, type HomeObject, type Value,
} from './values';
import { bindParameters, enterCall, evalArgs, leaveCall } from './frames';
import { HOME, isModuleClass, privateKey } from './class-chain';
import { isFunctionBaseClass, isModuleBaseClass } from './membrane';
import { moduleInit } from './nn-module';
import { havoc } from './havoc';

const SK = ts.SyntaxKind;

function hasModifier(m: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(m) && (ts.getModifiers(m)?.some((x) => x.kind === kind) ?? false);
}

const isStatic = (m: ts.Node): boolean => hasModifier(m, SK.StaticKeyword);

/** A member's name when it is written out (`x`, `#x`, `'x'`, `1`); computed names are not evaluated here. */
function memberName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

interface MutableMembers {
  methods: Map<string, ts.MethodDeclaration>;
  getters: Map<string, ts.GetAccessorDeclaration>;
  setters: Map<string, ts.SetAccessorDeclaration>;
}

const newMembers = (): MutableMembers => ({ methods: new Map(), getters: new Map(), setters: new Map() });

function collectMembers(ctx: RunContext, node: ts.ClassLikeDeclaration): { instance: ClassMembers; statics: ClassMembers } {
  const instance = newMembers();
  const statics = newMembers();
  for (const m of node.members) {
    if (!ts.isMethodDeclaration(m) && !ts.isGetAccessor(m) && !ts.isSetAccessor(m)) continue;
    const name = memberName(m.name);
    if (name === undefined) {
      ctx.unsupported(m.name, 'a computed class member name');
      continue;
    }
    if (!m.body) continue; // abstract, or an overload signature
    const side = isStatic(m) ? statics : instance;
    if (ts.isMethodDeclaration(m)) side.methods.set(name, m);
    else if (ts.isGetAccessor(m)) side.getters.set(name, m);
    else side.setters.set(name, m);
  }
  return { instance, statics };
}

/** The class an `extends` clause names: a class of the file, nn.Module, or unknown (reported). */
function parentOf(ctx: RunContext, node: ts.ClassLikeDeclaration, scope: Scope): ClassValue | BuiltinBase | undefined | Unknown {
  const clause = node.heritageClauses?.find((h) => h.token === SK.ExtendsKeyword);
  const expr = clause?.types[0]?.expression;
  if (!expr) return undefined;
  const v = ctx.evaluator.evalExpr(ctx, expr, scope);
  if (isUnknown(v) || v instanceof ClassValue) return v;
  if (isModuleBaseClass(v)) return MODULE_BASE;
  if (isFunctionBaseClass(v)) return FUNCTION_BASE;
  ctx.unsupported(expr, `extending ${expr.getText(ctx.sf)} (a class of this file, nn.Module or autograd.Function only)`);
  return new Unknown(`a class extending ${expr.getText(ctx.sf)} (not evaluated here)`);
}

/** Evaluate a class declaration or expression: its members, then its static fields and blocks in order. */
/** `class {...}` as an expression: a class named after its own name, if it has one. */
export function evalClassExpression(ctx: RunContext, node: ts.ClassExpression, scope: Scope): ClassValue | Unknown {
  return makeClass(ctx, node, scope, node.name?.text ?? '');
}

export function makeClass(ctx: RunContext, node: ts.ClassLikeDeclaration, scope: Scope, name: string): ClassValue | Unknown {
  const decorator = firstDecorator(node);
  if (decorator) {
    // decorators run when the class is defined and may replace it, its members and anything they reach
    ctx.unsupported(decorator, 'decorator');
    const why = new Unknown(`the class decorated at line ${ctx.line(decorator)} (decorators are not evaluated here)`);
    havoc(ctx, node, scope, why);
    return why;
  }
  const parent = parentOf(ctx, node, scope);
  if (isUnknown(parent)) return parent;
  const { instance, statics } = collectMembers(ctx, node);
  // the class's own name is bound inside its body (its methods and static blocks see it)
  const classScope = new Scope(scope);
  const cls = new ClassValue(name, node, classScope, instance, statics, parent);
  if (node.name) classScope.declare(node.name.text, cls, true);
  const inner = new Scope(classScope);
  inner.declare('this', cls, true);
  inner.declare(HOME, { cls, isStatic: true } satisfies HomeObject, true);
  for (const m of node.members) {
    if (ts.isClassStaticBlockDeclaration(m)) ctx.evaluator.execStatements(ctx, m.body.statements, new Scope(inner));
    else if (ts.isPropertyDeclaration(m) && isStatic(m) && !hasModifier(m, SK.DeclareKeyword)) {
      const key = memberName(m.name);
      if (key === undefined) {
        ctx.unsupported(m.name, 'a computed class member name');
        continue;
      }
      const v = m.initializer ? ctx.evaluator.evalExpr(ctx, m.initializer, inner) : undefined;
      if (key.startsWith('#')) cls.staticPrivates.set(key, v);
      else cls.staticFields.set(key, v);
    }
  }
  return cls;
}

/** A decorator of the class, its members or their parameters (not those of classes nested in its code). */
function firstDecorator(node: ts.ClassLikeDeclaration): ts.Decorator | undefined {
  const visit = (n: ts.Node): ts.Decorator | undefined => {
    if (ts.isDecorator(n)) return n;
    if (ts.isBlock(n) || (n !== node && ts.isClassLike(n))) return undefined;
    return ts.forEachChild(n, visit);
  };
  return visit(node);
}

/** `new C(...args)`: a fresh instance, built by C's constructor chain. */
export function construct(ctx: RunContext, cls: ClassValue, args: Value[], node: ts.Node): Instance {
  const inst = new Instance(cls);
  enterCall(ctx, node, `new ${cls.name}()`);
  try {
    initialize(ctx, cls, inst, args, node);
  } finally {
    leaveCall(ctx);
  }
  if (isModuleClass(cls)) ctx.recorder.noteModule(inst);
  return inst;
}

function methodScope(cls: ClassValue, inst: Value, isStatic: boolean): Scope {
  const scope = new Scope(cls.scope);
  scope.declare('this', inst, true);
  scope.declare(HOME, { cls, isStatic } satisfies HomeObject, true);
  return scope;
}

const ctorOf = (cls: ClassValue): ts.ConstructorDeclaration | undefined =>
  cls.decl.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);

/** `cls`'s part of building `inst` (see the module comment for the order). */
function initialize(ctx: RunContext, cls: ClassValue, inst: Instance, args: Value[], node: ts.Node): void {
  const ctor = ctorOf(cls);
  const scope = methodScope(cls, inst, false);
  if (!ctor) {
    // the implicit constructor: `constructor(...args) { super(...args); }` when derived
    initParent(ctx, cls, inst, args, node);
    initFields(ctx, cls, inst);
    return;
  }
  const ctorScope = new Scope(scope);
  if (cls.parent === undefined && !hasParameterProperties(ctor)) initFields(ctx, cls, inst);
  bindParameters(ctx, ctorScope, ctor.parameters, args);
  if (cls.parent === undefined && hasParameterProperties(ctor)) {
    assignParameterProperties(ctx, cls, inst, ctorScope);
    initFields(ctx, cls, inst);
  }
  ctx.evaluator.execBody(ctx, ctor.body!, ctorScope);
}

function hasParameterProperties(ctor: ts.ConstructorDeclaration): boolean {
  return ctor.parameters.some((p) => ts.isIdentifier(p.name) && (ts.getModifiers(p)?.length ?? 0) > 0);
}

function assignParameterProperties(ctx: RunContext, cls: ClassValue, inst: Instance, scope: Scope): void {
  const ctor = ctorOf(cls);
  for (const p of ctor?.parameters ?? []) {
    if (ts.isIdentifier(p.name) && (ts.getModifiers(p)?.length ?? 0) > 0) inst.fields.set(p.name.text, scope.lookup(p.name.text)?.value);
  }
}

/** The parent's part of `inst` (a class of the file, or nn.Module's own field). */
function initParent(ctx: RunContext, cls: ClassValue, inst: Instance, args: Value[], node: ts.Node): void {
  const parent = cls.parent;
  if (parent instanceof ClassValue) initialize(ctx, parent, inst, args, node);
  else if (parent === MODULE_BASE) moduleInit(inst);
}

/** `super(...)` in a derived constructor: the parent's part, then this class's parameter properties and fields. */
export function superCall(ctx: RunContext, node: ts.CallExpression, scope: Scope): Value {
  const home = scope.lookup(HOME)?.value as HomeObject | undefined;
  const inst = scope.lookup('this')?.value;
  if (!home || home.isStatic || !(inst instanceof Instance) || home.cls.parent === undefined) {
    ctx.unsupported(node, "'super' call outside a derived class's constructor");
    return new Unknown("depends on a 'super' call outside a constructor (not evaluated here)");
  }
  const args = evalArgs(ctx, node.arguments, scope);
  if (isUnknown(args)) return args;
  initParent(ctx, home.cls, inst, args, node);
  assignParameterProperties(ctx, home.cls, inst, scope);
  initFields(ctx, home.cls, inst);
  return undefined;
}

/** Instance fields in declaration order, with `this` bound; each initialiser is a binding named `this.x`. */
function initFields(ctx: RunContext, cls: ClassValue, inst: Instance): void {
  const scope = methodScope(cls, inst, false);
  for (const m of cls.decl.members) {
    if (!ts.isPropertyDeclaration(m) || isStatic(m) || hasModifier(m, SK.DeclareKeyword) || hasModifier(m, SK.AbstractKeyword)) continue;
    const key = memberName(m.name);
    if (key === undefined) {
      ctx.unsupported(m.name, 'a computed class member name');
      continue;
    }
    const v = m.initializer ? ctx.evaluator.evalExpr(ctx, m.initializer, scope) : undefined;
    if (key.startsWith('#')) {
      inst.privates.set(privateKey(cls, key), v);
      continue;
    }
    inst.fields.set(key, v);
    const rec = ctx.recorder.record(m.name, `this.${key}`, v, false);
    if (rec) inst.fieldBindings.set(key, rec);
  }
}
