/**
 * The evaluator as the interpreter's handlers see it. A handler evaluates a sub-expression, runs a
 * statement or a body, calls a value, reads or writes a member and converts a value to a string
 * through `ctx.evaluator`, never by importing the module that does it: so the interpreter's modules
 * import one way only (docs/architecture.md has their order). `dispatch.ts` builds the one
 * implementation, with the tables that give each syntax kind its handler.
 */
import type ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import type { Unknown, Value } from './values';

/** How a statement ended: on to the next one, or leaving by `break`, `continue` or `return`. */
export const enum Completion { Normal, Break, Continue, Return }

/** Evaluates an expression of the kinds it is registered for (dispatch.ts). */
export type ExpressionHandler = (ctx: RunContext, node: ts.Expression, scope: Scope) => Value;
/** Runs a statement of the kinds it is registered for (dispatch.ts). */
export type StatementHandler = (ctx: RunContext, s: ts.Statement, scope: Scope) => Completion;

export interface Evaluator {
  /** The handler of each expression kind, indexed by `ts.SyntaxKind`; a kind without one is not evaluated here. */
  readonly expressions: readonly (ExpressionHandler | undefined)[];
  /** The handler of each statement kind, indexed by `ts.SyntaxKind`. */
  readonly statements: readonly (StatementHandler | undefined)[];
  /** The value of an expression (one step; unknown inputs give unknown results). */
  evalExpr(ctx: RunContext, node: ts.Expression, scope: Scope): Value;
  execStatement(ctx: RunContext, s: ts.Statement, scope: Scope): Completion;
  /** A statement list, with its function declarations hoisted. */
  execStatements(ctx: RunContext, statements: readonly ts.Statement[], scope: Scope): Completion;
  /** A function body: the function's result. */
  execBody(ctx: RunContext, body: ts.Block, scope: Scope): Value;
  /** Calls a value of the file, a builtin or the engine with `thisValue` and `args`. */
  invoke(ctx: RunContext, fn: Value, thisValue: Value, args: Value[], node: ts.Node): Value;
  /** `obj[key]` as the file reads it. */
  getMember(ctx: RunContext, obj: Value, key: string | number, node: ts.Node): Value;
  /** `obj[key] = value` as the file writes it. */
  setMember(ctx: RunContext, obj: Value, key: string | number, value: Value, node: ts.Node): void;
  /** String(v) as JavaScript gives it (an object's own `toString` runs). */
  toStringValue(ctx: RunContext, v: Value, node: ts.Node, depth?: number): string | Unknown;
}
