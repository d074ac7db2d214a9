/** Operators on numbers, strings and booleans (JS semantics), and assignments (which record bindings). */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { Closure, Instance, Unknown, isUnknown, type Value } from './values';
import { evalExpr } from './expressions';
import { assignTo } from './assign';
import { isTensor } from './engine-bridge';

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
  if (op === ts.SyntaxKind.EqualsEqualsEqualsToken) return a === b;
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken) return a !== b;
  if (op === ts.SyntaxKind.PlusToken && (typeof a === 'string' || typeof b === 'string')) {
    return toDisplayString(a) + toDisplayString(b);
  }
  if (!isPrimitive(a) || !isPrimitive(b)) return NOT_PRIMITIVE;
  // Type-checked by the switch: every case is the JS operator itself on primitives.
  const x = a as number;
  const y = b as number;
  switch (op) {
    case ts.SyntaxKind.PlusToken: return x + y;
    case ts.SyntaxKind.MinusToken: return x - y;
    case ts.SyntaxKind.AsteriskToken: return x * y;
    case ts.SyntaxKind.SlashToken: return x / y;
    case ts.SyntaxKind.PercentToken: return x % y;
    case ts.SyntaxKind.AsteriskAsteriskToken: return x ** y;
    case ts.SyntaxKind.LessThanToken: return x < y;
    case ts.SyntaxKind.LessThanEqualsToken: return x <= y;
    case ts.SyntaxKind.GreaterThanToken: return x > y;
    case ts.SyntaxKind.GreaterThanEqualsToken: return x >= y;
    case ts.SyntaxKind.EqualsEqualsToken: return x == y;
    case ts.SyntaxKind.ExclamationEqualsToken: return x != y;
    case ts.SyntaxKind.AmpersandToken: return x & y;
    case ts.SyntaxKind.BarToken: return x | y;
    case ts.SyntaxKind.CaretToken: return x ^ y;
    case ts.SyntaxKind.LessThanLessThanToken: return x << y;
    case ts.SyntaxKind.GreaterThanGreaterThanToken: return x >> y;
    case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken: return x >>> y;
  }
  return NOT_PRIMITIVE;
}

const NOT_PRIMITIVE = new Unknown('an operator on a value that is not a number, string or boolean (not evaluated here)');

/** Compound assignment operator (`+=`) to its binary operator (`+`). */
const COMPOUND = new Map<ts.SyntaxKind, ts.SyntaxKind>([
  [ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.PlusToken],
  [ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.MinusToken],
  [ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.AsteriskToken],
  [ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.SlashToken],
  [ts.SyntaxKind.PercentEqualsToken, ts.SyntaxKind.PercentToken],
  [ts.SyntaxKind.AsteriskAsteriskEqualsToken, ts.SyntaxKind.AsteriskAsteriskToken],
  [ts.SyntaxKind.AmpersandEqualsToken, ts.SyntaxKind.AmpersandToken],
  [ts.SyntaxKind.BarEqualsToken, ts.SyntaxKind.BarToken],
  [ts.SyntaxKind.CaretEqualsToken, ts.SyntaxKind.CaretToken],
  [ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.LessThanLessThanToken],
  [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanToken],
]);

function binaryResult(ctx: RunContext, node: ts.Node, op: ts.SyntaxKind, a: Value, b: Value): Value {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  const r = applyBinary(op, a, b);
  if (r === NOT_PRIMITIVE) {
    const hint = isTensor(a) || isTensor(b) ? ' (use the tensor methods: .add(), .mul(), ...)' : '';
    ctx.unsupported(node, `operator '${ts.tokenToString(op)}' on a non-primitive value${hint}`);
  }
  return r;
}

export function evalBinary(ctx: RunContext, node: ts.BinaryExpression, scope: Scope): Value {
  const op = node.operatorToken.kind;
  switch (op) {
    case ts.SyntaxKind.EqualsToken:
      return assignTo(ctx, node.left, evalExpr(ctx, node.right, scope), scope, node.right);
    case ts.SyntaxKind.AmpersandAmpersandToken: {
      const a = evalExpr(ctx, node.left, scope);
      return isUnknown(a) || !a ? a : evalExpr(ctx, node.right, scope);
    }
    case ts.SyntaxKind.BarBarToken: {
      const a = evalExpr(ctx, node.left, scope);
      return isUnknown(a) || a ? a : evalExpr(ctx, node.right, scope);
    }
    case ts.SyntaxKind.QuestionQuestionToken: {
      const a = evalExpr(ctx, node.left, scope);
      return a !== null && a !== undefined ? a : evalExpr(ctx, node.right, scope);
    }
    case ts.SyntaxKind.CommaToken:
      evalExpr(ctx, node.left, scope);
      return evalExpr(ctx, node.right, scope);
    case ts.SyntaxKind.InstanceOfKeyword:
    case ts.SyntaxKind.InKeyword:
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
    case ts.SyntaxKind.ExclamationToken: return !v;
    case ts.SyntaxKind.PlusPlusToken:
    case ts.SyntaxKind.MinusMinusToken: {
      const r = binaryResult(ctx, node, node.operator === ts.SyntaxKind.PlusPlusToken ? ts.SyntaxKind.PlusToken : ts.SyntaxKind.MinusToken, Number(v), 1);
      return assignTo(ctx, node.operand, r, scope, undefined);
    }
  }
  if (!isPrimitive(v)) {
    ctx.unsupported(node, `unary '${ts.tokenToString(node.operator)}' on a non-primitive value`);
    return NOT_PRIMITIVE;
  }
  const x = v as number;
  switch (node.operator) {
    case ts.SyntaxKind.MinusToken: return -x;
    case ts.SyntaxKind.PlusToken: return +x;
    case ts.SyntaxKind.TildeToken: return ~x;
  }
  return NOT_PRIMITIVE;
}

export function evalPostfix(ctx: RunContext, node: ts.PostfixUnaryExpression, scope: Scope): Value {
  const v = evalExpr(ctx, node.operand, scope);
  if (isUnknown(v)) return v;
  const old = Number(v);
  const op = node.operator === ts.SyntaxKind.PlusPlusToken ? ts.SyntaxKind.PlusToken : ts.SyntaxKind.MinusToken;
  assignTo(ctx, node.operand, binaryResult(ctx, node, op, old, 1), scope, undefined);
  return old;
}
