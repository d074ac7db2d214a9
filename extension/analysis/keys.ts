/** Property keys: a member's written name, `[computed]` names, and `a[k]`'s key as JavaScript converts it. */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Unknown, isUnknown, type Value } from './values';
import { describeKind } from './syntax';

export function propertyKey(ctx: RunContext, name: ts.PropertyName, scope: Scope): string | Unknown {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    const v = ctx.evaluator.evalExpr(ctx, name.expression, scope);
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
  return ctx.evaluator.toStringValue(ctx, v, node);
}

/** The key of `a[k]`: `k` evaluated and converted as JavaScript converts a property key. */
export function evalKey(ctx: RunContext, k: ts.Expression, scope: Scope): string | number | Unknown {
  const v = ctx.evaluator.evalExpr(ctx, k, scope);
  return isUnknown(v) ? v : keyOf(ctx, v, k);
}
