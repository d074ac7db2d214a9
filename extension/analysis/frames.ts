/** A call's frame: the depth bound, the group its tensors are drawn in, its parameters and arguments. */
import ts from 'typescript';
import type { RunContext } from './context';
import { CallDepthExceeded } from './run-limits';
import type { Scope } from './scope';
import { isUnknown, type Unknown, type Value } from './values';
import { declarePattern } from './assign';
import { iterate } from './collections';
import { unknownFrom } from './skipping';

/** A call's arguments, spreads expanded; unknown from the first one not known (the rest are not evaluated). */
export function evalArgs(ctx: RunContext, args: ts.NodeArray<ts.Expression> | undefined, scope: Scope): Value[] | Unknown {
  const out: Value[] = [];
  const list = args ?? [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (ts.isSpreadElement(a)) {
      const v = ctx.evaluator.evalExpr(ctx, a.expression, scope);
      if (isUnknown(v)) return unknownFrom(ctx, list, i, out, scope, v);
      const items = iterate(ctx, v, a, out.length);
      if (isUnknown(items)) return unknownFrom(ctx, list, i, out, scope, items);
      ctx.chargeCompute(a, items.length, 'spread');
      for (const x of items) out.push(x);
    } else {
      out.push(ctx.evaluator.evalExpr(ctx, a, scope));
    }
  }
  return out;
}

/** A call starts: one level deeper (bounded by maxCallDepth) and a group for the tensors it makes. */
export function enterCall(ctx: RunContext, node: ts.Node, label: string): void {
  if (++ctx.depth > ctx.options.maxCallDepth) {
    ctx.depth--;
    throw new CallDepthExceeded(`Call depth limit of ${ctx.options.maxCallDepth} reached (runaway recursion?)`, ctx.range(node));
  }
  ctx.pushGroup('call', label, node);
}

export function leaveCall(ctx: RunContext): void {
  ctx.depth--;
  ctx.popGroup();
}

/** Binds a function's parameters in its scope: rest, defaults (evaluated there) and patterns. */
export function bindParameters(ctx: RunContext, scope: Scope, params: ts.NodeArray<ts.ParameterDeclaration>, args: Value[]): void {
  params.forEach((p, i) => {
    if (ts.isIdentifier(p.name) && p.name.text === 'this') return;
    let v: Value = p.dotDotDotToken ? args.slice(i) : args[i];
    if (v === undefined && p.initializer) v = ctx.evaluator.evalExpr(ctx, p.initializer, scope);
    declarePattern(ctx, scope, p.name, v, false, false, undefined);
  });
}
