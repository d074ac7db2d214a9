/** Class and enum declarations. */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { ClassValue, Unknown, isUnknown, newRecord, type Value } from './values';
import { evalExpr } from './expressions';

export function declareClass(ctx: RunContext, s: ts.ClassDeclaration, scope: Scope): void {
  const name = s.name?.text ?? '(anonymous class)';
  if (s.heritageClauses?.length) ctx.unsupported(s.heritageClauses[0], 'class inheritance');
  const methods = new Map<string, ts.MethodDeclaration>();
  const getters = new Map<string, ts.GetAccessorDeclaration>();
  for (const m of s.members) {
    const isStatic = ts.canHaveModifiers(m) && (ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false);
    if (isStatic) ctx.unsupported(m, 'static class member');
    else if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.body) methods.set(m.name.text, m);
    else if (ts.isGetAccessor(m) && ts.isIdentifier(m.name) && m.body) getters.set(m.name.text, m);
    else if (ts.isSetAccessor(m)) ctx.unsupported(m, 'class setter');
  }
  scope.declare(name, new ClassValue(name, s, scope, methods, getters), false);
}

/** An enum as TypeScript emits it: numbers count up from the last numeric value; strings as given. */
export function declareEnum(ctx: RunContext, s: ts.EnumDeclaration, scope: Scope): void {
  const members = newRecord();
  let next: Value = 0;
  for (const m of s.members) {
    const key = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
    if (key === undefined) {
      ctx.unsupported(m.name, 'computed enum member');
      continue;
    }
    const v: Value = m.initializer ? evalExpr(ctx, m.initializer, scope) : next;
    members[key] = v;
    if (typeof v === 'number') {
      members[String(v)] = key;
      next = v + 1;
    } else {
      next = isUnknown(v) ? v : new Unknown(`enum member after a non-numeric one`);
    }
  }
  scope.declare(s.name.text, members, true);
}
