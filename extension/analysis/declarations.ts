/** Class and enum declarations (classes themselves: classes.ts). */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Unknown, isUnknown, newRecord, type Value } from './values';
import { makeClass } from './classes';

export function declareClass(ctx: RunContext, s: ts.ClassDeclaration, scope: Scope): void {
  const name = s.name?.text ?? '(anonymous class)';
  scope.declare(name, makeClass(ctx, s, scope, name), false);
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
    const v: Value = m.initializer ? ctx.evaluator.evalExpr(ctx, m.initializer, scope) : next;
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
