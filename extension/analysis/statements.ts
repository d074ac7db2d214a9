/** Statements and control flow. Every loop iteration costs steps, so every loop is bounded by the budget. */
import ts from 'typescript';
import type { RunContext } from './context';
import { Scope } from './scope';
import { Closure, Thrown, Unknown, isUnknown, type Value } from './values';
import { Completion } from './evaluator';
import { declarePattern } from './assign';
import { describeKind, holdsSyntaxError } from './syntax';
import { makeClass } from './classes';
import { exitOf, havoc, type Exit } from './havoc';

export function exitRank(e: Exit): number {
  return e === 'return' ? 3 : e === 'break' ? 2 : 1;
}

/** The kinds, read once (the compiler API exposes them through getters). */
const SK = ts.SyntaxKind;

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

/**
 * The truth of a condition; when it is not known, the code it guards (`skipped`) is not run, and what
 * that code may change becomes unknown too (havoc.ts).
 */
export function truthyOrSkip(ctx: RunContext, v: Value, node: ts.Node, what: string, skipped: readonly (ts.Node | undefined)[], scope: Scope): boolean {
  if (isUnknown(v)) {
    ctx.report(node, 'info', 'unsupported', `The ${what} depends on a value not known here (${v.reason}); not evaluated`);
    skipRegion(ctx, skipped, scope, new Unknown(`may be changed by code not evaluated at line ${ctx.range(node).line}`));
    return false;
  }
  return Boolean(v);
}

/** Code not run: what it may change is unknown, and an exit it holds (return, break, continue) may have been taken. */
export function skipRegion(ctx: RunContext, skipped: readonly (ts.Node | undefined)[], scope: Scope, why: Unknown): void {
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

/** One statement, by its kind's handler (dispatch.ts); a kind without one is not evaluated here. */
export function execStatement(ctx: RunContext, s: ts.Statement, scope: Scope): Completion {
  ctx.tick(s);
  if (isSimple(s) && holdsSyntaxError(ctx.syntaxErrorStarts, s, ctx.sf)) return skipUnparsed(ctx, s, scope);
  const handler = ctx.evaluator.statements[s.kind];
  return handler !== undefined ? handler(ctx, s, scope) : notEvaluated(ctx, s, scope);
}

/** Declarations that run nothing: functions (hoisted), types, exports, `;`. */
export const execNothing = (): Completion => Completion.Normal;

export function execExpressionStatement(ctx: RunContext, s: ts.ExpressionStatement, scope: Scope): Completion {
  ctx.evaluator.evalExpr(ctx, s.expression, scope);
  return Completion.Normal;
}

export function execVariableStatement(ctx: RunContext, s: ts.VariableStatement, scope: Scope): Completion {
  if (!isAmbient(s)) execDeclarations(ctx, s.declarationList, scope);
  return Completion.Normal;
}

export function execReturn(ctx: RunContext, s: ts.ReturnStatement, scope: Scope): Completion {
  ctx.returnValue = s.expression ? ctx.evaluator.evalExpr(ctx, s.expression, scope) : undefined;
  return Completion.Return;
}

export function execIf(ctx: RunContext, s: ts.IfStatement, scope: Scope): Completion {
  const c = ctx.evaluator.evalExpr(ctx, s.expression, scope);
  if (isUnknown(c)) return truthyOrSkip(ctx, c, s.expression, 'condition', [s.thenStatement, s.elseStatement], scope), Completion.Normal;
  if (c) return execStatement(ctx, s.thenStatement, scope);
  return s.elseStatement ? execStatement(ctx, s.elseStatement, scope) : Completion.Normal;
}

export function execBlock(ctx: RunContext, s: ts.Block, scope: Scope): Completion {
  return execStatements(ctx, s.statements, new Scope(scope));
}

/** `break` and `continue`; with a label they are not evaluated here. */
export function execJump(ctx: RunContext, s: ts.BreakOrContinueStatement, scope: Scope): Completion {
  if (s.label) return notEvaluated(ctx, s, scope);
  return s.kind === SK.BreakStatement ? Completion.Break : Completion.Continue;
}

export function execThrow(ctx: RunContext, s: ts.ThrowStatement, scope: Scope): Completion {
  throw new Thrown(ctx.evaluator.evalExpr(ctx, s.expression, scope), s);
}

/** A statement the subset does not run: what it may change is unknown, and so is how it leaves. */
function notEvaluated(ctx: RunContext, s: ts.Statement, scope: Scope): Completion {
  ctx.unsupported(s, describeKind(s));
  const why = new Unknown(`may be changed by a ${describeKind(s)} at line ${ctx.range(s).line}, not evaluated here`);
  if (ctx.catching !== 0) ctx.taint(why);
  skipRegion(ctx, [s], scope, why);
  return Completion.Normal;
}

function isAmbient(node: ts.Node): boolean {
  if (!ts.canHaveModifiers(node)) return false;
  return ts.getModifiers(node)?.some((m) => m.kind === SK.DeclareKeyword) ?? false;
}

export function execDeclarations(ctx: RunContext, list: ts.VariableDeclarationList, scope: Scope): void {
  const constant = (list.flags & ts.NodeFlags.Const) !== 0;
  for (const d of list.declarations) {
    const init = d.initializer;
    // `const C = class {...}`: the class takes the variable's name, as JavaScript names it
    const v = init && ts.isClassExpression(init) && !init.name && ts.isIdentifier(d.name)
      ? makeClass(ctx, init, scope, d.name.text)
      : init ? ctx.evaluator.evalExpr(ctx, init, scope) : undefined;
    declarePattern(ctx, scope, d.name, v, constant, true, d.initializer);
  }
}

export function execSwitch(ctx: RunContext, s: ts.SwitchStatement, scope: Scope): Completion {
  const v = ctx.evaluator.evalExpr(ctx, s.expression, scope);
  if (!truthyOrSkip(ctx, isUnknown(v) ? v : true, s.expression, 'switch', [s], scope)) return Completion.Normal;
  const inner = new Scope(scope);
  const clauses = s.caseBlock.clauses;
  let start = -1;
  for (let i = 0; i < clauses.length && start < 0; i++) {
    const c = clauses[i];
    if (!ts.isCaseClause(c)) continue;
    const label = ctx.evaluator.evalExpr(ctx, c.expression, inner);
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
