/**
 * Exceptions: `throw`, `try`/`catch`/`finally`, and the file's top level, where a throw nothing
 * catches ends the run. An error the real run would throw (ctx.raise) travels as `Thrown` to the
 * nearest catch; where the try block met a value not known here, the real run may have thrown at that
 * point, and what the block and the catch clause change is unknown (ctx.taint).
 */
import ts from 'typescript';
import type { RunContext } from './context';
import { Scope } from './scope';
import { ErrorValue, Thrown, Unknown, isUnknown, type Value } from './values';
import { declarePattern } from './assign';
import { toStringValue } from './operators';
import { havoc, type Exit } from './havoc';
import { Completion } from './evaluator';
import { exitRank, skipRegion } from './statements';

/**
 * `try`: the block runs; an error thrown in it (a `throw`, an engine error, a TypeError the real run
 * would throw) leaves it there and runs the `catch` clause with the error; `finally` runs last, on
 * every way out. Where the block met a value not known here, the real run may have thrown at that
 * point instead: what the block and the catch clause change is then unknown (havoc.ts).
 */
export function execTry(ctx: RunContext, s: ts.TryStatement, scope: Scope): Completion {
  let c = Completion.Normal;
  let pending: Thrown | undefined;
  try {
    c = s.catchClause ? execTryCatch(ctx, s, s.catchClause, scope) : ctx.evaluator.execStatements(ctx, s.tryBlock.statements, new Scope(scope));
  } catch (e) {
    if (!(e instanceof Thrown) || !s.finallyBlock) throw e;
    pending = e;
  }
  if (!s.finallyBlock) return c;
  // a call in `finally` must not clobber the value a `return` in the block is leaving with
  const leaving = ctx.returnValue;
  const f = ctx.evaluator.execStatements(ctx, s.finallyBlock.statements, new Scope(scope));
  if (f !== Completion.Normal || ctx.maybeExit) return f;
  ctx.returnValue = leaving;
  if (pending) throw pending;
  return c;
}

function execTryCatch(ctx: RunContext, s: ts.TryStatement, clause: ts.CatchClause, scope: Scope): Completion {
  let c = Completion.Normal;
  let thrown: Thrown | undefined;
  ctx.catching++;
  ctx.tryTaint.push(undefined);
  let taint: Unknown | undefined;
  try {
    c = ctx.evaluator.execStatements(ctx, s.tryBlock.statements, new Scope(scope));
  } catch (e) {
    if (!(e instanceof Thrown)) throw e;
    thrown = e;
  } finally {
    ctx.catching--;
    taint = ctx.tryTaint.pop();
  }
  if (taint) return afterUnsureTry(ctx, s, clause, scope, c, thrown, taint);
  if (!thrown) return c;
  ctx.returnValue = undefined;
  ctx.maybeExit = undefined;
  return runCatch(ctx, clause, thrown.value, scope);
}

function runCatch(ctx: RunContext, clause: ts.CatchClause, error: Value, scope: Scope): Completion {
  const inner = new Scope(scope);
  const d = clause.variableDeclaration;
  if (d) declarePattern(ctx, inner, d.name, error, false, true, undefined);
  return ctx.evaluator.execStatements(ctx, clause.block.statements, inner);
}

/**
 * The try block met a value not known here, so the real run may have thrown there: the block may have
 * stopped anywhere (what it changes is unknown, and an exit it took may not have been taken), and the
 * catch clause may have run — for sure, with an unknown error, when the analysis saw a throw.
 */
function afterUnsureTry(ctx: RunContext, s: ts.TryStatement, clause: ts.CatchClause, scope: Scope, c: Completion, thrown: Thrown | undefined, why: Unknown): Completion {
  ctx.returnValue = undefined;
  ctx.maybeExit = undefined;
  havoc(ctx, s.tryBlock, scope, why);
  // an error escaping the catch clause would reach an enclosing try
  ctx.taint(why);
  if (thrown) return runCatch(ctx, clause, why, scope);
  skipRegion(ctx, [clause.block], scope, why);
  const taken: Exit | undefined = c === Completion.Return ? 'return' : c === Completion.Break ? 'break' : c === Completion.Continue ? 'continue' : undefined;
  const fromCatch = ctx.maybeExit as RunContext['maybeExit'];
  if (taken && (!fromCatch || exitRank(taken) > exitRank(fromCatch.kind))) ctx.maybeExit = { kind: taken, why };
  return Completion.Normal;
}

/** The file's top level: a throw nothing catches ends the run there, as it ends the real one. */
export function execProgram(ctx: RunContext, statements: readonly ts.Statement[], scope: Scope): void {
  try {
    ctx.evaluator.execStatements(ctx, statements, scope);
  } catch (e) {
    if (!(e instanceof Thrown)) throw e;
    ctx.report(e.node, 'error', 'runtime', `Uncaught ${uncaughtText(ctx, e)}; the run stops here`);
  }
}

function uncaughtText(ctx: RunContext, e: Thrown): string {
  const v = e.value;
  if (v instanceof ErrorValue) return v.message === '' ? v.name : `${v.name}: ${v.message}`;
  if (typeof v === 'string') return `'${v}'`;
  const s = toStringValue(ctx, v, e.node);
  return isUnknown(s) ? `a value not known here (${s.reason})` : s;
}
