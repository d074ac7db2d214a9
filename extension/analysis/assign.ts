/** Assignments and declarations: where names get values, and where bindings (SPEC §2) are recorded. */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Instance, Unknown, isUnknown, type Value } from './values';
import { evalExpr } from './expressions';
import { getMember, setMember } from './members';
import { mutatedAt } from './havoc';

/** `target = value`; returns the value. `rhs` is the expression that produced it (for `.item()` numbers). */
export function assignTo(ctx: RunContext, target: ts.Expression, value: Value, scope: Scope, rhs: ts.Expression | undefined): Value {
  if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target) || ts.isAsExpression(target)) {
    return assignTo(ctx, target.expression, value, scope, rhs);
  }
  if (ts.isIdentifier(target)) {
    const slot = scope.lookup(target.text);
    if (!slot) {
      ctx.report(target, 'error', 'runtime', `ReferenceError: ${target.text} is not defined`);
      return value;
    }
    if (slot.constant) {
      ctx.report(target, 'error', 'runtime', 'TypeError: Assignment to constant variable.');
      return value;
    }
    slot.value = value;
    slot.binding = ctx.recorder.record(target, target.text, value, ctx.recorder.itemCalls.has(rhs));
    return value;
  }
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
    return assignMember(ctx, target, value, scope, rhs);
  }
  if (ts.isArrayLiteralExpression(target)) {
    target.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el)) return;
      const v = isUnknown(value) ? value : getMember(ctx, value, i, el);
      assignTo(ctx, el, v, scope, rhs);
    });
    return value;
  }
  ctx.unsupported(target, 'this assignment target');
  return value;
}

function assignMember(
  ctx: RunContext, target: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: Value, scope: Scope, rhs: ts.Expression | undefined,
): Value {
  const obj = evalExpr(ctx, target.expression, scope);
  let key: Value;
  if (ts.isPropertyAccessExpression(target)) key = target.name.text;
  else key = evalExpr(ctx, target.argumentExpression, scope);
  if (isUnknown(obj) || isUnknown(key)) {
    // the write lands somewhere in the object the target starts from: that object is no longer known
    mutatedAt(ctx, target.expression, scope, isUnknown(key) ? key : obj);
    return value;
  }
  setMember(ctx, obj, typeof key === 'number' ? key : String(key), value, target);
  if (target.expression.kind === ts.SyntaxKind.ThisKeyword && obj instanceof Instance && typeof key === 'string') {
    const rec = ctx.recorder.record(target, `this.${key}`, value, ctx.recorder.itemCalls.has(rhs));
    if (rec) obj.fieldBindings.set(key, rec);
    else obj.fieldBindings.delete(key);
  }
  return value;
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
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        ctx.unsupported(el, 'object rest element');
        declarePattern(ctx, scope, el.name, new Unknown('depends on an object rest element (not evaluated here)'), constant, recordSites, rhs);
        continue;
      }
      const keyNode = el.propertyName ?? el.name;
      const key = ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode) ? keyNode.text : undefined;
      let v: Value = isUnknown(value) ? value : key === undefined ? new Unknown('computed key') : getMember(ctx, value, key, el);
      if (v === undefined && el.initializer) v = evalExpr(ctx, el.initializer, scope);
      declarePattern(ctx, scope, el.name, v, constant, recordSites, rhs);
    }
    return;
  }
  name.elements.forEach((el, i) => {
    if (ts.isOmittedExpression(el)) return;
    let v: Value;
    if (isUnknown(value)) v = value;
    else if (el.dotDotDotToken) v = Array.isArray(value) ? value.slice(i) : new Unknown('rest of a non-array');
    else v = getMember(ctx, value, i, el);
    if (v === undefined && el.initializer) v = evalExpr(ctx, el.initializer, scope);
    declarePattern(ctx, scope, el.name, v, constant, recordSites, rhs);
  });
}
