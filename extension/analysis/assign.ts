/**
 * Assignments and declarations: where names get values, and where bindings (extension/analysis/README.md) are recorded.
 * Destructuring works the same in declarations, parameters, for...of heads, catch clauses and
 * assignment expressions: nested array and object patterns, defaults, computed keys, rest elements;
 * an array pattern takes any iterable (a string, Set, Map or iterator as well as an array).
 */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Handle } from './membrane';
import { Instance, SharedUnknown, Unknown, isRecord, isUnknown, newRecord, orderedEntries, type Value } from './values';
import { evalKey, propertyKey } from './keys';
import { getMember, setMember } from './members';
import { mutatedAt } from './havoc';
import { iterate } from './collections';
import { setPrivateMember } from './class-members';
import { isModule } from './nn-module';
import { changesShared } from './shared';

/** `target = value`; returns the value. `rhs` is the expression that produced it (for `.item()` numbers). */
export function assignTo(ctx: RunContext, target: ts.Expression, value: Value, scope: Scope, rhs: ts.Expression | undefined): Value {
  if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target) || ts.isAsExpression(target) || ts.isSatisfiesExpression(target)) {
    return assignTo(ctx, target.expression, value, scope, rhs);
  }
  if (ts.isIdentifier(target)) {
    const slot = scope.lookup(target.text);
    if (!slot) {
      ctx.raise(target, 'ReferenceError', `${target.text} is not defined`);
      return value;
    }
    if (slot.constant) {
      ctx.raise(target, 'TypeError', 'Assignment to constant variable.');
      return value;
    }
    slot.value = value;
    slot.binding = ctx.recorder.record(target, target.text, value, ctx.recorder.itemCalls.has(rhs));
    if (isModule(value)) ctx.recorder.nameModule(value, target.text);
    return value;
  }
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
    return assignMember(ctx, target, value, scope, rhs);
  }
  if (ts.isArrayLiteralExpression(target)) {
    assignArrayPattern(ctx, target, value, scope, rhs);
    return value;
  }
  if (ts.isObjectLiteralExpression(target)) {
    assignObjectPattern(ctx, target, value, scope, rhs);
    return value;
  }
  ctx.unsupported(target, 'this assignment target');
  return value;
}

/** `[a, b = 1, ...rest] = value` as an expression. */
function assignArrayPattern(ctx: RunContext, target: ts.ArrayLiteralExpression, value: Value, scope: Scope, rhs: ts.Expression | undefined): void {
  const items = elementsOf(ctx, value, target);
  target.elements.forEach((el, i) => {
    if (ts.isOmittedExpression(el)) return;
    if (ts.isSpreadElement(el)) {
      assignTo(ctx, el.expression, isUnknown(items) ? items : items.slice(i), scope, rhs);
      return;
    }
    const [to, fallback] = withDefault(el);
    let v: Value = isUnknown(items) ? items : items[i];
    if (v === undefined && fallback) v = ctx.evaluator.evalExpr(ctx, fallback, scope);
    assignTo(ctx, to, v, scope, rhs);
  });
}

/** `({ a, b: c = 1, [k]: d, ...rest } = value)` as an expression. */
function assignObjectPattern(ctx: RunContext, target: ts.ObjectLiteralExpression, value: Value, scope: Scope, rhs: ts.Expression | undefined): void {
  const taken: string[] = [];
  for (const p of target.properties) {
    if (ts.isSpreadAssignment(p)) {
      assignTo(ctx, p.expression, restOf(ctx, value, taken, p), scope, rhs);
      continue;
    }
    let key: string | Unknown;
    let to: ts.Expression;
    let fallback: ts.Expression | undefined;
    if (ts.isShorthandPropertyAssignment(p)) {
      key = p.name.text;
      to = p.name;
      fallback = p.objectAssignmentInitializer;
    } else if (ts.isPropertyAssignment(p)) {
      key = propertyKey(ctx, p.name, scope);
      [to, fallback] = withDefault(p.initializer);
    } else {
      ctx.unsupported(p, 'this destructuring target');
      continue;
    }
    let v: Value = isUnknown(key) ? key : isUnknown(value) ? value : getMember(ctx, value, key, p);
    if (!isUnknown(key)) taken.push(key);
    if (v === undefined && fallback) v = ctx.evaluator.evalExpr(ctx, fallback, scope);
    assignTo(ctx, to, v, scope, rhs);
  }
}

/** `x = 1` inside an assignment pattern is a target with a default. */
function withDefault(e: ts.Expression): [ts.Expression, ts.Expression | undefined] {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return [e.left, e.right];
  return [e, undefined];
}

function assignMember(
  ctx: RunContext, target: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: Value, scope: Scope, rhs: ts.Expression | undefined,
): Value {
  if (target.expression.kind === ts.SyntaxKind.SuperKeyword) {
    ctx.unsupported(target, "assignment through 'super'");
    return value;
  }
  const obj = ctx.evaluator.evalExpr(ctx, target.expression, scope);
  if (ts.isPropertyAccessExpression(target) && ts.isPrivateIdentifier(target.name)) {
    if (isUnknown(obj)) mutatedAt(ctx, target.expression, scope, obj);
    else setPrivateMember(ctx, obj, target.name.text, value, scope, target);
    return value;
  }
  const key = ts.isPropertyAccessExpression(target) ? target.name.text : evalKey(ctx, target.argumentExpression, scope);
  // a prototype, the global object: the real run changes what every later line computes
  if (obj instanceof SharedUnknown) changesShared(ctx, target, 'This assignment');
  if (isUnknown(obj) || isUnknown(key)) {
    // the write lands somewhere in the object the target starts from: that object is no longer known
    mutatedAt(ctx, target.expression, scope, isUnknown(key) ? key : obj);
    return value;
  }
  setMember(ctx, obj, key, value, target);
  if (target.expression.kind === ts.SyntaxKind.ThisKeyword && obj instanceof Instance && typeof key === 'string') {
    const rec = ctx.recorder.record(target, `this.${key}`, value, ctx.recorder.itemCalls.has(rhs));
    if (rec) obj.fieldBindings.set(key, rec);
    else obj.fieldBindings.delete(key);
  }
  return value;
}

/** The elements an array pattern reads: any iterable; unknown when the value is. */
function elementsOf(ctx: RunContext, value: Value, node: ts.Node): readonly Value[] | Unknown {
  if (isUnknown(value) || Array.isArray(value)) return value;
  if (value === null || value === undefined) {
    ctx.raise(node, 'TypeError', `${value} is not iterable (cannot read property Symbol(Symbol.iterator))`);
    return new Unknown(`destructures ${value}`);
  }
  return iterate(ctx, value, node);
}

/** `...rest` of an object pattern: a new object with the own keys not taken by the pattern. */
function restOf(ctx: RunContext, value: Value, taken: readonly string[], node: ts.Node): Value {
  if (isUnknown(value)) return value;
  let entries: [string, Value][];
  if (isRecord(value) || Array.isArray(value) || typeof value === 'string') entries = Object.entries(value);
  else if (value instanceof Instance) entries = orderedEntries(value.fields);
  else if (typeof value === 'number' || typeof value === 'boolean') entries = [];
  else {
    const what = Handle.isHandle(value) ? 'a gradlens object' : value === null || value === undefined ? String(value) : 'this value';
    ctx.unsupported(node, `the rest of ${what} in a destructuring pattern`);
    return new Unknown(`depends on the rest of ${what} (not evaluated here)`);
  }
  const out = newRecord();
  for (const [k, v] of entries) if (!taken.includes(k)) out[k] = v;
  return out;
}

/**
 * Declare the names of a binding pattern with parts of `value`. `recordSites` is false for function
 * parameters (they are not bindings).
 */
export function declarePattern(
  ctx: RunContext, scope: Scope, name: ts.BindingName, value: Value, constant: boolean, recordSites: boolean, rhs: ts.Node | undefined,
): void {
  if (ts.isIdentifier(name)) {
    const rec = recordSites ? ctx.recorder.record(name, name.text, value, ctx.recorder.itemCalls.has(rhs)) : undefined;
    scope.declare(name.text, value, constant, rec);
    if (recordSites && isModule(value)) ctx.recorder.nameModule(value, name.text);
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    const taken: string[] = [];
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        declarePattern(ctx, scope, el.name, restOf(ctx, value, taken, el), constant, recordSites, rhs);
        continue;
      }
      const keyNode = el.propertyName ?? el.name;
      const key = ts.isIdentifier(keyNode) ? keyNode.text : ts.isObjectBindingPattern(keyNode) || ts.isArrayBindingPattern(keyNode) ? new Unknown('a pattern as a key') : propertyKey(ctx, keyNode, scope);
      if (!isUnknown(key)) taken.push(key);
      let v: Value = isUnknown(value) ? value : isUnknown(key) ? key : getMember(ctx, value, key, el);
      if (v === undefined && el.initializer) v = ctx.evaluator.evalExpr(ctx, el.initializer, scope);
      declarePattern(ctx, scope, el.name, v, constant, recordSites, rhs);
    }
    return;
  }
  const items = elementsOf(ctx, value, name);
  name.elements.forEach((el, i) => {
    if (ts.isOmittedExpression(el)) return;
    let v: Value;
    if (isUnknown(items)) v = items;
    else if (el.dotDotDotToken) v = items.slice(i);
    else v = items[i];
    if (v === undefined && el.initializer) v = ctx.evaluator.evalExpr(ctx, el.initializer, scope);
    declarePattern(ctx, scope, el.name, v, constant, recordSites, rhs);
  });
}

