/**
 * `class F extends autograd.Function { static forward(ctx, ...) {...} static backward(ctx, ...) {...} }`
 * and `F.apply(...)`, as torch.autograd.Function runs them. The engine never receives the file's class
 * or functions: the interpreter runs `forward` itself with grad mode off and a ctx of its own, then
 * asks the engine (through the membrane, tensors only) for the node `FBackward`, whose backward calls
 * the file's `backward` back on gradient handles (membrane/custom.ts).
 */
import type ts from 'typescript';
import type { RunContext } from './context';
import {
  BoundMethod, Builtin, ClassValue, Closure, FUNCTION_BASE, Unknown, UnknownResult, isUnknown, newRecord, reveal,
  type BuiltinBase, type Value,
} from './values';
import { float64Copies, recordFunction, tensorOf, type FileFunction } from './membrane';
import { AutogradError, isGradEnabled, noGrad } from '../../engine';

/** What forward told its ctx (torch's FunctionCtx state). */
interface CtxState {
  saved: Value[];
  dirty: Value[];
  nonDiff: Value[];
  materialize: boolean;
  /** A value given to a ctx method that is not known here: the Function's result is not known either. */
  unknown?: Unknown;
}

/**
 * The interpreter's calls this module makes, passed in by class-members.ts (importing them here would
 * join this file to the interpreter's import cycle).
 */
export interface Interpreter {
  invoke(ctx: RunContext, fn: Value, thisValue: Value, args: Value[], node: ts.Node): Value;
  staticMember(ctx: RunContext, cls: ClassValue, name: string, node: ts.Node): Value;
}

/** Whether `cls` extends autograd.Function (through classes of the file). */
export function isFunctionClass(cls: ClassValue): boolean {
  let c: ClassValue | BuiltinBase | undefined = cls;
  while (c instanceof ClassValue) c = c.parent;
  return c === FUNCTION_BASE;
}

/** Static members autograd.Function gives its subclasses: `apply`. */
export function functionStatic(receiver: Value, name: string, run: Interpreter): Value {
  return name === 'apply' ? new BoundMethod(receiver, 'apply', applyBuiltin(run)) : undefined;
}

function applyBuiltin(run: Interpreter): Builtin {
  return new Builtin('apply', ({ ctx, args, thisValue, node }) => {
    if (!(thisValue instanceof ClassValue) || !isFunctionClass(thisValue)) {
      throw new TypeError('autograd.Function.apply must be called on a class of this file extending autograd.Function');
    }
    return applyFunction(ctx, run, thisValue, args, node);
  });
}

const NO_BACKWARD = 'You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.';

function notImplemented(message: string): Error {
  const e = new Error(message);
  e.name = 'NotImplementedError';
  return e;
}

/** `F.apply(...args)`: forward under noGrad, then the node when an input requires grad (grad mode on). */
function applyFunction(ctx: RunContext, run: Interpreter, cls: ClassValue, args: Value[], node: ts.Node, check = true): Value {
  const forward = run.staticMember(ctx, cls, 'forward', node);
  const backward = run.staticMember(ctx, cls, 'backward', node);
  if (!(forward instanceof BoundMethod)) throw notImplemented('You must implement the forward function for custom autograd.Function.');
  const gradOn = isGradEnabled();
  const needs = args.map((a) => gradOn && tensorOf(a)?.requiresGrad === true);
  const state: CtxState = { saved: [], dirty: [], nonDiff: [], materialize: true };
  const fctx = makeCtx(state, needs);
  const outputs = noGrad(() => run.invoke(ctx, forward, cls, [fctx, ...args], node));
  if (!needs.some(Boolean)) return outputs;
  const unknown = firstUnknownOutput(outputs) ?? state.unknown;
  if (unknown) return unknown;
  const backwardNode = backward instanceof BoundMethod && backward.target instanceof Closure ? backward.target.decl : node;
  const f: FileFunction = {
    name: cls.name,
    args,
    outputs,
    saved: state.saved,
    dirty: state.dirty,
    nonDiff: state.nonDiff,
    materialize: state.materialize,
    onceDifferentiable: run.staticMember(ctx, cls, 'onceDifferentiable', node) === true,
    backward: (saved, grads) => {
      // as torch's: a Function without backward fails when backward runs, not when it is applied
      if (!(backward instanceof BoundMethod)) throw new AutogradError('Function.backward', NO_BACKWARD);
      fctx.savedTensors = saved;
      return run.invoke(ctx, backward, cls, [fctx, ...grads], backwardNode);
    },
    backwardNode,
  };
  const result = recordFunction(ctx, f, node);
  if (check && !isUnknown(result)) noteCall(ctx, run, cls, args, node);
  return result;
}

/** A Function's first call with an input that requires grad, to check its backward once the file has run. */
export interface PendingCheck {
  readonly run: Interpreter;
  readonly cls: ClassValue;
  readonly node: ts.Node;
  /** Float64 copies of the arguments as called, or why there are none (too large). */
  readonly args: Value[] | string;
}

/**
 * Per run, per Function declaration, its check (weak: it lives as long as the run). Keyed by the
 * declaration: a class declared in a loop or a function is one Function to check, not one per pass.
 */
const pending = new WeakMap<RunContext, Map<ts.Node, PendingCheck>>();

function noteCall(ctx: RunContext, run: Interpreter, cls: ClassValue, args: Value[], node: ts.Node): void {
  let m = pending.get(ctx);
  if (m === undefined) pending.set(ctx, (m = new Map()));
  if (!m.has(cls.decl)) m.set(cls.decl, { run, cls, node, args: float64Copies(args) });
}

/** The checks the run noted, in the order the Functions were first called. */
export function pendingChecks(ctx: RunContext): PendingCheck[] {
  return [...(pending.get(ctx)?.values() ?? [])];
}

/** `F.apply(...args)` run in another context (the check's, whose bindings and logs are not shown). */
export function applyIn(ctx: RunContext, p: PendingCheck, args: Value[]): Value {
  return applyFunction(ctx, p.run, p.cls, args, p.node, false);
}

function firstUnknownOutput(outputs: Value): Unknown | undefined {
  const list = Array.isArray(outputs) ? outputs : [outputs];
  for (const o of list) {
    const r = reveal(o);
    if (isUnknown(r)) return r;
  }
  return undefined;
}

/** The file's ctx: torch's methods as builtins, `needsInputGrad`, and whatever fields forward sets. */
function makeCtx(state: CtxState, needs: readonly boolean[]): Record<string, Value> {
  const fctx = newRecord();
  fctx.needsInputGrad = needs.slice();
  const tensorsMethod = (op: 'saveForBackward' | 'markDirty' | 'markNonDifferentiable', set: (ts: Value[]) => void): Builtin =>
    new Builtin(op, ({ args }) => {
      const ts = checkedTensors(op, args, state);
      set(ts);
      return undefined;
    });
  fctx.saveForBackward = tensorsMethod('saveForBackward', (ts) => {
    state.saved = ts;
    fctx.savedTensors = ts.slice();
  });
  fctx.markDirty = tensorsMethod('markDirty', (ts) => (state.dirty = ts));
  fctx.markNonDifferentiable = tensorsMethod('markNonDifferentiable', (ts) => (state.nonDiff = ts));
  fctx.setMaterializeGrads = new Builtin('setMaterializeGrads', ({ args }) => {
    if (typeof args[0] !== 'boolean') throw new TypeError(`setMaterializeGrads: value must be a boolean, got ${args[0] === null ? 'null' : typeof args[0]}`);
    state.materialize = args[0];
    return undefined;
  });
  fctx.savedTensors = [];
  return fctx;
}

/** The arguments of a ctx method taking tensors: handles of tensors (an unknown one makes the result unknown). */
function checkedTensors(op: string, args: Value[], state: CtxState): Value[] {
  args.forEach((a, i) => {
    const r = reveal(a);
    if (isUnknown(r)) {
      state.unknown = r;
      throw new UnknownResult(r);
    }
    if (tensorOf(a) === undefined) throw new TypeError(`${op} only accepts tensors (argument ${i} is ${a === null ? 'null' : typeof a})`);
  });
  return args.slice();
}
