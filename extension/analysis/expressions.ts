/** Expressions: one switch over the node kind; unknown inputs give unknown results. */
import ts from 'typescript';
import type { RunContext } from './context';
import { Scope } from './scope';
import { BoundMethod, Closure, ErrorValue, Instance, isCallable, MAX_STRING, Unknown, isRecord, isUnknown, newRecord, reveal, type Value } from './values';
import { Handle } from './membrane';
import { havoc } from './havoc';
import { evalBinary, evalPostfix, evalPrefix, toStringValue } from './operators';
import { evalCall, evalNew } from './calls';
import { getMember } from './members';
import { lookupGlobal } from './builtins';
import { makeClass } from './classes';
import { privateMember, superMember } from './class-members';
import { isCollection, FileIterator, iterate } from './collections';

/** The kinds, read once (the compiler API exposes them through getters). */
const SK = ts.SyntaxKind;

/**
 * The value of an expression. Once some object was poisoned (havoc.ts), a poisoned object is read as
 * the Unknown it stands for, whichever way the expression reached it.
 */
export function evalExpr(ctx: RunContext, node: ts.Expression, scope: Scope): Value {
  const v = evalNode(ctx, node, scope);
  const out = ctx.poisoning ? reveal(v) : v;
  // inside a try with a catch clause, a value not known here is a place where the real run may have thrown
  if (ctx.catching !== 0 && out instanceof Unknown) ctx.taint(out);
  return out;
}

function evalNode(ctx: RunContext, node: ts.Expression, scope: Scope): Value {
  ctx.tick(node);
  switch (node.kind) {
    case SK.NumericLiteral:
      if (ts.isNumericLiteral(node)) return Number(node.text);
      break;
    case SK.StringLiteral:
    case SK.NoSubstitutionTemplateLiteral:
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
      break;
    case SK.TrueKeyword:
      return true;
    case SK.FalseKeyword:
      return false;
    case SK.NullKeyword:
      return null;
    case SK.ThisKeyword:
      return scope.lookup('this')?.value;
    case SK.Identifier:
      if (ts.isIdentifier(node)) return evalIdentifier(ctx, node, scope);
      break;
    case SK.TemplateExpression:
      if (ts.isTemplateExpression(node)) return evalTemplate(ctx, node, scope);
      break;
    case SK.ParenthesizedExpression:
    case SK.AsExpression:
    case SK.TypeAssertionExpression:
    case SK.NonNullExpression:
    case SK.SatisfiesExpression:
      if (
        ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) ||
        ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)
      ) return evalExpr(ctx, node.expression, scope);
      break;
    case SK.ArrayLiteralExpression:
      if (ts.isArrayLiteralExpression(node)) return evalArray(ctx, node, scope);
      break;
    case SK.ObjectLiteralExpression:
      if (ts.isObjectLiteralExpression(node)) return evalObject(ctx, node, scope);
      break;
    case SK.PropertyAccessExpression:
      if (ts.isPropertyAccessExpression(node)) return evalPropertyAccess(ctx, node, scope);
      break;
    case SK.ElementAccessExpression:
      if (ts.isElementAccessExpression(node)) return evalElementAccess(ctx, node, scope);
      break;
    case SK.CallExpression:
      if (ts.isCallExpression(node)) return evalCall(ctx, node, scope);
      break;
    case SK.NewExpression:
      if (ts.isNewExpression(node)) return evalNew(ctx, node, scope);
      break;
    case SK.BinaryExpression:
      if (ts.isBinaryExpression(node)) return evalBinary(ctx, node, scope);
      break;
    case SK.PrefixUnaryExpression:
      if (ts.isPrefixUnaryExpression(node)) return evalPrefix(ctx, node, scope);
      break;
    case SK.PostfixUnaryExpression:
      if (ts.isPostfixUnaryExpression(node)) return evalPostfix(ctx, node, scope);
      break;
    case SK.ConditionalExpression:
      if (ts.isConditionalExpression(node)) return evalConditional(ctx, node, scope);
      break;
    case SK.ArrowFunction:
      if (ts.isArrowFunction(node)) return new Closure('(anonymous)', node, scope, scope.lookup('this')?.value, true);
      break;
    case SK.FunctionExpression:
      if (ts.isFunctionExpression(node)) return new Closure(node.name?.text ?? '(anonymous)', node, scope, undefined, false);
      break;
    case SK.ClassExpression:
      if (ts.isClassExpression(node)) return makeClass(ctx, node, scope, node.name?.text ?? '');
      break;
    case SK.TypeOfExpression:
      if (ts.isTypeOfExpression(node)) return typeOf(evalExpr(ctx, node.expression, scope));
      break;
    case SK.VoidExpression:
      if (ts.isVoidExpression(node)) {
        evalExpr(ctx, node.expression, scope);
        return undefined;
      }
      break;
  }
  ctx.unsupported(node, describeKind(node));
  return skipped(ctx, [node], scope, new Unknown(`depends on ${describeKind(node)} (not evaluated here)`));
}

export function describeKind(node: ts.Node): string {
  return ts.SyntaxKind[node.kind].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function typeOf(v: Value): Value {
  if (isUnknown(v)) return v;
  if (isCallable(v) || v instanceof BoundMethod) return 'function';
  return v === null ? 'object' : typeof v;
}

function evalIdentifier(ctx: RunContext, node: ts.Identifier, scope: Scope): Value {
  const name = node.text;
  const slot = scope.lookup(name);
  if (slot) {
    slot.binding?.addUse(node.getStart(ctx.sf), () => ctx.range(node));
    return slot.value;
  }
  const g = lookupGlobal(name);
  if (g !== undefined || name === 'undefined') return g;
  ctx.report(node, 'info', 'unsupported', `'${name}' is not defined in this file: not evaluated here`);
  return new Unknown(`depends on '${name}' (not evaluated here)`);
}

function evalTemplate(ctx: RunContext, node: ts.TemplateExpression, scope: Scope): Value {
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

function evalArray(ctx: RunContext, node: ts.ArrayLiteralExpression, scope: Scope): Value {
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
function evalObject(ctx: RunContext, node: ts.ObjectLiteralExpression, scope: Scope): Value {
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
      // A getter, setter or other member the subset does not run: the object would not be what the file builds.
      return refusedMember(ctx, p, describeKind(p));
    }
  }
  return out;
}

function refusedMember(ctx: RunContext, node: ts.Node, what: string): Unknown {
  ctx.unsupported(node, what);
  return new Unknown(`an object literal with ${what} (not evaluated here)`);
}

export function propertyKey(ctx: RunContext, name: ts.PropertyName, scope: Scope): string | Unknown {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    const v = evalExpr(ctx, name.expression, scope);
    if (isUnknown(v)) return v;
    const k = keyOf(ctx, v, name);
    return typeof k === 'number' ? String(k) : k;
  }
  ctx.unsupported(name, describeKind(name));
  return new Unknown('depends on a property name that is not evaluated here');
}

/** A value used as a property key, as JavaScript converts it (an object through its toString); numbers stay numbers. */
export function keyOf(ctx: RunContext, v: Value, node: ts.Node): string | number | Unknown {
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  return toStringValue(ctx, v, node);
}

/** `a?.b` short-circuits the whole chain when `a` is null or undefined. */
function shortCircuits(node: ts.Node, receiver: Value): boolean {
  return (receiver === null || receiver === undefined) && (node.flags & ts.NodeFlags.OptionalChain) !== 0;
}

function evalPropertyAccess(ctx: RunContext, node: ts.PropertyAccessExpression, scope: Scope): Value {
  return memberAccess(ctx, node, scope).value;
}

function evalElementAccess(ctx: RunContext, node: ts.ElementAccessExpression, scope: Scope): Value {
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

/** The key of `a[k]`: `k` evaluated and converted as JavaScript converts a property key. */
export function evalKey(ctx: RunContext, k: ts.Expression, scope: Scope): string | number | Unknown {
  const v = evalExpr(ctx, k, scope);
  return isUnknown(v) ? v : keyOf(ctx, v, k);
}

function evalConditional(ctx: RunContext, node: ts.ConditionalExpression, scope: Scope): Value {
  const c = evalExpr(ctx, node.condition, scope);
  if (isUnknown(c)) return skipped(ctx, [node.whenTrue, node.whenFalse], scope, c);
  return evalExpr(ctx, c ? node.whenTrue : node.whenFalse, scope);
}

/** Expressions not evaluated because a value they depend on is not known: what they may change is unknown too. */
export function skipped(ctx: RunContext, nodes: readonly ts.Node[], scope: Scope, why: Unknown): Unknown {
  for (const n of nodes) havoc(ctx, n, scope, why);
  return why;
}

/**
 * A list (array literal, arguments, object literal, template) became unknown at element `at`: the
 * elements after it are not evaluated (what they change is unknown), and the values before it went
 * into a value not known here (they escape: havoc.ts).
 */
export function unknownFrom(ctx: RunContext, nodes: readonly ts.Node[], at: number, known: readonly Value[], scope: Scope, why: Unknown): Unknown {
  for (const v of known) if (typeof v === 'object' && v !== null) ctx.escaped.add(v);
  return skipped(ctx, nodes.slice(at + 1), scope, why);
}
