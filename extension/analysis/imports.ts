/**
 * Imports: `gradlens` resolves to the membrane's handles on the in-process engine (named, aliased,
 * namespace and default imports). Nothing else is ever loaded: other modules' names are unknown
 * values, so calls through them are "not evaluated here".
 */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Unknown, type Value } from './values';
import { missingExportReason, moduleExport, moduleNamespace } from './membrane';

const ENGINE_MODULE = 'gradlens';

export function declareImport(ctx: RunContext, s: ts.ImportDeclaration, scope: Scope): void {
  const spec = ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : '';
  const clause = s.importClause;
  if (!clause || clause.isTypeOnly) return;
  const fromEngine = spec === ENGINE_MODULE;
  if (!fromEngine) {
    ctx.report(s.moduleSpecifier, 'info', 'unsupported', `Module '${spec}' is not loaded: calls through it are not evaluated here`);
  }
  const foreign = (name: string): Unknown => new Unknown(`depends on '${name}' from '${spec}' (not evaluated here)`, true);
  const lookup = (name: string): Value => {
    if (!fromEngine) return foreign(name);
    const h = moduleExport(name);
    if (h !== undefined) return h;
    const reason = missingExportReason(name);
    ctx.report(s, 'warning', 'unsupported', reason);
    return new Unknown(reason);
  };
  if (clause.name) scope.declare(clause.name.text, fromEngine ? moduleNamespace() : foreign(clause.name.text), true);
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    scope.declare(bindings.name.text, fromEngine ? moduleNamespace() : foreign(bindings.name.text), true);
    return;
  }
  for (const el of bindings.elements) {
    if (el.isTypeOnly) continue;
    const exported = (el.propertyName ?? el.name).text;
    scope.declare(el.name.text, lookup(exported), true);
  }
}
