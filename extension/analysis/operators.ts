/** Operators on numbers, strings and booleans (JS semantics), and assignments (which record bindings). */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Closure, Instance, MAX_STRING, Unknown, isUnknown, type Value } from './values';
import { evalExpr } from './expressions';
import { assignTo } from './assign';
import { isTensor } from './engine-bridge';

/** The kinds, read once (the compiler API exposes them through getters). */
const SK = ts.SyntaxKind;

type Primitive = number | string | boolean | null | undefined | bigint;

function isPrimitive(v: Value): v is Primitive {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/** String(v) for values the interpreter prints in templates and concatenations (tensors print like PyTorch). */
export function toDisplayString(v: Value): string {
  if (isPrimitive(v)) return String(v);
  if (isTensor(v)) return v.toString();
  if (Array.isArray(v)) return v.map((x) => (x === null || x === undefined ? '' : toDisplayString(x))).join(',');
  if (v instanceof Closure) return `function ${v.name}`;
  if (v instanceof Instance) return '[object Object]';
  return '[object Object]';
}

/** Binary arithmetic and comparison with JS semantics; `undefined` return means "not a primitive operation". */
export function applyBinary(op: ts.SyntaxKind, a: Value, b: Value): Value {
  if (op === SK.EqualsEqualsEqualsToken) return a === b;
  if (op === SK.ExclamationEqualsEqualsToken) return a !== b;
  if (op === SK.PlusToken && (typeof a === 'string' || typeof b === 'string')) {
    return toDisplayString(a) + toDisplayString(b);
  }
  if (!isPrimitive(a) || !isPrimitive(b)) return NOT_PRIMITIVE;
  // Type-checked by the switch: every case is the JS operator itself on primitives.
  const x = a as number;
  const y = b as number;
  switch (op) {
    case SK.PlusToken: return x + y;
    case SK.MinusToken: return x - y;
    case SK.AsteriskToken: return x * y;
    case SK.SlashToken: return x / y;
    case SK.PercentToken: return x % y;
    case SK.AsteriskAsteriskToken: return x ** y;
    case SK.LessThanToken: return x < y;
    case SK.LessThanEqualsToken: return x <= y;
    case SK.GreaterThanToken: return x > y;
    case SK.GreaterThanEqualsToken: return x >= y;
    case SK.EqualsEqualsToken: return x == y;
    case SK.ExclamationEqualsToken: return x != y;
    case SK.AmpersandToken: return x & y;
    case SK.BarToken: return x | y;
    case SK.CaretToken: return x ^ y;
    case SK.LessThanLessThanToken: return x << y;
    case SK.GreaterThanGreaterThanToken: return x >> y;
    case SK.GreaterThanGreaterThanGreaterThanToken: return x >>> y;
  }
  return NOT_PRIMITIVE;
}

const NOT_PRIMITIVE = new Unknown('an operator on a value that is not a number, string or boolean (not evaluated here)');

/** Compound assignment operator (`+=`) to its binary operator (`+`). */
const COMPOUND = new Map<ts.SyntaxKind, ts.SyntaxKind>([
  [SK.PlusEqualsToken, SK.PlusToken],
  [SK.MinusEqualsToken, SK.MinusToken],
  [SK.AsteriskEqualsToken, SK.AsteriskToken],
  [SK.SlashEqualsToken, SK.SlashToken],
  [SK.PercentEqualsToken, SK.PercentToken],
  [SK.AsteriskAsteriskEqualsToken, SK.AsteriskAsteriskToken],
  [SK.AmpersandEqualsToken, SK.AmpersandToken],
  [SK.BarEqualsToken, SK.BarToken],
  [SK.CaretEqualsToken, SK.CaretToken],
  [SK.LessThanLessThanEqualsToken, SK.LessThanLessThanToken],
  [SK.GreaterThanGreaterThanEqualsToken, SK.GreaterThanGreaterThanToken],
]);

function binaryResult(ctx: RunContext, node: ts.Node, op: ts.SyntaxKind, a: Value, b: Value): Value {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  const r = applyBinary(op, a, b);
  if (typeof r === 'string' && r.length > MAX_STRING) {
    ctx.report(node, 'error', 'budget', `String longer than ${MAX_STRING} characters: not built by the analysis`);
    return new Unknown('a string over the size limit');
  }
  if (r === NOT_PRIMITIVE) {
    const hint = isTensor(a) || isTensor(b) ? ' (use the tensor methods: .add(), .mul(), ...)' : '';
    ctx.unsupported(node, `operator '${ts.tokenToString(op)}' on a non-primitive value${hint}`);
  }
  return r;
}

export function evalBinary(ctx: RunContext, node: ts.BinaryExpression, scope: Scope): Value {
  const op = node.operatorToken.kind;
  switch (op) {
    case SK.EqualsToken:
      return assignTo(ctx, node.left, evalExpr(ctx, node.right, scope), scope, node.right);
    case SK.AmpersandAmpersandToken: {
      const a = evalExpr(ctx, node.left, scope);
      return isUnknown(a) || !a ? a : evalExpr(ctx, node.right, scope);
    }
    case SK.BarBarToken: {
      const a = evalExpr(ctx, node.left, scope);
      return isUnknown(a) || a ? a : evalExpr(ctx, node.right, scope);
    }
    case SK.QuestionQuestionToken: {
      const a = evalExpr(ctx, node.left, scope);
      return a !== null && a !== undefined ? a : evalExpr(ctx, node.right, scope);
    }
    case SK.CommaToken:
      evalExpr(ctx, node.left, scope);
      return evalExpr(ctx, node.right, scope);
    case SK.InstanceOfKeyword:
    case SK.InKeyword:
      ctx.unsupported(node, `'${ts.tokenToString(op)}'`);
      return new Unknown(`depends on '${ts.tokenToString(op)}' (not evaluated here)`);
  }
  const compound = COMPOUND.get(op);
  if (compound !== undefined) {
    const a = evalExpr(ctx, node.left, scope);
    const r = binaryResult(ctx, node, compound, a, evalExpr(ctx, node.right, scope));
    return assignTo(ctx, node.left, r, scope, node.right);
  }
  const a = evalExpr(ctx, node.left, scope);
  const b = evalExpr(ctx, node.right, scope);
  return binaryResult(ctx, node, op, a, b);
}

export function evalPrefix(ctx: RunContext, node: ts.PrefixUnaryExpression, scope: Scope): Value {
  const v = evalExpr(ctx, node.operand, scope);
  if (isUnknown(v)) return v;
  switch (node.operator) {
    case SK.ExclamationToken: return !v;
    case SK.PlusPlusToken:
    case SK.MinusMinusToken: {
      const r = binaryResult(ctx, node, node.operator === SK.PlusPlusToken ? SK.PlusToken : SK.MinusToken, Number(v), 1);
      return assignTo(ctx, node.operand, r, scope, undefined);
    }
  }
  if (!isPrimitive(v)) {
    ctx.unsupported(node, `unary '${ts.tokenToString(node.operator)}' on a non-primitive value`);
    return NOT_PRIMITIVE;
  }
  const x = v as number;
  switch (node.operator) {
    case SK.MinusToken: return -x;
    case SK.PlusToken: return +x;
    case SK.TildeToken: return ~x;
  }
  return NOT_PRIMITIVE;
}

export function evalPostfix(ctx: RunContext, node: ts.PostfixUnaryExpression, scope: Scope): Value {
  const v = evalExpr(ctx, node.operand, scope);
  if (isUnknown(v)) return v;
  const old = Number(v);
  const op = node.operator === SK.PlusPlusToken ? SK.PlusToken : SK.MinusToken;
  assignTo(ctx, node.operand, binaryResult(ctx, node, op, old, 1), scope, undefined);
  return old;
}
