/**
 * What skipped code may have changed. When the analysis does not run some code — a loop over an
 * unknown list, a branch on an unknown condition, a callback handed to an unknown function, the
 * arguments of an unknown function — everything that code could have changed becomes unknown, with
 * the reason: variables it assigns, objects it mutates (arrays, objects, class instances, tensors it
 * changes in place, optimizers it steps), and the gradients of every tensor when it may call
 * `backward()`. The rule is syntactic and errs towards unknown: a value shown afterwards is a value the
 * real run has too, or it is not shown.
 */
import ts from 'typescript';
import type { RunContext } from './context';
import type { Scope } from './scope';
import { BoundMethod, Closure, Instance, Unknown, isRecord, poison, type Value } from './values';
import { Handle, gradsOf, poisonHandle, skippedForward } from './membrane';
import { ARGUMENT_WRITES_BY_NAME, tensorMethods } from './membrane/api';
import { builtinNamespaceName } from './builtins';
import { bodiesOf } from './class-members';
import { heldValues, isCollection } from './collections';

const SK = ts.SyntaxKind;

/** Methods that change their receiver: arrays', Map/Set's, the engine's in-place ones (`_` suffix), optimizers'. */
/** Calls that draw from (or reset) the engine's random generator: skipped, they leave its state unknown. */
const RANDOM_NAMES = new Set([
  'rand', 'randn', 'randint', 'manualSeed', 'dropout', 'multinomial', 'randperm', 'normal_', 'uniform_',
  // modules that draw their initial parameters, and a forward that may pass through a Dropout
  'Linear', 'Embedding', 'Conv1d', 'Conv2d', 'forward',
]);

const MUTATING = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete',
  'clear', 'step', 'train', 'eval',
  // ModuleList's: they change which modules the list holds
  'append', 'extend',
]);

/** Methods that change gradients, not values: `backward` any tensor's, `zeroGrad`/`retainGrad` their receiver's. */
const GRAD_CHANGING = new Set(['backward', 'zeroGrad', 'retainGrad']);

function isMutatingMethod(name: string): boolean {
  return MUTATING.has(name) || (name.length > 1 && name.endsWith('_'));
}

interface Scan {
  readonly ctx: RunContext;
  readonly why: Unknown;
  /** Function bodies already scanned (a closure called twice, or recursion). */
  readonly bodies: Set<ts.Node>;
  /** Mutable values the code refers to (poisoned all together when a mutation's target cannot be named). */
  readonly referenced: Value[];
  unnamedMutation: boolean;
}

/** A scan for one piece of skipped code (poisoning starts: reads must check from now on). */
function newScan(ctx: RunContext, why: Unknown): Scan {
  ctx.poisoning = true;
  return { ctx, why, bodies: new Set(), referenced: [], unnamedMutation: false };
}

/**
 * Make unknown everything `node` (not run, in `scope`) may change. The mutable values it refers to
 * "escape": the code may have stored them anywhere, so a later change through a value not known
 * here may reach them.
 */
export function havoc(ctx: RunContext, node: ts.Node, scope: Scope, why: Unknown): void {
  const s = newScan(ctx, why);
  ctx.recorder.staleWithin(node, why);
  scan(s, node, scope);
  finish(s);
}

function finish(s: Scan): void {
  for (const v of s.referenced) s.ctx.escaped.add(v);
  if (s.unnamedMutation) for (const v of s.ctx.escaped) poisonDeep(s, v);
}

/** How control may leave a region the analysis skipped: what the code around it cannot assume. */
export type Exit = 'return' | 'break' | 'continue';

/** The strongest way out of `nodes` (a return, or a break/continue aimed at an enclosing loop); throws end the run. */
export function exitOf(nodes: readonly (ts.Node | undefined)[]): Exit | undefined {
  let found: Exit | undefined;
  const rank = (e: Exit): number => (e === 'return' ? 3 : e === 'break' ? 2 : 1);
  const note = (e: Exit): void => {
    if (found === undefined || rank(e) > rank(found)) found = e;
  };
  const visit = (n: ts.Node, loops: number, switches: number): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) note('return');
    else if (ts.isBreakStatement(n) && !n.label && loops === 0 && switches === 0) note('break');
    else if (ts.isContinueStatement(n) && !n.label && loops === 0) note('continue');
    const loop = ts.isIterationStatement(n, false) ? 1 : 0;
    const sw = ts.isSwitchStatement(n) ? 1 : 0;
    ts.forEachChild(n, (c) => visit(c, loops + loop, switches + sw));
  };
  for (const n of nodes) if (n) visit(n, 0, 0);
  return found;
}

function scan(s: Scan, node: ts.Node, scope: Scope): void {
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind)) assigned(s, n.left, scope);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && isIncrement(n.operator)) assigned(s, n.operand, scope);
    else if (ts.isDeleteExpression(n)) assigned(s, n.expression, scope);
    else if (ts.isForOfStatement(n) || ts.isForInStatement(n)) {
      if (!ts.isVariableDeclarationList(n.initializer)) assigned(s, n.initializer, scope);
    } else if (ts.isCallExpression(n) || ts.isNewExpression(n)) called(s, n, scope);
    else if (ts.isIdentifier(n)) referenced(s, n, scope);
    else if (n.kind === SK.ThisKeyword) note(s, scope.lookup('this')?.value);
    ts.forEachChild(n, visit);
  };
  visit(node);
}

function isAssignment(k: ts.SyntaxKind): boolean {
  return k >= SK.FirstAssignment && k <= SK.LastAssignment;
}

function isIncrement(op: ts.SyntaxKind): boolean {
  return op === SK.PlusPlusToken || op === SK.MinusMinusToken;
}

/** `target = ...`: a variable becomes unknown; a member write mutates the object it is rooted at. */
function assigned(s: Scan, target: ts.Expression, scope: Scope): void {
  const t = skipParens(target);
  if (ts.isIdentifier(t)) {
    const slot = scope.lookup(t.text);
    if (slot && !slot.constant) slot.value = s.why;
  } else if (ts.isArrayLiteralExpression(t) || ts.isObjectLiteralExpression(t)) {
    ts.forEachChild(t, (c) => {
      if (ts.isSpreadElement(c) || ts.isSpreadAssignment(c)) assigned(s, c.expression, scope);
      else if (ts.isPropertyAssignment(c)) assigned(s, c.initializer, scope);
      else if (ts.isShorthandPropertyAssignment(c)) assigned(s, c.name, scope);
      else if (ts.isExpression(c)) assigned(s, c, scope);
    });
  } else if (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) {
    mutated(s, t.expression, scope);
  }
}

/** The object `expr` evaluates to is changed: poisoned (with what it holds), or all referenced objects when it cannot be named. */
function mutated(s: Scan, expr: ts.Expression, scope: Scope): void {
  const root = rootOf(expr);
  const v = ts.isIdentifier(root) ? scope.lookup(root.text)?.value : root.kind === SK.ThisKeyword ? scope.lookup('this')?.value : undefined;
  // through a value not known here (a loop variable over an unknown list, a call's result): any escaped object
  if (isMutable(v)) poisonDeep(s, v);
  else if (v === undefined || v instanceof Unknown) s.unnamedMutation = true;
}

/**
 * A call that was not made (an unknown function, a builtin that could not finish): it may change its
 * receiver (when the method is one that does), change the objects it was given, and run the file's
 * functions it was given. A method of a gradlens object, a builtin namespace's function or a public
 * tensor method changes no argument.
 */
export function unknownCall(ctx: RunContext, node: ts.Node, receiver: Value, args: readonly Value[], why: Unknown): void {
  const s = newScan(ctx, why);
  const name = calledName(node);
  if (name === 'backward' || name === 'zeroGrad' || name === 'retainGrad') ctx.gradsUnknown(why);
  // code not seen may draw random numbers (a helper module making weights): later draws are unknown
  if (name === undefined || !tensorMethods().has(name) || RANDOM_NAMES.has(name)) ctx.randomUnknown = why;
  if (name !== undefined && isMutatingMethod(name)) {
    if (isMutable(receiver)) poisonDeep(s, receiver);
    else s.unnamedMutation = true;
  }
  const readOnly = name !== undefined && (tensorMethods().has(name) || Handle.isHandle(receiver) || (builtinNamespaceName(receiver) !== undefined && name !== 'assign'));
  for (const a of args) {
    note(s, a);
    if (readOnly) continue;
    if (isMutable(a)) poisonDeep(s, a);
    else if (a instanceof Unknown) s.unnamedMutation = true;
  }
  finish(s);
}

/** An object that was not made (its arguments not known) would hold `args`, and may change them later (an optimizer). */
export function heldByUnknown(ctx: RunContext, args: readonly Value[], why: Unknown): void {
  const s = newScan(ctx, why);
  for (const a of args) poisonDeep(s, a);
}

function calledName(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const callee = skipParens(node.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** A write through `expr` (an object reached from a variable) went somewhere not known: that object is poisoned. */
export function mutatedAt(ctx: RunContext, expr: ts.Expression, scope: Scope, why: Unknown): void {
  const s = newScan(ctx, why);
  mutated(s, expr, scope);
}

/** A skipped `backward()` may change every gradient; `x.zeroGrad()` x's; `opt.zeroGrad()` its parameters'. */
function gradsChanged(s: Scan, name: string, receiver: ts.Expression, scope: Scope): void {
  if (name === 'backward') {
    s.ctx.gradsUnknown(s.why);
    return;
  }
  const root = rootOf(receiver);
  const v = ts.isIdentifier(root) ? scope.lookup(root.text)?.value : root.kind === SK.ThisKeyword ? scope.lookup('this')?.value : undefined;
  if (Handle.isHandle(v)) gradsOf(s.ctx, v, s.why);
  else s.ctx.gradsUnknown(s.why);
}

/** A call or `new`: what it may mutate (its receiver, its arguments) and what it runs (closures of the file). */
function called(s: Scan, n: ts.CallExpression | ts.NewExpression, scope: Scope): void {
  const callee = skipParens(n.expression);
  const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (calleeName === undefined || RANDOM_NAMES.has(calleeName)) s.ctx.randomUnknown = s.why;
  let pure = false;
  if (ts.isPropertyAccessExpression(callee)) {
    const name = callee.name.text;
    // a forward (of whatever module) may update buffers; an op may write into arguments (F.batchNorm's running statistics)
    if (name === 'forward') skippedForward(s.ctx, s.why);
    for (const i of ARGUMENT_WRITES_BY_NAME.get(name) ?? []) {
      const arg = n.arguments?.[i];
      if (arg !== undefined) mutated(s, skipParens(arg), scope);
    }
    if (GRAD_CHANGING.has(name)) gradsChanged(s, name, callee.expression, scope);
    else if (isMutatingMethod(name)) mutated(s, callee.expression, scope);
    else pure = readsOnly(callee, name, scope);
  } else if (ts.isIdentifier(callee)) {
    pure = Handle.isHandle(scope.lookup(callee.text)?.value);
  }
  if (pure) return;
  for (const a of n.arguments ?? []) {
    const e = skipParens(ts.isSpreadElement(a) ? a.expression : a);
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || e.kind === SK.ThisKeyword) mutated(s, e, scope);
  }
}

/**
 * A method known not to change its arguments: of a gradlens object or of a builtin namespace
 * (`console.log`, `Math.max`, but not `Object.assign`), or a public tensor method on a value not known here.
 */
function readsOnly(callee: ts.PropertyAccessExpression, name: string, scope: Scope): boolean {
  if (tensorMethods().has(name)) return true;
  const root = rootOf(callee.expression);
  if (!ts.isIdentifier(root)) return false;
  const v = scope.lookup(root.text)?.value;
  if (Handle.isHandle(v)) return true;
  const ns = builtinNamespaceName(v);
  return ns !== undefined && !(ns === 'Object' && name === 'assign');
}

/** An identifier read by skipped code: a function of the file it names may run; its object may be mutated through an alias. */
function referenced(s: Scan, id: ts.Identifier, scope: Scope): void {
  note(s, scope.lookup(id.text)?.value);
}

function note(s: Scan, v: Value): void {
  if (v instanceof Closure) scanBody(s, v.decl, v.scope);
  else if (v instanceof BoundMethod && v.target instanceof Closure) scanBody(s, v.target.decl, v.target.scope);
  else if (v instanceof Instance) {
    for (const m of bodiesOf(v.cls)) scanBody(s, m, v.cls.scope);
  }
  if (isMutable(v)) s.referenced.push(v);
}

function scanBody(s: Scan, decl: ts.Node, scope: Scope): void {
  if (s.bodies.has(decl)) return;
  s.bodies.add(decl);
  // the function may run unseen: the bindings in it may have taken other values since they were recorded
  s.ctx.recorder.staleWithin(decl, s.why);
  scan(s, decl, scope);
}

function isMutable(v: Value): boolean {
  return Array.isArray(v) || isRecord(v) || v instanceof Instance || isCollection(v) ||
    (Handle.isHandle(v) && (v.kind === 'tensor' || v.kind === 'optimizer' || v.kind === 'module'));
}

/** Poison `v` and every mutable value it holds (a class instance's fields, an optimizer's parameters). */
function poisonDeep(s: Scan, v: Value): void {
  const stack: Value[] = [v];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const x = stack.pop();
    if (!isMutable(x) || seen.has(x)) continue;
    seen.add(x);
    if (Handle.isHandle(x)) {
      for (const held of poisonHandle(s.ctx, x, s.why)) stack.push(held);
      continue;
    }
    poison(x, s.why);
    if (Array.isArray(x)) for (const e of x) stack.push(e);
    else if (isCollection(x)) stack.push(...heldValues(x));
    else if (x instanceof Instance) stack.push(...x.fields.values(), ...x.privates.values());
    else for (const k of Object.keys(x)) stack.push(x[k]);
  }
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** `a.b[c].d` -> `a`; a call or anything else stays as it is (the object it gives cannot be named). */
function rootOf(e: ts.Expression): ts.Expression {
  let x = skipParens(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = skipParens(x.expression);
  return x;
}
