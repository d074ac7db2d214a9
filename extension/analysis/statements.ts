/** Statements and control flow. Every loop iteration costs steps, so every loop is bounded by the budget. */
import ts from 'typescript';
import type { RunContext } from './context';
import { Scope } from './scope';
import { Closure, Unknown, isUnknown, type Value } from './values';
import { describeKind, evalExpr } from './expressions';
import { declarePattern } from './assign';
import { declareImport } from './imports';
import { holdsSyntaxError } from './syntax';
import { declareClass, declareEnum } from './declarations';
import { exitOf, havoc, type Exit } from './havoc';

function exitRank(e: Exit): number {
  return e === 'return' ? 3 : e === 'break' ? 2 : 1;
}

/** The kinds, read once (the compiler API exposes them through getters). */
const SK = ts.SyntaxKind;

export const enum Completion { Normal, Break, Continue, Return }

/** Run a function body; returns the function's result (unknown when skipped code may have returned). */
export function execBody(ctx: RunContext, body: ts.Block, scope: Scope): Value {
  ctx.returnValue = undefined;
  const c = execStatements(ctx, body.statements, scope);
  const exit = ctx.maybeExit;
  ctx.maybeExit = undefined;
  const v = exit?.kind === 'return' ? exit.why : c === Completion.Return ? ctx.returnValue : undefined;
  ctx.returnValue = undefined;
  return v;
}

/** Function declarations are hoisted to the top of their block. */
function hoist(ctx: RunContext, statements: readonly ts.Statement[], scope: Scope): void {
  for (const s of statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body) {
      scope.declare(s.name.text, new Closure(s.name.text, s, scope, undefined, false), false);
    }
  }
}

export function execStatements(ctx: RunContext, statements: readonly ts.Statement[], scope: Scope): Completion {
  hoist(ctx, statements, scope);
  for (let i = 0; i < statements.length; i++) {
    const c = execStatement(ctx, statements[i], scope);
    if (ctx.maybeExit) return maybeLeft(ctx, statements, i + 1, scope);
    if (c !== Completion.Normal) return c;
  }
  return Completion.Normal;
}

/**
 * Skipped code may have left this statement list (a return, break or continue): the statements after
 * it may or may not have run, so what they change is unknown, and the list ends here as that exit would.
 */
function maybeLeft(ctx: RunContext, statements: readonly ts.Statement[], from: number, scope: Scope): Completion {
  const exit = ctx.maybeExit!;
  for (let k = from; k < statements.length; k++) havoc(ctx, statements[k], scope, exit.why);
  if (exit.kind === 'return') {
    ctx.returnValue = exit.why;
    return Completion.Return;
  }
  return Completion.Normal;
}

/** After a loop's iteration: an exit skipped code may have taken decides whether the loop goes on. */
function loopAfterMaybeExit(ctx: RunContext, loop: ts.Node, scope: Scope): Completion | 'next' {
  const exit = ctx.maybeExit!;
  if (exit.kind === 'continue') {
    ctx.maybeExit = undefined;
    return 'next';
  }
  // the loop may have ended here, or gone on: its later iterations may or may not have run
  havoc(ctx, loop, scope, exit.why);
  if (exit.kind === 'break') {
    ctx.maybeExit = undefined;
    return Completion.Normal;
  }
  return Completion.Return;
}

/**
 * The truth of a condition; when it is not known, the code it guards (`skipped`) is not run, and what
 * that code may change becomes unknown too (havoc.ts).
 */
function truthyOrSkip(ctx: RunContext, v: Value, node: ts.Node, what: string, skipped: readonly (ts.Node | undefined)[], scope: Scope): boolean {
  if (isUnknown(v)) {
    ctx.report(node, 'info', 'unsupported', `The ${what} depends on a value not known here (${v.reason}); not evaluated`);
    skipRegion(ctx, skipped, scope, new Unknown(`may be changed by code not evaluated at line ${ctx.range(node).line}`));
    return false;
  }
  return Boolean(v);
}

/** Code not run: what it may change is unknown, and an exit it holds (return, break, continue) may have been taken. */
function skipRegion(ctx: RunContext, skipped: readonly (ts.Node | undefined)[], scope: Scope, why: Unknown): void {
  for (const n of skipped) if (n) havoc(ctx, n, scope, why);
  const exit = exitOf(skipped);
  if (exit && (!ctx.maybeExit || exitRank(exit) > exitRank(ctx.maybeExit.kind))) ctx.maybeExit = { kind: exit, why };
}

/** Statements whose own text is evaluated (not blocks or loops, whose parts are checked one by one). */
function isSimple(s: ts.Statement): boolean {
  return s.kind === SK.VariableStatement || s.kind === SK.ExpressionStatement || s.kind === SK.ReturnStatement;
}

/** A statement still being typed: its names become unknown instead of evaluating half an expression. */
function skipUnparsed(ctx: RunContext, s: ts.Statement, scope: Scope): Completion {
  const unknown = new Unknown('this line does not parse yet');
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) declarePattern(ctx, scope, d.name, unknown, false, true, undefined);
  }
  if (ts.isReturnStatement(s)) {
    ctx.returnValue = unknown;
    return Completion.Return;
  }
  return Completion.Normal;
}

export function execStatement(ctx: RunContext, s: ts.Statement, scope: Scope): Completion {
  ctx.tick(s);
  if (isSimple(s) && holdsSyntaxError(ctx.syntaxErrorStarts, s, ctx.sf)) return skipUnparsed(ctx, s, scope);
  switch (s.kind) {
    case SK.ExpressionStatement:
      if (ts.isExpressionStatement(s)) evalExpr(ctx, s.expression, scope);
      return Completion.Normal;
    case SK.VariableStatement:
      if (ts.isVariableStatement(s)) {
        if (!isAmbient(s)) execDeclarations(ctx, s.declarationList, scope);
      }
      return Completion.Normal;
    case SK.ReturnStatement:
      if (ts.isReturnStatement(s)) ctx.returnValue = s.expression ? evalExpr(ctx, s.expression, scope) : undefined;
      return Completion.Return;
    case SK.IfStatement:
      if (ts.isIfStatement(s)) {
        const c = evalExpr(ctx, s.expression, scope);
        if (isUnknown(c)) return truthyOrSkip(ctx, c, s.expression, 'condition', [s.thenStatement, s.elseStatement], scope), Completion.Normal;
        if (c) return execStatement(ctx, s.thenStatement, scope);
        return s.elseStatement ? execStatement(ctx, s.elseStatement, scope) : Completion.Normal;
      }
      break;
    case SK.Block:
      if (ts.isBlock(s)) return execStatements(ctx, s.statements, new Scope(scope));
      break;
    case SK.ForStatement:
      if (ts.isForStatement(s)) return execFor(ctx, s, scope);
      break;
    case SK.ForOfStatement:
      if (ts.isForOfStatement(s)) return execForOf(ctx, s, scope);
      break;
    case SK.WhileStatement:
      if (ts.isWhileStatement(s)) return execWhile(ctx, s, scope, false);
      break;
    case SK.DoStatement:
      if (ts.isDoStatement(s)) return execWhile(ctx, s, scope, true);
      break;
    case SK.BreakStatement:
    case SK.ContinueStatement:
      if ((ts.isBreakStatement(s) || ts.isContinueStatement(s)) && s.label) break;
      return s.kind === SK.BreakStatement ? Completion.Break : Completion.Continue;
    case SK.FunctionDeclaration:
    case SK.InterfaceDeclaration:
    case SK.TypeAliasDeclaration:
    case SK.EmptyStatement:
    case SK.ExportDeclaration:
    case SK.ExportAssignment:
      return Completion.Normal;
    case SK.ImportDeclaration:
      if (ts.isImportDeclaration(s)) declareImport(ctx, s, scope);
      return Completion.Normal;
    case SK.ClassDeclaration:
      if (ts.isClassDeclaration(s)) declareClass(ctx, s, scope);
      return Completion.Normal;
    case SK.EnumDeclaration:
      if (ts.isEnumDeclaration(s)) declareEnum(ctx, s, scope);
      return Completion.Normal;
    case SK.SwitchStatement:
      if (ts.isSwitchStatement(s)) return execSwitch(ctx, s, scope);
      break;
    case SK.TryStatement:
      if (ts.isTryStatement(s)) return execTry(ctx, s, scope);
      break;
    case SK.ThrowStatement:
      ctx.report(s, 'info', 'unsupported', 'throw: the function stops here; not evaluated further');
      ctx.returnValue = new Unknown('a throw statement (not evaluated here)');
      return Completion.Return;
  }
  ctx.unsupported(s, describeKind(s));
  skipRegion(ctx, [s], scope, new Unknown(`may be changed by a ${describeKind(s)} at line ${ctx.range(s).line}, not evaluated here`));
  return Completion.Normal;
}

function isAmbient(node: ts.Node): boolean {
  if (!ts.canHaveModifiers(node)) return false;
  return ts.getModifiers(node)?.some((m) => m.kind === SK.DeclareKeyword) ?? false;
}

export function execDeclarations(ctx: RunContext, list: ts.VariableDeclarationList, scope: Scope): void {
  const constant = (list.flags & ts.NodeFlags.Const) !== 0;
  for (const d of list.declarations) {
    const v = d.initializer ? evalExpr(ctx, d.initializer, scope) : undefined;
    declarePattern(ctx, scope, d.name, v, constant, true, d.initializer);
  }
}

/** Runs one loop iteration's body in its own group (for graph collapsing). */
function runIteration(ctx: RunContext, loop: ts.Node, body: ts.Statement, scope: Scope, k: number): Completion {
  ctx.pushGroup('loop', k + 1, loop);
  try {
    return execStatement(ctx, body, scope);
  } finally {
    ctx.popGroup();
  }
}

function execFor(ctx: RunContext, s: ts.ForStatement, outer: Scope): Completion {
  let scope = new Scope(outer);
  const init = s.initializer;
  if (init) {
    if (ts.isVariableDeclarationList(init)) execDeclarations(ctx, init, scope);
    else evalExpr(ctx, init, scope);
  }
  // `let` in the header: each iteration has its own copy (closures made in the body keep theirs).
  const perIteration = init !== undefined && ts.isVariableDeclarationList(init) && (init.flags & ts.NodeFlags.BlockScoped) !== 0;
  for (let k = 0; ; k++) {
    ctx.tick(s);
    if (s.condition && !truthyOrSkip(ctx, evalExpr(ctx, s.condition, scope), s.condition, 'loop condition', [s], scope)) break;
    const c = runIteration(ctx, s, s.statement, new Scope(scope), k);
    if (ctx.maybeExit) {
      const next = loopAfterMaybeExit(ctx, s, scope);
      if (next !== 'next') return next;
    } else if (c === Completion.Break) break;
    else if (c === Completion.Return) return c;
    if (perIteration) scope = scope.copy();
    if (s.incrementor) evalExpr(ctx, s.incrementor, scope);
  }
  return Completion.Normal;
}

function execForOf(ctx: RunContext, s: ts.ForOfStatement, outer: Scope): Completion {
  const items = evalExpr(ctx, s.expression, outer);
  let list: readonly Value[];
  if (Array.isArray(items)) list = items.slice();
  else if (typeof items === 'string') list = [...items];
  else {
    const why = isUnknown(items) ? items : new Unknown('for...of over a value that is not an array (not evaluated here)');
    if (!isUnknown(items)) ctx.unsupported(s.expression, 'for...of over a value that is not an array');
    truthyOrSkip(ctx, why, s.expression, 'loop', [s], outer);
    return Completion.Normal;
  }
  for (let k = 0; k < list.length; k++) {
    ctx.tick(s);
    const scope = new Scope(outer);
    const init = s.initializer;
    if (ts.isVariableDeclarationList(init)) {
      const d = init.declarations[0];
      if (d) declarePattern(ctx, scope, d.name, list[k], (init.flags & ts.NodeFlags.Const) !== 0, true, undefined);
    } else {
      ctx.unsupported(init, 'for...of without a declaration');
      return Completion.Normal;
    }
    const c = runIteration(ctx, s, s.statement, scope, k);
    if (ctx.maybeExit) {
      const next = loopAfterMaybeExit(ctx, s, outer);
      if (next !== 'next') return next;
    } else if (c === Completion.Break) break;
    else if (c === Completion.Return) return c;
  }
  return Completion.Normal;
}

function execWhile(ctx: RunContext, s: ts.WhileStatement | ts.DoStatement, scope: Scope, isDo: boolean): Completion {
  for (let k = 0; ; k++) {
    ctx.tick(s);
    if ((!isDo || k > 0) && !truthyOrSkip(ctx, evalExpr(ctx, s.expression, scope), s.expression, 'loop condition', [s], scope)) break;
    const c = runIteration(ctx, s, s.statement, new Scope(scope), k);
    if (ctx.maybeExit) {
      const next = loopAfterMaybeExit(ctx, s, scope);
      if (next !== 'next') return next;
    } else if (c === Completion.Break) break;
    else if (c === Completion.Return) return c;
  }
  return Completion.Normal;
}

function execSwitch(ctx: RunContext, s: ts.SwitchStatement, scope: Scope): Completion {
  const v = evalExpr(ctx, s.expression, scope);
  if (!truthyOrSkip(ctx, isUnknown(v) ? v : true, s.expression, 'switch', [s], scope)) return Completion.Normal;
  const inner = new Scope(scope);
  const clauses = s.caseBlock.clauses;
  let start = -1;
  for (let i = 0; i < clauses.length && start < 0; i++) {
    const c = clauses[i];
    if (!ts.isCaseClause(c)) continue;
    const label = evalExpr(ctx, c.expression, inner);
    // a case label not known here might be the one that matches
    if (!truthyOrSkip(ctx, isUnknown(label) ? label : true, c.expression, 'case label', [s], scope)) return Completion.Normal;
    if (label === v) start = i;
  }
  if (start < 0) start = clauses.findIndex(ts.isDefaultClause);
  if (start < 0) return Completion.Normal;
  for (let i = start; i < clauses.length; i++) {
    const c = execStatements(ctx, clauses[i].statements, inner);
    if (ctx.maybeExit?.kind === 'break') {
      // a skipped break may have left the switch here: the later clauses may or may not have run
      for (let k = i + 1; k < clauses.length; k++) havoc(ctx, clauses[k], inner, ctx.maybeExit.why);
      ctx.maybeExit = undefined;
      return Completion.Normal;
    }
    if (ctx.maybeExit) return c;
    if (c === Completion.Break) return Completion.Normal;
    if (c !== Completion.Normal) return c;
  }
  return Completion.Normal;
}

/** `try`: the block runs, then `finally`; a `catch` clause is not evaluated (errors become diagnostics). */
function execTry(ctx: RunContext, s: ts.TryStatement, scope: Scope): Completion {
  const errorsBefore = ctx.diagnostics.filter((d) => d.severity === 'error').length;
  const c = execStatements(ctx, s.tryBlock.statements, new Scope(scope));
  if (s.catchClause) {
    ctx.report(s.catchClause, 'info', 'unsupported', 'catch clause: not evaluated here');
    // an error in the block would have run the catch clause: what it changes is not known
    if (ctx.diagnostics.filter((d) => d.severity === 'error').length > errorsBefore) {
      skipRegion(ctx, [s.catchClause.block], scope, new Unknown(`may be changed by the catch clause at line ${ctx.range(s.catchClause).line}, not evaluated here`));
    }
  }
  if (s.finallyBlock) {
    const f = execStatements(ctx, s.finallyBlock.statements, new Scope(scope));
    if (f !== Completion.Normal) return f;
  }
  return c;
}
