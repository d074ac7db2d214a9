/** Expressions not evaluated because a value they depend on is not known (havoc.ts says what they may change). */
import type ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import type { Unknown, Value } from './values';
import { havoc } from './havoc';

/** Expressions not evaluated because a value they depend on is not known: what they may change is unknown too. */
export function skipped(ctx: RunContext, nodes: readonly ts.Node[], scope: Scope, why: Unknown): Unknown {
  for (const n of nodes) havoc(ctx, n, scope, why);
  return why;
}

/**
 * A list (array literal, arguments, object literal, template) became unknown at element `at`: the
 * elements after it are not evaluated (what they change is unknown), and the values before it went
 * into a value not known here (they escape: havoc.ts).
 */
export function unknownFrom(ctx: RunContext, nodes: readonly ts.Node[], at: number, known: readonly Value[], scope: Scope, why: Unknown): Unknown {
  for (const v of known) if (typeof v === 'object' && v !== null) ctx.escaped.add(v);
  return skipped(ctx, nodes.slice(at + 1), scope, why);
}
