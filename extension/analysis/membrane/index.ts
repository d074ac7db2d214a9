/**
 * The membrane between the interpreter and the engine (see docs/security.md). The file holds only
 * handles; reading, writing, calling and constructing through a handle happen here and nowhere else,
 * against the tables of api.ts, with every argument converted by convert.ts. The rest of the
 * analyzer reaches engine objects through `tensorOf` (trace building), never through the file's values.
 */
import type ts from 'typescript';
import type { RunContext } from '../context';
import type { DiagnosticCode, RelatedLocation } from '../trace';
import { Thrown, Unknown, firstUnknownDeep, isUnknown, type Value } from '../values';
import { Handle, existingHandle, tensorOf } from './handle';
import { gradsAfter, notCalled, poisonHandle, staleGradients } from './effects';
import { ALIASING_RESULTS, CALLBACK_ARGS, DRAWING_MODULES, MODULE_EXPORTS, RANDOM_DRAWS, SEEDING, exportKind, isConstructible, isHiddenExport, isNewCallable, memberUse } from './api';
import { moduleCall, moduleConstructed, moduleMember, writeModuleMember } from './modules';
import { CallbackUnknown, Refused, toEngine, toFile, type FileCall } from './convert';
import { ArgumentError, AutogradError, BudgetError, GradlensError, ShapeError, Tensor, autograd } from '../../../engine';
import { raiseHint } from '../budget-names';
import { errorCode } from '../engine-bridge';
import { explainGradRead } from '../explain/missing';
import { noteRequiresGrad } from '../explain/calls';
import { RunEnded } from '../run-limits';
import { argumentsError, isNativeTypeError, operandError } from './operands';

export { Handle, tensorOf } from './handle';
export type { FileCall } from './convert';
export { isMirror } from './convert';
export { refuseMirrorWrite } from './effects';
export { gradsOf, poisonHandle, skippedForward } from './effects';
export { describe, displayString } from './describe';
export { isFunctionBaseClass, checkFunction, float64Copies } from './custom';
export type { CheckResult, FileFunction } from './custom';
export { engineModuleOf, instanceOfClass, isModuleBaseClass, moduleListItems } from './modules';
import { describe, typeName } from './describe';
import { recordFileFunction, type FileFunction } from './custom';

/** The `gradlens` module as the file sees it: one handle per export the file may import. */
export function moduleExport(name: string): Handle | undefined {
  if (!MODULE_EXPORTS.has(name)) return undefined;
  return exportHandle(MODULE_EXPORTS.get(name) as object, name);
}

/** Why `name` cannot be imported: an internal, or no such export. */
export function missingExportReason(name: string): string {
  return isHiddenExport(name) ? `'${name}' is an engine internal, not available to analysed files` : `'gradlens' has no export named '${name}'`;
}

/** `import * as gl from 'gradlens'` (and the default import): the module as a namespace handle. */
export function moduleNamespace(): Handle {
  return Handle.of(MODULE_NAMESPACE, 'namespace', 'gradlens');
}

const MODULE_NAMESPACE: object = Object.freeze(Object.fromEntries(MODULE_EXPORTS));

function exportHandle(v: object, name: string): Handle | undefined {
  switch (exportKind(v)) {
    case 'function': return Handle.callable(v, name);
    case 'class': return Handle.of(v, 'class', name);
    case 'namespace': return Handle.of(v, 'namespace', name);
  }
  return undefined;
}

/** `h.name` read by the file. */
export function readMember(ctx: RunContext, h: Handle, name: string, node: ts.Node): Value {
  const target = Handle.targetOf(h) as Record<string, unknown>;
  switch (h.kind) {
    case 'namespace': {
      const v = Object.prototype.hasOwnProperty.call(target, name) ? target[name] : undefined;
      const out = typeof v === 'object' || typeof v === 'function' ? exportHandle(v as object, `${h.name}.${name}`) : undefined;
      if (out) return out;
      return refuse(ctx, node, `'${h.name}.${name}' is not available to analysed files`);
    }
    case 'function':
    case 'class':
      if (name === 'name') return h.name;
      return refuse(ctx, node, `property '${name}' of the gradlens ${h.kind} '${h.name}'`);
    case 'module':
      return moduleMember(ctx, h, name, node);
  }
  const use = memberUse(h.kind, name);
  if (use === undefined) return refuse(ctx, node, `'${name}' is not a public member of a ${describe(h)}`);
  if (use === 'method') return Handle.callable(target[name] as object, `${h.name}.${name}`, target);
  const t = tensorOf(h);
  if (t !== undefined && name === 'grad') {
    const why = ctx.gradUnknown(t);
    if (why) return why;
    if (t.grad === null) explainGradRead(ctx, t, node);
  }
  try {
    return toFile(target[name], true, h); // may be an engine getter (`x.T`), which can throw like any engine call
  } catch (e) {
    return engineFailure(ctx, e, node);
  }
}

/**
 * `h.name = v` by the file: only a tensor's `requiresGrad`, `grad` and `data`, checked as PyTorch checks them.
 * False when the write is refused (reported here): the real run makes it, the caller decides what that leaves unknown.
 */
export function writeMember(ctx: RunContext, h: Handle, name: string, v: Value, node: ts.Node): boolean {
  if (h.kind === 'module') return writeModuleMember(ctx, h, name, v, node);
  const t = tensorOf(h);
  if (t === undefined || (name !== 'requiresGrad' && name !== 'grad' && name !== 'data')) {
    ctx.report(node, 'error', 'unsupported', `Cannot assign to '${name}' of a ${describe(h)}: only a tensor's requiresGrad, grad and data are writable`);
    return false;
  }
  if (isUnknown(v)) {
    // what the real run writes is not known here: the tensor (or its gradient) is not known from here on
    if (name === 'grad') ctx.gradSet(t, v);
    else poisonHandle(ctx, h, v);
    return true;
  }
  try {
    if (name === 'requiresGrad') {
      if (typeof v !== 'boolean') throw new TypeError(`requiresGrad must be a boolean, got ${typeName(v)}`);
      t.requiresGrad_(v);
      noteRequiresGrad(ctx, t, node);
    } else if (name === 'data') {
      const d = tensorOf(v);
      if (d === undefined) throw new TypeError(`data must be a Tensor, got ${typeName(v)}`);
      t.data = d;
    } else {
      t.grad = checkedGrad(t, v);
      ctx.gradSet(t);
    }
  } catch (e) {
    engineFailure(ctx, e, node);
  }
  return true;
}

/** PyTorch's checks on `x.grad = g`: a tensor of x's size and type, or null. */
function checkedGrad(t: Tensor, v: Value): Tensor | null {
  if (v === null || v === undefined) return null;
  const g = tensorOf(v);
  if (g === undefined) throw new TypeError(`assigned grad expected to be a Tensor or None but got grad of type ${typeName(v)}`);
  if (g.dtype !== t.dtype) throw new TypeError(`assigned grad has data of a different type (${g.dtype} for a ${t.dtype} tensor)`);
  if (g.shape.length !== t.shape.length || g.shape.some((d, i) => d !== t.shape[i])) {
    throw new RangeError(`assigned grad has data of a different size ([${g.shape.join(', ')}] for a tensor of size [${t.shape.join(', ')}])`);
  }
  return g;
}

/** Hooks of the analyzer around particular engine calls (the user's backward, autograd.grad). */
export interface CallHooks {
  /** The engine arguments about to be passed: the analyzer may add its own options, or say the call cannot be known. */
  before(fn: unknown, receiver: unknown, args: unknown[]): unknown[] | Unknown;
  /** The raw result, before it becomes a file value (to note where tensors were made). */
  after(fn: unknown, receiver: unknown, args: unknown[], result: unknown): void;
  /** An engine error of the call: the analyzer may say more (another code, a sentence, related locations). */
  explain?(fn: unknown, receiver: unknown, args: unknown[], e: unknown): ErrorExplanation | undefined;
}

/** What the analyzer adds to an engine error's diagnostic; the engine's own text stays first. */
export interface ErrorExplanation {
  code: DiagnosticCode;
  /** Appended to the engine's message. */
  suffix: string;
  related: RelatedLocation[];
}

/** Calls a callable handle with the file's arguments; the result as a file value. */
export function callHandle(ctx: RunContext, h: Handle, args: Value[], node: ts.Node, callBack: FileCall, hooks: CallHooks): Value {
  if (h.kind !== 'function') {
    const hint = h.kind === 'class' ? ` (use new ${h.name}(...))` : '';
    ctx.raise(node, 'TypeError', `${h.name} is not a function`, 'runtime', `TypeError: ${h.name} is not a function${hint}`);
    return new Unknown(`${h.name} is not a function`);
  }
  const fn = Handle.targetOf(h) as (...a: unknown[]) => unknown;
  const receiver = Handle.receiverOf(h);
  const u = firstUnknownDeep(args);
  const engineArgs = u ?? argsToEngine(ctx, args, CALLBACK_ARGS.get(fn), callBack, node, h.name);
  if (engineArgs instanceof Unknown) return notCalled(ctx, fn, receiver, engineArgs, args);
  const stale = staleGradients(ctx, fn, receiver) ?? (RANDOM_DRAWS.has(fn) ? ctx.randomUnknown : undefined) ?? moduleCall(ctx, fn, receiver);
  if (stale) return notCalled(ctx, fn, receiver, stale, args);
  const badOperand = operandError(fn, args);
  if (badOperand) return argumentFailure(ctx, badOperand, node);
  try {
    const final = hooks.before(fn, receiver, engineArgs);
    if (final instanceof Unknown) return notCalled(ctx, fn, receiver, final, args);
    const result = Reflect.apply(fn, receiver, final);
    hooks.after(fn, receiver, final, result);
    gradsAfter(ctx, fn, receiver);
    if (fn === SEEDING) ctx.randomUnknown = undefined;
    return ALIASING_RESULTS.has(fn) ? toFile(result, true, receiver === undefined ? undefined : existingHandle(receiver)) : toFile(result, false);
  } catch (e) {
    // a callback's result not known here (a custom backward's): what the call would change is unknown
    if (e instanceof CallbackUnknown) return notCalled(ctx, fn, receiver, e.unknown, args);
    if (isNativeTypeError(e)) return argumentFailure(ctx, argumentsError(h.name, args), node);
    return engineFailure(ctx, e, node, hooks.explain?.(fn, receiver, engineArgs, e));
  }
}

/** A call whose arguments do not fit: the op and what it got, never JavaScript's own TypeError text. */
function argumentFailure(ctx: RunContext, message: string, node: ts.Node): Unknown {
  ctx.report(node, 'error', 'engine', message);
  return new Unknown(message);
}

/** `new C(...)` of a gradlens class: only the constructible ones (optimizers, modules), and nn.Parameter. */
export function constructHandle(ctx: RunContext, h: Handle, args: Value[], node: ts.Node, callBack: FileCall, hooks: CallHooks): Value {
  const cls = Handle.targetOf(h);
  // `new nn.Parameter(t)`: a function that returns an object, so `new` gives what the call gives
  if (h.kind === 'function' && isNewCallable(cls)) return callHandle(ctx, h, args, node, callBack, hooks);
  if (h.kind !== 'class' || !isConstructible(cls)) {
    const hint = h.name === 'Tensor' ? ': create tensors with tensor(), zeros(), randn(), ...' : '';
    return refuse(ctx, node, `new ${h.name}(...) is not available to analysed files${hint}`);
  }
  const u = firstUnknownDeep(args);
  const engineArgs = u ?? argsToEngine(ctx, args, undefined, callBack, node, h.name);
  if (engineArgs instanceof Unknown) {
    // not made: the draws its constructor would have made were not made either
    if (DRAWING_MODULES.has(cls)) ctx.randomUnknown = engineArgs;
    return engineArgs;
  }
  try {
    const result: unknown = Reflect.construct(cls as new (...a: unknown[]) => unknown, engineArgs);
    hooks.after(cls, undefined, engineArgs, result);
    const made = toFile(result, false);
    moduleConstructed(ctx, cls, made);
    return made;
  } catch (e) {
    return engineFailure(ctx, e, node, hooks.explain?.(cls, undefined, engineArgs, e));
  }
}

function argsToEngine(
  ctx: RunContext, args: Value[], callbackAt: number | undefined, callBack: FileCall, node: ts.Node, what: string,
): unknown[] | Unknown {
  const out: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = toEngine(args[i], callBack, i === callbackAt);
    if (x instanceof Unknown) return x;
    if (x instanceof Refused) {
      ctx.report(node, 'error', 'unsupported', `${what}: argument ${i + 1} cannot be passed to gradlens: ${x.reason}`);
      return new Unknown(`an argument gradlens cannot take (${x.reason})`);
    }
    out.push(x);
  }
  return out;
}

/** A custom Function's node for what the file's forward did (membrane/custom.ts); engine errors reported at `node`. */
export function recordFunction(ctx: RunContext, f: FileFunction, node: ts.Node): Value {
  try {
    return recordFileFunction(ctx, f);
  } catch (e) {
    return engineFailure(ctx, e, node);
  }
}

/** True when `h` is `autograd.grad` (the analyzer keeps its graph for a later pass). */
export function isAutogradGrad(fn: unknown): boolean {
  return fn === autograd.grad;
}

function engineFailure(ctx: RunContext, e: unknown, node: ts.Node, more?: ErrorExplanation): Unknown {
  if (e instanceof RunEnded || e instanceof Thrown) throw e;
  if (e instanceof CallbackUnknown) return e.unknown;
  if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
  if (e instanceof BudgetError) {
    // the engine's text names its option; the user changes a setting or a CLI flag
    ctx.report(node, 'error', 'budget', `${e.message}. ${raiseHint(e.budget)}`);
    return new Unknown(`over the ${e.budget === 'maxCompute' ? 'compute' : 'element'} budget: ${e.message}`);
  }
  const message = e instanceof Error ? e.message : String(e);
  const text = more ? `${message}${more.suffix}` : message;
  ctx.raise(node, errorName(e), message, more?.code ?? errorCode(e), text, e instanceof Error ? e : undefined, more?.related);
  return new Unknown(`the engine failed here: ${message}`);
}

/** The error's class name as the file's `e.name` reads it (a minified engine's own class names are not the source's). */
function errorName(e: unknown): string {
  if (e instanceof ShapeError) return 'ShapeError';
  if (e instanceof ArgumentError) return 'ArgumentError';
  if (e instanceof AutogradError) return 'AutogradError';
  if (e instanceof GradlensError) return 'GradlensError';
  return e instanceof Error ? e.name : 'Error';
}

function refuse(ctx: RunContext, node: ts.Node, what: string): Unknown {
  ctx.unsupported(node, what);
  return new Unknown(`depends on ${what} (not evaluated here)`);
}
