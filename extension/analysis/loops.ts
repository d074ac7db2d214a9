/** Loops: every iteration costs a step, runs in its own group (graph collapsing), and gets its own scope. */
import ts from 'typescript';
import type { RunContext } from './context';
import { Scope } from './scope';
import { Unknown, isUnknown } from './values';
import { assignTo, declarePattern } from './assign';
import { iterate } from './collections';
import { havoc } from './havoc';
import { Completion } from './evaluator';
import { execDeclarations, skipRegion, truthyOrSkip } from './statements';

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

/** Runs one loop iteration's body in its own group (for graph collapsing). */
function runIteration(ctx: RunContext, loop: ts.Node, body: ts.Statement, scope: Scope, k: number): Completion {
  ctx.pushGroup('loop', k + 1, loop);
  try {
    return ctx.evaluator.execStatement(ctx, body, scope);
  } finally {
    ctx.popGroup();
  }
}

export function execFor(ctx: RunContext, s: ts.ForStatement, outer: Scope): Completion {
  let scope = new Scope(outer);
  const init = s.initializer;
  if (init) {
    if (ts.isVariableDeclarationList(init)) execDeclarations(ctx, init, scope);
    else ctx.evaluator.evalExpr(ctx, init, scope);
  }
  // `let` in the header: each iteration has its own copy (closures made in the body keep theirs).
  const perIteration = init !== undefined && ts.isVariableDeclarationList(init) && (init.flags & ts.NodeFlags.BlockScoped) !== 0;
  for (let k = 0; ; k++) {
    ctx.tick(s);
    if (s.condition && !truthyOrSkip(ctx, ctx.evaluator.evalExpr(ctx, s.condition, scope), s.condition, 'loop condition', [s], scope)) break;
    const c = runIteration(ctx, s, s.statement, new Scope(scope), k);
    if (ctx.maybeExit) {
      const next = loopAfterMaybeExit(ctx, s, scope);
      if (next !== 'next') return next;
    } else if (c === Completion.Break) break;
    else if (c === Completion.Return) return c;
    if (perIteration) scope = scope.copy();
    if (s.incrementor) ctx.evaluator.evalExpr(ctx, s.incrementor, scope);
  }
  return Completion.Normal;
}

export function execForOf(ctx: RunContext, s: ts.ForOfStatement, outer: Scope): Completion {
  if (s.awaitModifier) {
    ctx.unsupported(s, 'for await');
    skipRegion(ctx, [s], outer, new Unknown(`may be changed by a for await at line ${ctx.range(s).line}, not evaluated here`));
    return Completion.Normal;
  }
  const items = ctx.evaluator.evalExpr(ctx, s.expression, outer);
  const list = isUnknown(items) ? items : iterate(ctx, items, s.expression);
  if (isUnknown(list)) {
    truthyOrSkip(ctx, list, s.expression, 'loop', [s], outer);
    return Completion.Normal;
  }
  const init = s.initializer;
  for (let k = 0; k < list.length; k++) {
    ctx.tick(s);
    const scope = new Scope(outer);
    if (ts.isVariableDeclarationList(init)) {
      const d = init.declarations[0];
      if (d) declarePattern(ctx, scope, d.name, list[k], (init.flags & ts.NodeFlags.Const) !== 0, true, undefined);
    } else {
      // `for (x of xs)`, `for ([a, b] of pairs)`: an assignment to an existing target
      assignTo(ctx, init, list[k], scope, undefined);
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

export function execWhile(ctx: RunContext, s: ts.WhileStatement | ts.DoStatement, scope: Scope): Completion {
  const isDo = s.kind === ts.SyntaxKind.DoStatement;
  for (let k = 0; ; k++) {
    ctx.tick(s);
    if ((!isDo || k > 0) && !truthyOrSkip(ctx, ctx.evaluator.evalExpr(ctx, s.expression, scope), s.expression, 'loop condition', [s], scope)) break;
    const c = runIteration(ctx, s, s.statement, new Scope(scope), k);
    if (ctx.maybeExit) {
      const next = loopAfterMaybeExit(ctx, s, scope);
      if (next !== 'next') return next;
    } else if (c === Completion.Break) break;
    else if (c === Completion.Return) return c;
  }
  return Completion.Normal;
}
