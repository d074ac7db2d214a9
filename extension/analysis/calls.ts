/** Calls and `new`: functions and classes of the file, builtins, and the engine (the only host code reached). */
import ts from 'typescript';
import type { RunContext } from './context';
import { CallDepthExceeded, RunEnded } from './run-limits';
import { Scope } from './scope';
import { BoundMethod, Builtin, ClassValue, Closure, Instance, NotEvaluated, SharedChange, SharedUnknown, Thrown, Unknown, UnknownResult, isUnknown, type Value } from './values';
import { changesShared, isSharedObject } from './shared';
import { heldByUnknown, unknownCall } from './havoc';
import { memberAccess } from './expressions';
import { describeKind } from './syntax';
import { bindParameters, enterCall, evalArgs, leaveCall } from './frames';
import { callableGlobal, constructGlobal } from './builtins';
import { construct, superCall } from './classes';
import { HOME } from './class-chain';
import { isTensor } from './engine-bridge';
import { ArgumentError, Tensor, autograd } from '../../engine';
import { touchesPoison } from './gradients';
import { noteCall, notePass, retainedGraph } from './explain/calls';
import { explainBackwardError, explainCallError } from './explain/errors';
import { noteBeforePass } from './explain/accumulated';
import { Handle, callHandle, constructHandle, isAutogradGrad, tensorOf, type CallHooks, type FileCall } from './membrane';

/** The kinds, read once (the compiler API exposes them through getters). */
const SK = ts.SyntaxKind;

export function evalCall(ctx: RunContext, node: ts.CallExpression, scope: Scope): Value {
  const callee = node.expression;
  if (callee.kind === SK.SuperKeyword) return superCall(ctx, node, scope);
  if (callee.kind === SK.ImportKeyword) {
    ctx.unsupported(node, 'dynamic import');
    return new Unknown(`depends on ${describeKind(callee)} (not evaluated here)`);
  }
  let fn: Value;
  let receiver: Value = undefined;
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
    const m = memberAccess(ctx, callee, scope);
    if (m.shortCircuit) return undefined;
    fn = m.value;
    receiver = m.receiver;
  } else {
    fn = ctx.evaluator.evalExpr(ctx, callee, scope);
  }
  if (node.questionDotToken && (fn === null || fn === undefined)) return undefined;
  const args = evalArgs(ctx, node.arguments, scope);
  if (isUnknown(args)) {
    // the call is not made: what the function would have done is unknown
    unknownCall(ctx, node, receiver, [fn], args);
    return args;
  }
  const result = invoke(ctx, fn, receiver, args, node);
  if (ts.isPropertyAccessExpression(callee) && isInPlace(callee.name.text)) {
    // the receiver's binding shows the tensor after the call, or that it is not known (in this iteration too)
    if (tensorOf(receiver) && !isUnknown(result)) recordInPlace(ctx, callee.expression, receiver, scope);
    else if (isUnknown(receiver) || isUnknown(result)) recordInPlace(ctx, callee.expression, isUnknown(result) ? result : receiver, scope);
  }
  return result;
}

/** `w.sub_(...)`: a trailing underscore marks PyTorch's in-place ops. */
function isInPlace(name: string): boolean {
  return name.length > 1 && name.endsWith('_') && !name.endsWith('__');
}

/**
 * An in-place call is a binding of its receiver (`w`, `this.w`), showing the tensor after the call;
 * in a chain (`w.mul_(2).add_(1)`) each call returns its receiver, so the chain's last call shows w.
 */
function recordInPlace(ctx: RunContext, receiverOrChain: ts.Expression, tensor: Value, scope: Scope): void {
  const receiverExpr = chainReceiver(receiverOrChain);
  // a chain names its first receiver only when that still holds this tensor (a file's own `f_()` may return another)
  if (receiverExpr !== receiverOrChain && !(tensorOf(tensor) !== undefined && tensorOf(named(receiverExpr, scope)) === tensorOf(tensor))) return;
  if (ts.isIdentifier(receiverExpr)) {
    const rec = ctx.recorder.record(receiverExpr, receiverExpr.text, tensor, false);
    const slot = scope.lookup(receiverExpr.text);
    if (slot && rec) slot.binding = rec;
  } else if (ts.isPropertyAccessExpression(receiverExpr) && receiverExpr.expression.kind === SK.ThisKeyword) {
    const rec = ctx.recorder.record(receiverExpr, `this.${receiverExpr.name.text}`, tensor, false);
    const self = scope.lookup('this')?.value;
    if (rec && self instanceof Instance) self.fieldBindings.set(receiverExpr.name.text, rec);
  }
}

/** The value `w` or `this.w` names now (undefined for any other expression). */
function named(e: ts.Expression, scope: Scope): Value | undefined {
  if (ts.isIdentifier(e)) return scope.lookup(e.text)?.value;
  const self = ts.isPropertyAccessExpression(e) && e.expression.kind === SK.ThisKeyword ? scope.lookup('this')?.value : undefined;
  return self instanceof Instance ? self.fields.get((e as ts.PropertyAccessExpression).name.text) : undefined;
}

/** `w` of `w.mul_(2).add_(1)`'s receiver `w.mul_(2)`: in-place calls unwrapped (each returns its receiver). */
function chainReceiver(e: ts.Expression): ts.Expression {
  let r = e;
  while (ts.isCallExpression(r) && ts.isPropertyAccessExpression(r.expression) && isInPlace(r.expression.name.text)) r = r.expression.expression;
  return r;
}

export function invoke(ctx: RunContext, fn: Value, thisValue: Value, args: Value[], node: ts.Node): Value {
  if (isUnknown(fn)) {
    // a function reached through a prototype or the global object (Function, eval, Reflect.set), or
    // code not seen here given a built-in to change: the real run may change every later line
    if (fn instanceof SharedUnknown) changesShared(ctx, node, `Calling ${calleeText(ctx, node)}`);
    if (args.some(isSharedObject)) changesShared(ctx, node, `Handing a built-in or gradlens object to ${calleeText(ctx, node)}`);
    if (fn.foreign) ctx.report(node, 'info', 'unsupported', `${calleeText(ctx, node)}(...): not evaluated here (${fn.reason})`);
    // An unknown function may change its receiver and arguments, and run the functions it is given.
    unknownCall(ctx, node, thisValue, args, new Unknown(`may be changed by ${calleeText(ctx, node)}(...) at line ${ctx.range(node).line}, not evaluated here`));
    return fn;
  }
  if (fn instanceof BoundMethod) return invoke(ctx, fn.target, fn.receiver, args, node);
  if (fn instanceof Closure) return callClosure(ctx, fn, thisValue, args, node);
  if (fn instanceof Builtin) return callBuiltin(ctx, fn, thisValue, args, node);
  const callable = callableGlobal(fn);
  if (callable) return callBuiltin(ctx, callable, undefined, args, node);
  if (Handle.isHandle(fn)) return callHandle(ctx, fn, args, node, fileCall(ctx, node), engineHooks(ctx, node));
  if (fn instanceof ClassValue) {
    ctx.raise(node, 'TypeError', `Class constructor ${fn.name} cannot be invoked without 'new'`);
    return new Unknown(`class ${fn.name} called without new`);
  }
  ctx.raise(node, 'TypeError', `${calleeText(ctx, node)} is not a function`);
  return new Unknown('calls something that is not a function');
}

function receiverText(ctx: RunContext, node: ts.Node): string {
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) return node.expression.expression.getText(ctx.sf);
  return 'backward()';
}

function calleeText(ctx: RunContext, node: ts.Node): string {
  const text = ts.isCallExpression(node) ? node.expression.getText(ctx.sf) : 'value';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Builtins whose work grows with the arrays and strings they are given (a scan or a copy of each). */
const SCANS = new Set([
  'indexOf', 'lastIndexOf', 'includes', 'join', 'slice', 'concat', 'reverse', 'flat', 'fill', 'splice', 'shift', 'unshift',
  'toString', 'split', 'replace', 'toUpperCase', 'toLowerCase', 'trim', 'JSON.stringify', 'Array.from',
]);

/** One unit per element or character a scanning builtin reads, as the engine charges a reduction's reads. */
function scanCost(fn: Builtin, thisValue: Value, args: readonly Value[]): number {
  if (!SCANS.has(fn.name)) return 0;
  const size = (v: Value): number => (typeof v === 'string' || Array.isArray(v) ? v.length : 0);
  return args.reduce((n: number, a) => n + size(a), size(thisValue));
}

function callBuiltin(ctx: RunContext, fn: Builtin, thisValue: Value, args: Value[], node: ts.Node): Value {
  try {
    // charged before the work: a loop over a million-item indexOf meets the compute budget, not the clock
    const reads = scanCost(fn, thisValue, args);
    if (reads > 0) ctx.chargeCompute(node, reads, fn.name);
    const out: Value = fn.impl({ ctx, args, thisValue, node });
    // what a builtin builds (a string, an array) costs its size: a loop rebuilding big strings meets the compute budget
    if (typeof out === 'string' || Array.isArray(out)) ctx.chargeCompute(node, out.length + 1, fn.name);
    return out;
  } catch (e) {
    if (e instanceof RunEnded || e instanceof Thrown) throw e;
    if (e instanceof SharedChange) changesShared(ctx, node, e.message);
    // The builtin did not finish: what its callbacks and its own work would have changed is unknown.
    if (e instanceof UnknownResult) {
      unknownCall(ctx, node, thisValue, args, e.unknown);
      return e.unknown;
    }
    if (e instanceof NotEvaluated) {
      ctx.unsupported(node, `${fn.name}: ${e.message}`);
      const why = new Unknown(`depends on ${fn.name}: ${e.message} (not evaluated here)`);
      unknownCall(ctx, node, thisValue, args, why);
      return why;
    }
    // what the real run throws: JavaScript's own error (the builtins call its functions or mimic their errors)
    const error = e instanceof Error ? e : new Error(String(e));
    ctx.raise(node, error.name, error.message, 'runtime', `${fn.name}: ${error.message}`);
    return new Unknown(`${fn.name} failed`);
  }
}

/** What the engine calls back (`noGrad(() => ...)`, an `onStep` option): a function of the file, run here. */
function fileCall(ctx: RunContext, node: ts.Node): FileCall {
  return (fn, args) => invoke(ctx, fn, undefined, args, node);
}

/**
 * The analyzer's part in engine calls: a user's `backward()` runs with the step hook that records the
 * pass (and keeps the graph when a later pass needs it), `autograd.grad` keeps its graph likewise, and
 * every tensor the engine returns is noted with the expression that made it.
 */
/** The tensors of an `outputs` argument (one tensor or a list). */
function tensorsIn(v: unknown): Tensor[] {
  if (isTensor(v)) return [v];
  return Array.isArray(v) ? v.filter(isTensor) : [];
}

function engineHooks(ctx: RunContext, node: ts.Node): CallHooks {
  let isBackward = false;
  let roots: Tensor[] = [];
  return {
    before(fn, receiver, args) {
      isBackward = fn === Tensor.prototype.backward && isTensor(receiver);
      roots = isBackward ? [receiver as Tensor] : isAutogradGrad(fn) || fn === autograd.backward ? tensorsIn(args[0]) : [];
      const why = roots.length > 0 ? touchesPoison(ctx, roots) : undefined;
      if (why) return why;
      if (isBackward) {
        noteBeforePass(ctx);
        return ctx.backward.prepareArgs(args);
      }
      if (isAutogradGrad(fn)) return ctx.backward.prepareGradArgs(args);
      return args;
    },
    after(fn, receiver, args, result) {
      if (isBackward && isTensor(receiver)) {
        ctx.backward.commit(receiver, ctx.range(node), receiverText(ctx, node), ctx.steps);
        ctx.recorder.generation++;
        if (ctx.backward.last) notePass(ctx, ctx.backward.last, ctx.range(node), retainedGraph(args));
      }
      if (isTensor(result) && !result.shape.every((d) => Number.isInteger(d) && d >= 0)) {
        // PyTorch rejects such sizes; the engine may not, and the trace's shapes are whole numbers.
        throw new ArgumentError('tensor', `Invalid tensor size [${result.shape.join(', ')}]: sizes must be whole numbers`);
      }
      ctx.registry.noteResult(ctx, result, node, receiver, args);
      noteCall(ctx, node, fn, receiver, args, result);
    },
    explain(_fn, receiver, args, e) {
      if (roots.length === 0) return explainCallError(ctx, receiver, args, e);
      ctx.explain.failedAt = ctx.range(node);
      return explainBackwardError(ctx, roots, e);
    },
  };
}

export function evalNew(ctx: RunContext, node: ts.NewExpression, scope: Scope): Value {
  const cls = ctx.evaluator.evalExpr(ctx, node.expression, scope);
  if (cls instanceof SharedUnknown) changesShared(ctx, node, 'Constructing this');
  if (isUnknown(cls)) return cls;
  const args = evalArgs(ctx, node.arguments, scope);
  if (isUnknown(args)) return args;
  if (cls instanceof ClassValue) return construct(ctx, cls, args, node);
  const global = constructGlobal(cls);
  if (global) return callBuiltin(ctx, global, undefined, args, node);
  if (Handle.isHandle(cls)) {
    const made = constructHandle(ctx, cls, args, node, fileCall(ctx, node), engineHooks(ctx, node));
    if (isUnknown(made)) heldByUnknown(ctx, args, made);
    else if (Handle.isHandle(made) && made.kind === 'module') ctx.recorder.noteModule(made);
    return made;
  }
  ctx.unsupported(node, `new ${node.expression.getText(ctx.sf)}`);
  return new Unknown(`depends on new ${node.expression.getText(ctx.sf)} (not evaluated here)`);
}

export function callClosure(ctx: RunContext, fn: Closure, thisValue: Value, args: Value[], node: ts.Node): Value {
  enterCall(ctx, node, `${fn.name}()`);
  try {
    const scope = new Scope(fn.scope);
    if (!fn.isArrow) scope.declare('this', thisValue, true);
    if (fn.home) scope.declare(HOME, fn.home, true);
    bindParameters(ctx, scope, fn.decl.parameters, args);
    const body = fn.decl.body;
    if (!body) return undefined;
    if (ts.isBlock(body)) return ctx.evaluator.execBody(ctx, body, scope);
    return ctx.evaluator.evalExpr(ctx, body, scope);
  } catch (e) {
    // The outermost call of a runaway recursion reports it and becomes unknown.
    if (!(e instanceof CallDepthExceeded) || ctx.depth > 1) throw e;
    ctx.report(e.range, 'error', 'budget', e.message);
    return new Unknown('a call that recursed too deeply');
  } finally {
    leaveCall(ctx);
  }
}
