/** Expressions: the entry point and the handlers of literals, names, objects, member access and `?:`; unknown inputs give unknown results. */
import ts from 'typescript';
import type { RunContext } from './context';
import { Scope } from './scope';
import { BoundMethod, Closure, ErrorValue, Instance, isCallable, MAX_STRING, SharedUnknown, Unknown, isRecord, isUnknown, newRecord, reveal, type Value } from './values';
import { changesShared, isShared } from './shared';
import { Handle } from './membrane';
import { toStringValue } from './operators';
import { getMember } from './members';
import { lookupGlobal } from './builtins';
import { privateMember, superMember } from './class-members';
import { describeKind } from './syntax';
import { skipped, unknownFrom } from './skipping';
import { evalKey, propertyKey } from './keys';
import { isCollection, FileIterator, iterate } from './collections';

/** The kinds, read once (the compiler API exposes them through getters). */
const SK = ts.SyntaxKind;

/**
 * The value of an expression, by its kind's handler (dispatch.ts). Once some object was poisoned
 * (havoc.ts), a poisoned object is read as the Unknown it stands for, whichever way the expression
 * reached it.
 */
export function evalExpr(ctx: RunContext, node: ts.Expression, scope: Scope): Value {
  ctx.tick(node);
  const handler = ctx.evaluator.expressions[node.kind];
  const v = handler !== undefined ? handler(ctx, node, scope) : notEvaluated(ctx, node, scope);
  const out = ctx.poisoning ? reveal(v) : v;
  // inside a try with a catch clause, a value not known here is a place where the real run may have thrown
  if (ctx.catching !== 0 && out instanceof Unknown) ctx.taint(out);
  return out;
}

/** An expression the subset does not evaluate: its value is unknown, and so is what it may change. */
function notEvaluated(ctx: RunContext, node: ts.Expression, scope: Scope): Unknown {
  if (ts.isDeleteExpression(node)) deletesShared(ctx, node, scope);
  ctx.unsupported(node, describeKind(node));
  return skipped(ctx, [node], scope, new Unknown(`depends on ${describeKind(node)} (not evaluated here)`));
}

/** `delete Math.max`, `delete o.__proto__.toString`: the real run loses a built-in for every later line (shared.ts). */
function deletesShared(ctx: RunContext, node: ts.DeleteExpression, scope: Scope): void {
  let target: ts.Expression = node.expression;
  while (ts.isParenthesizedExpression(target) || ts.isAsExpression(target) || ts.isNonNullExpression(target)) target = target.expression;
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
  if (isShared(evalExpr(ctx, target.expression, scope))) changesShared(ctx, node, 'This delete');
}

export const evalNumber = (_ctx: RunContext, node: ts.NumericLiteral): Value => Number(node.text);
export const evalString = (_ctx: RunContext, node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): Value => node.text;
export const evalTrue = (): Value => true;
export const evalFalse = (): Value => false;
export const evalNull = (): Value => null;
export const evalThis = (_ctx: RunContext, _node: ts.Expression, scope: Scope): Value => scope.lookup('this')?.value;

/** `(e)`, `e as T`, `<T>e`, `e!`, `e satisfies T`: the value of `e`. */
export function evalInner(
  ctx: RunContext,
  node: ts.ParenthesizedExpression | ts.AsExpression | ts.TypeAssertion | ts.NonNullExpression | ts.SatisfiesExpression,
  scope: Scope,
): Value {
  return evalExpr(ctx, node.expression, scope);
}

export function evalArrow(_ctx: RunContext, node: ts.ArrowFunction, scope: Scope): Value {
  return new Closure('(anonymous)', node, scope, scope.lookup('this')?.value, true);
}

export function evalFunction(_ctx: RunContext, node: ts.FunctionExpression, scope: Scope): Value {
  return new Closure(node.name?.text ?? '(anonymous)', node, scope, undefined, false);
}

export function evalTypeOf(ctx: RunContext, node: ts.TypeOfExpression, scope: Scope): Value {
  return typeOf(evalExpr(ctx, node.expression, scope));
}

export function evalVoid(ctx: RunContext, node: ts.VoidExpression, scope: Scope): Value {
  evalExpr(ctx, node.expression, scope);
  return undefined;
}

function typeOf(v: Value): Value {
  if (isUnknown(v)) return v;
  if (isCallable(v) || v instanceof BoundMethod) return 'function';
  return v === null ? 'object' : typeof v;
}

/** Globals that hold the global object, code evaluation, reflection or Node itself: what they reach is shared (shared.ts). */
const HOST_GLOBALS = new Set(['globalThis', 'global', 'window', 'self', 'Reflect', 'Function', 'eval', 'process', 'require', 'module', 'exports']);

export function evalIdentifier(ctx: RunContext, node: ts.Identifier, scope: Scope): Value {
  const name = node.text;
  const slot = scope.lookup(name);
  if (slot) {
    slot.binding?.addUse(node.getStart(ctx.sf), () => ctx.range(node));
    return slot.value;
  }
  const g = lookupGlobal(name);
  if (g !== undefined || name === 'undefined') return g;
  ctx.report(node, 'info', 'unsupported', `'${name}' is not defined in this file: not evaluated here`);
  const why = `depends on '${name}' (not evaluated here)`;
  return HOST_GLOBALS.has(name) ? new SharedUnknown(why) : new Unknown(why);
}

export function evalTemplate(ctx: RunContext, node: ts.TemplateExpression, scope: Scope): Value {
  let out = node.head.text;
  const spans = node.templateSpans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const v = evalExpr(ctx, span.expression, scope);
    if (isUnknown(v)) return unknownFrom(ctx, spans, i, [], scope, v);
    const s = toStringValue(ctx, v, span.expression);
    if (isUnknown(s)) return s;
    ctx.chargeCompute(span, out.length + s.length, 'template literal');
    out += s + span.literal.text;
    if (out.length > MAX_STRING) {
      ctx.report(node, 'error', 'budget', `String longer than ${MAX_STRING} characters: not built by the analysis`);
      return new Unknown('a string over the size limit');
    }
  }
  return out;
}

export function evalArray(ctx: RunContext, node: ts.ArrayLiteralExpression, scope: Scope): Value {
  const out: Value[] = [];
  const elements = node.elements;
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    if (ts.isSpreadElement(el)) {
      const v = evalExpr(ctx, el.expression, scope);
      if (isUnknown(v)) return unknownFrom(ctx, elements, i, out, scope, v);
      const items = iterate(ctx, v, el, out.length);
      if (isUnknown(items)) return unknownFrom(ctx, elements, i, out, scope, items);
      ctx.chargeCompute(el, items.length, 'spread');
      for (const x of items) out.push(x);
    } else if (ts.isOmittedExpression(el)) {
      out.push(undefined);
    } else {
      out.push(evalExpr(ctx, el, scope));
    }
  }
  return out;
}

/**
 * An object literal: a new object of the file (no prototype). `__proto__: v` would set a prototype in
 * JavaScript, which the subset does not model: the object is refused. Spreading copies the own keys of
 * the file's objects and arrays; a gradlens object has no keys to spread here.
 */
export function evalObject(ctx: RunContext, node: ts.ObjectLiteralExpression, scope: Scope): Value {
  const out = newRecord();
  const props = node.properties;
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    if (ts.isPropertyAssignment(p)) {
      const key = propertyKey(ctx, p.name, scope);
      if (isUnknown(key)) return unknownFrom(ctx, props, i - 1, Object.values(out), scope, key);
      if (key === '__proto__' && !ts.isComputedPropertyName(p.name)) return refusedMember(ctx, p, "'__proto__' in an object literal (it sets the prototype)");
      out[key] = evalExpr(ctx, p.initializer, scope);
    } else if (ts.isShorthandPropertyAssignment(p)) {
      out[p.name.text] = evalExpr(ctx, p.name, scope);
    } else if (ts.isSpreadAssignment(p)) {
      const v = evalExpr(ctx, p.expression, scope);
      if (isUnknown(v)) return unknownFrom(ctx, props, i, Object.values(out), scope, v);
      if (Handle.isHandle(v) || v instanceof Instance) return refusedMember(ctx, p, `spreading a ${Handle.isHandle(v) ? 'gradlens object' : 'class instance'}`);
      if (isRecord(v) || Array.isArray(v) || typeof v === 'string') {
        for (const [k, x] of Object.entries(v)) out[k] = x;
      } else if (isCollection(v) || v instanceof FileIterator || v instanceof ErrorValue) {
        // no own enumerable keys: nothing to copy
      } else if (typeof v === 'object' && v !== null) {
        return refusedMember(ctx, p, 'spreading this value');
      }
    } else if (ts.isMethodDeclaration(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      out[p.name.text] = new Closure(p.name.text, p, scope, undefined, false);
    } else {
      // A getter, setter or other member the subset does not run: the object would not be what the file
      // builds, and the real run may call it (and the members after it run) with effects of their own.
      return unknownFrom(ctx, props, i - 1, Object.values(out), scope, refusedMember(ctx, p, describeKind(p)));
    }
  }
  return out;
}

function refusedMember(ctx: RunContext, node: ts.Node, what: string): Unknown {
  ctx.unsupported(node, what);
  return new Unknown(`an object literal with ${what} (not evaluated here)`);
}

/** `a?.b` short-circuits the whole chain when `a` is null or undefined. */
function shortCircuits(node: ts.Node, receiver: Value): boolean {
  return (receiver === null || receiver === undefined) && (node.flags & ts.NodeFlags.OptionalChain) !== 0;
}

export function evalPropertyAccess(ctx: RunContext, node: ts.PropertyAccessExpression, scope: Scope): Value {
  return memberAccess(ctx, node, scope).value;
}

export function evalElementAccess(ctx: RunContext, node: ts.ElementAccessExpression, scope: Scope): Value {
  return memberAccess(ctx, node, scope).value;
}

/**
 * `a.b`, `a[k]`, `super.b`, `a.#b`: the member's value and the receiver a call of it gets (`this` for
 * `super.m()`). `shortCircuit`: `a?.b` with `a` null or undefined (the whole chain is undefined).
 */
export function memberAccess(
  ctx: RunContext, node: ts.PropertyAccessExpression | ts.ElementAccessExpression, scope: Scope,
): { value: Value; receiver: Value; shortCircuit?: true } {
  if (node.expression.kind === SK.SuperKeyword) {
    const self = scope.lookup('this')?.value;
    const key = ts.isPropertyAccessExpression(node) ? node.name.text : evalKey(ctx, node.argumentExpression, scope);
    if (isUnknown(key)) return { value: key, receiver: self };
    return { value: superMember(ctx, String(key), scope, node), receiver: self };
  }
  const receiver = evalExpr(ctx, node.expression, scope);
  if (shortCircuits(node, receiver)) return { value: undefined, receiver, shortCircuit: true };
  if (ts.isPropertyAccessExpression(node)) {
    const value = ts.isPrivateIdentifier(node.name) ? privateMember(ctx, receiver, node.name.text, scope, node) : getMember(ctx, receiver, node.name.text, node);
    return { value, receiver };
  }
  const key = evalKey(ctx, node.argumentExpression, scope);
  if (isUnknown(key)) return { value: key, receiver };
  return { value: getMember(ctx, receiver, key, node), receiver };
}

export function evalConditional(ctx: RunContext, node: ts.ConditionalExpression, scope: Scope): Value {
  const c = evalExpr(ctx, node.condition, scope);
  if (isUnknown(c)) return skipped(ctx, [node.whenTrue, node.whenFalse], scope, c);
  return evalExpr(ctx, c ? node.whenTrue : node.whenFalse, scope);
}
