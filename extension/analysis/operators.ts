/** Operators on numbers, strings and booleans (JS semantics), and assignments (which record bindings). */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { BoundMethod, ClassValue, Closure, ErrorValue, Instance, MAX_STRING, Unknown, isCallable, isRecord, isUnknown, type Value } from './values';
import { globalInstanceOf } from './builtins';
import { chainOf } from './class-chain';
import { FileIterator, FileMap, FileSet, collectionTag } from './collections';
import { errorText } from './members';
import { isModuleInstance, moduleMember } from './nn-module';
import { isModuleBaseClass, instanceOfClass } from './membrane';
import { skipped } from './skipping';
import { assignTo } from './assign';
import { Handle, displayString } from './membrane';

/** The kinds, read once (the compiler API exposes them through getters). */
const SK = ts.SyntaxKind;

type Primitive = number | string | boolean | null | undefined | bigint;

function isPrimitive(v: Value): v is Primitive {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/**
 * String(v) as JavaScript gives it, for templates, concatenation and `String(v)`: a tensor prints like
 * PyTorch, an object's own `toString` (a function of the file) runs, an array joins its elements.
 * Unknown when that would need a value not known here.
 */
export function toStringValue(ctx: RunContext, v: Value, node: ts.Node, depth = 0): string | Unknown {
  if (isPrimitive(v)) return String(v);
  if (isUnknown(v)) return v;
  if (Handle.isHandle(v)) return displayString(v);
  if (depth > 100) return new Unknown('an array nested too deeply to print');
  if (Array.isArray(v)) {
    let out = '';
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const s = x === null || x === undefined ? '' : toStringValue(ctx, x, node, depth + 1);
      if (isUnknown(s)) return s;
      out += i === 0 ? s : `,${s}`;
      if (out.length > MAX_STRING) return tooLong(ctx, node);
    }
    return out;
  }
  if (v instanceof Closure) return `function ${v.name}`;
  if (v instanceof ErrorValue) return errorText(v);
  if (v instanceof FileSet || v instanceof FileMap || v instanceof FileIterator) return collectionTag(v);
  const own = ownMethod(v, 'toString') ?? ownMethod(v, 'valueOf') ?? (isModuleInstance(v) ? moduleMember(v, 'toString') : undefined);
  if (own === undefined) return '[object Object]';
  const r = ctx.evaluator.invoke(ctx, own, v, [], node);
  if (isUnknown(r)) return r;
  if (!isPrimitive(r)) {
    ctx.report(node, 'error', 'runtime', 'TypeError: Cannot convert object to primitive value');
    return new Unknown('an object that does not convert to a string');
  }
  return String(r);
}

/** A function of the file stored under `name` on the file's object, or a method of its class instance. */
function ownMethod(v: Value, name: string): Value {
  if (isRecord(v)) {
    const m = Object.prototype.hasOwnProperty.call(v, name) ? v[name] : undefined;
    return isCallable(m) || m instanceof BoundMethod ? m : undefined;
  }
  if (!(v instanceof Instance)) return undefined;
  const f = v.fields.get(name);
  if (f !== undefined) return isCallable(f) || f instanceof BoundMethod ? f : undefined;
  for (const c of chainOf(v.cls)) {
    const decl = c.methods.get(name);
    if (decl) return new Closure(name, decl, c.scope, undefined, false, { cls: c, isStatic: false });
  }
  return undefined;
}

function tooLong(ctx: RunContext, node: ts.Node): Unknown {
  ctx.report(node, 'error', 'budget', `String longer than ${MAX_STRING} characters: not built by the analysis`);
  return new Unknown('a string over the size limit');
}

/** Binary arithmetic and comparison with JS semantics; `undefined` return means "not a primitive operation". */
export function applyBinary(op: ts.SyntaxKind, a: Value, b: Value): Value {
  if (op === SK.EqualsEqualsEqualsToken) return a === b;
  if (op === SK.ExclamationEqualsEqualsToken) return a !== b;
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
  if (op === SK.PlusToken && (typeof a === 'string' || typeof b === 'string')) return concat(ctx, node, a, b);
  const r = applyBinary(op, a, b);
  if (typeof r === 'string' && r.length > MAX_STRING) {
    ctx.report(node, 'error', 'budget', `String longer than ${MAX_STRING} characters: not built by the analysis`);
    return new Unknown('a string over the size limit');
  }
  if (r === NOT_PRIMITIVE) {
    const hint = Handle.isHandle(a) || Handle.isHandle(b) ? ' (use the tensor methods: .add(), .mul(), ...)' : '';
    ctx.unsupported(node, `operator '${ts.tokenToString(op)}' on a non-primitive value${hint}`);
  }
  return r;
}

/** `a + b` with a string on either side: both as strings, as JavaScript does. */
function concat(ctx: RunContext, node: ts.Node, a: Value, b: Value): Value {
  const x = toStringValue(ctx, a, node);
  if (isUnknown(x)) return x;
  const y = toStringValue(ctx, b, node);
  if (isUnknown(y)) return y;
  if (x.length + y.length > MAX_STRING) return tooLong(ctx, node);
  ctx.chargeCompute(node, x.length + y.length, 'string concatenation');
  return x + y;
}

export function evalBinary(ctx: RunContext, node: ts.BinaryExpression, scope: Scope): Value {
  const op = node.operatorToken.kind;
  switch (op) {
    case SK.EqualsToken:
      return assignTo(ctx, node.left, ctx.evaluator.evalExpr(ctx, node.right, scope), scope, node.right);
    case SK.AmpersandAmpersandToken: {
      const a = ctx.evaluator.evalExpr(ctx, node.left, scope);
      if (isUnknown(a)) return skipped(ctx, [node.right], scope, a);
      return !a ? a : ctx.evaluator.evalExpr(ctx, node.right, scope);
    }
    case SK.BarBarToken: {
      const a = ctx.evaluator.evalExpr(ctx, node.left, scope);
      if (isUnknown(a)) return skipped(ctx, [node.right], scope, a);
      return a ? a : ctx.evaluator.evalExpr(ctx, node.right, scope);
    }
    case SK.QuestionQuestionToken: {
      const a = ctx.evaluator.evalExpr(ctx, node.left, scope);
      if (isUnknown(a)) return skipped(ctx, [node.right], scope, a);
      return a !== null && a !== undefined ? a : ctx.evaluator.evalExpr(ctx, node.right, scope);
    }
    case SK.CommaToken:
      ctx.evaluator.evalExpr(ctx, node.left, scope);
      return ctx.evaluator.evalExpr(ctx, node.right, scope);
    case SK.InstanceOfKeyword:
      return instanceOf(ctx, node, ctx.evaluator.evalExpr(ctx, node.left, scope), ctx.evaluator.evalExpr(ctx, node.right, scope));
    case SK.InKeyword:
      ctx.unsupported(node, `'${ts.tokenToString(op)}'`);
      return new Unknown(`depends on '${ts.tokenToString(op)}' (not evaluated here)`);
  }
  const compound = COMPOUND.get(op);
  if (compound !== undefined) {
    const a = ctx.evaluator.evalExpr(ctx, node.left, scope);
    const r = binaryResult(ctx, node, compound, a, ctx.evaluator.evalExpr(ctx, node.right, scope));
    return assignTo(ctx, node.left, r, scope, node.right);
  }
  const a = ctx.evaluator.evalExpr(ctx, node.left, scope);
  const b = ctx.evaluator.evalExpr(ctx, node.right, scope);
  return binaryResult(ctx, node, op, a, b);
}

export function evalPrefix(ctx: RunContext, node: ts.PrefixUnaryExpression, scope: Scope): Value {
  const v = ctx.evaluator.evalExpr(ctx, node.operand, scope);
  if (isUnknown(v)) return v;
  if (node.operator === SK.ExclamationToken) return !v;
  if (!isPrimitive(v)) {
    ctx.unsupported(node, `unary '${ts.tokenToString(node.operator)}' on a non-primitive value`);
    return NOT_PRIMITIVE;
  }
  switch (node.operator) {
    case SK.PlusPlusToken:
    case SK.MinusMinusToken: {
      const r = binaryResult(ctx, node, node.operator === SK.PlusPlusToken ? SK.PlusToken : SK.MinusToken, Number(v), 1);
      return assignTo(ctx, node.operand, r, scope, undefined);
    }
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
  const v = ctx.evaluator.evalExpr(ctx, node.operand, scope);
  if (isUnknown(v)) return v;
  if (!isPrimitive(v)) {
    ctx.unsupported(node, `'${ts.tokenToString(node.operator)}' on a non-primitive value`);
    return NOT_PRIMITIVE;
  }
  const old = Number(v);
  const op = node.operator === SK.PlusPlusToken ? SK.PlusToken : SK.MinusToken;
  assignTo(ctx, node.operand, binaryResult(ctx, node, op, old, 1), scope, undefined);
  return old;
}

/**
 * `x instanceof C` for the classes the subset has: the file's classes (along `extends`), nn.Module and
 * the engine's exported classes, the global Array, Set, Map and error classes.
 */
function instanceOf(ctx: RunContext, node: ts.Node, x: Value, c: Value): Value {
  if (isUnknown(x)) return x;
  if (isUnknown(c)) return c;
  if (c instanceof ClassValue) return x instanceof Instance && chainOf(x.cls).includes(c);
  if (isModuleBaseClass(c) && x instanceof Instance) return isModuleInstance(x);
  const engine = instanceOfClass(x, c);
  if (engine !== undefined) return engine;
  const global = globalInstanceOf(x, c);
  if (global !== undefined) return global;
  ctx.unsupported(node, "'instanceof' with this right-hand side");
  return new Unknown("depends on 'instanceof' (not evaluated here)");
}
