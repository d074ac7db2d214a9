/**
 * The interpreter's handler tables: each syntax kind the subset evaluates, and the function that
 * evaluates it. This is the one module that imports every handler; the handlers reach the evaluator
 * through `ctx.evaluator` (evaluator.ts), so none of them imports this one or one above it.
 */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Completion, type Evaluator, type ExpressionHandler, type StatementHandler } from './evaluator';
import {
  evalArray, evalArrow, evalConditional, evalElementAccess, evalExpr, evalFalse, evalFunction, evalIdentifier, evalInner,
  evalNull, evalNumber, evalObject, evalPropertyAccess, evalString, evalTemplate, evalThis, evalTrue, evalTypeOf, evalVoid,
} from './expressions';
import { evalBinary, evalPostfix, evalPrefix, toStringValue } from './operators';
import { evalCall, evalNew, invoke } from './calls';
import { evalClassExpression } from './classes';
import { getMember, setMember } from './members';
import {
  execBlock, execBody, execExpressionStatement, execIf, execJump, execNothing, execReturn, execStatement, execStatements,
  execSwitch, execThrow, execVariableStatement,
} from './statements';
import { execFor, execForOf, execWhile } from './loops';
import { execTry } from './exceptions';
import { declareImport } from './imports';
import { declareClass, declareEnum } from './declarations';

const SK = ts.SyntaxKind;

type Handler<N, R> = (ctx: RunContext, node: N, scope: Scope) => R;
/** Kinds and their handler, which takes the node type of those kinds (`never`: any node type). */
type Entry<R> = readonly [readonly ts.SyntaxKind[], Handler<never, R>];

/**
 * A table indexed by syntax kind. The parser gives a node of a kind that kind's node type, so a
 * handler registered for its own node type's kinds may take the table's wider node type.
 */
function table<N extends ts.Node, R>(entries: readonly Entry<R>[]): readonly (Handler<N, R> | undefined)[] {
  const out: (Handler<N, R> | undefined)[] = Array.from({ length: SK.Count }, () => undefined);
  for (const [kinds, handler] of entries) for (const k of kinds) out[k] = handler as Handler<N, R>;
  return out;
}

/** A declaration statement: it binds names, and the run goes on. */
function declaring<N>(declare: Handler<N, void>): Handler<N, Completion> {
  return (ctx, node, scope) => {
    declare(ctx, node, scope);
    return Completion.Normal;
  };
}

const EXPRESSIONS = table<ts.Expression, ReturnType<ExpressionHandler>>([
  [[SK.NumericLiteral], evalNumber],
  [[SK.StringLiteral, SK.NoSubstitutionTemplateLiteral], evalString],
  [[SK.TrueKeyword], evalTrue],
  [[SK.FalseKeyword], evalFalse],
  [[SK.NullKeyword], evalNull],
  [[SK.ThisKeyword], evalThis],
  [[SK.Identifier], evalIdentifier],
  [[SK.TemplateExpression], evalTemplate],
  [[SK.ParenthesizedExpression, SK.AsExpression, SK.TypeAssertionExpression, SK.NonNullExpression, SK.SatisfiesExpression], evalInner],
  [[SK.ArrayLiteralExpression], evalArray],
  [[SK.ObjectLiteralExpression], evalObject],
  [[SK.PropertyAccessExpression], evalPropertyAccess],
  [[SK.ElementAccessExpression], evalElementAccess],
  [[SK.CallExpression], evalCall],
  [[SK.NewExpression], evalNew],
  [[SK.BinaryExpression], evalBinary],
  [[SK.PrefixUnaryExpression], evalPrefix],
  [[SK.PostfixUnaryExpression], evalPostfix],
  [[SK.ConditionalExpression], evalConditional],
  [[SK.ArrowFunction], evalArrow],
  [[SK.FunctionExpression], evalFunction],
  [[SK.ClassExpression], evalClassExpression],
  [[SK.TypeOfExpression], evalTypeOf],
  [[SK.VoidExpression], evalVoid],
]);

const STATEMENTS = table<ts.Statement, Completion>([
  [[SK.ExpressionStatement], execExpressionStatement],
  [[SK.VariableStatement], execVariableStatement],
  [[SK.ReturnStatement], execReturn],
  [[SK.IfStatement], execIf],
  [[SK.Block], execBlock],
  [[SK.ForStatement], execFor],
  [[SK.ForOfStatement], execForOf],
  [[SK.WhileStatement, SK.DoStatement], execWhile],
  [[SK.BreakStatement, SK.ContinueStatement], execJump],
  [[SK.FunctionDeclaration, SK.InterfaceDeclaration, SK.TypeAliasDeclaration, SK.EmptyStatement, SK.ExportDeclaration, SK.ExportAssignment], execNothing],
  [[SK.ImportDeclaration], declaring(declareImport)],
  [[SK.ClassDeclaration], declaring(declareClass)],
  [[SK.EnumDeclaration], declaring(declareEnum)],
  [[SK.SwitchStatement], execSwitch],
  [[SK.TryStatement], execTry],
  [[SK.ThrowStatement], execThrow],
]);

/** The evaluator every run's handlers reach (RunContext.evaluator); each entry calls its module's function. */
export const EVALUATOR: Evaluator = {
  expressions: EXPRESSIONS satisfies readonly (ExpressionHandler | undefined)[],
  statements: STATEMENTS satisfies readonly (StatementHandler | undefined)[],
  evalExpr: (ctx, node, scope) => evalExpr(ctx, node, scope),
  execStatement: (ctx, s, scope) => execStatement(ctx, s, scope),
  execStatements: (ctx, statements, scope) => execStatements(ctx, statements, scope),
  execBody: (ctx, body, scope) => execBody(ctx, body, scope),
  invoke: (ctx, fn, thisValue, args, node) => invoke(ctx, fn, thisValue, args, node),
  getMember: (ctx, obj, key, node) => getMember(ctx, obj, key, node),
  setMember: (ctx, obj, key, value, node) => setMember(ctx, obj, key, value, node),
  toStringValue: (ctx, v, node, depth) => toStringValue(ctx, v, node, depth),
};
