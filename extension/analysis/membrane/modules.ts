/**
 * The engine's nn modules through the membrane: their members by table (api.ts), writes of their
 * parameter slots and training flag, and what the analysis must know about them — a Dropout in
 * training mode draws from the random generator (not known after a draw the analysis did not see), a
 * Linear or Embedding draws its initial parameters, and a module whose parameters skipped code may
 * have changed gives unknown results.
 */
import type ts from 'typescript';
import type { RunContext } from '../context';
import { ErrorValue, Unknown, isUnknown, poison, reveal, type Value } from '../values';
import { Handle, existingHandle, tensorOf } from './handle';
import { DRAWING_MODULES, isModuleBase, moduleMemberUse, moduleWritable } from './api';
import { toFile } from './convert';
import { nn, type Tensor } from '../../../engine';

type EngineModule = InstanceType<typeof nn.Module>;

const moduleOf = (h: Handle): EngineModule => Handle.targetOf(h) as EngineModule;

function refused(ctx: RunContext, node: ts.Node, what: string): Unknown {
  ctx.unsupported(node, what);
  return new Unknown(`depends on ${what} (not evaluated here)`);
}

/** The engine module behind a module handle, for building the trace (module-paths.ts); never handed to the file. */
export function engineModuleOf(v: unknown): EngineModule | undefined {
  return Handle.isHandle(v) && v.kind === 'module' ? moduleOf(v) : undefined;
}

/** `m.name` read by the file. */
export function moduleMember(ctx: RunContext, h: Handle, name: string, node: ts.Node): Value {
  const m = moduleOf(h);
  const use = moduleMemberUse(m, name);
  if (use === undefined) return refused(ctx, node, `'${name}' is not a public member of the ${h.name} module`);
  const v: unknown = Reflect.get(m, name);
  if (use === 'method') return Handle.callable(v as object, `${h.name}.${name}`, m);
  return toFile(v, true);
}

/** `m.name = v`: the training flag (a boolean) and parameter slots (a tensor or null), as a real run assigns them. */
export function writeModuleMember(ctx: RunContext, h: Handle, name: string, v: Value, node: ts.Node): boolean {
  const m = moduleOf(h);
  if (!moduleWritable(m, name)) {
    ctx.report(node, 'error', 'unsupported', `Cannot assign to '${name}' of the ${h.name} module: only its training flag and parameter slots are writable`);
    return false;
  }
  if (isUnknown(v)) {
    // what the real run stores is not known: neither is the module from here on
    poisonModuleDeep(ctx, h, v);
    return true;
  }
  if (name === 'training') {
    if (typeof v !== 'boolean') {
      ctx.report(node, 'error', 'unsupported', `Cannot assign a ${typeof v} to 'training' of the ${h.name} module: use train() / eval()`);
      return false;
    }
    m.training = v;
    return true;
  }
  const t = tensorOf(v);
  if (t === undefined && v !== null) {
    ctx.report(node, 'error', 'unsupported', `Cannot assign this value to '${name}' of the ${h.name} module: a tensor (nn.Parameter) or null`);
    return false;
  }
  Reflect.set(m, name, t ?? null);
  return true;
}

/** The parameters of a module and all its submodules. */
function parametersOf(m: EngineModule): Tensor[] {
  return m.parameters();
}

/** Whether calling `fn` on `receiver` draws random numbers: a forward through a Dropout that is training. */
export function drawsRandom(fn: unknown, receiver: unknown): boolean {
  if (!(receiver instanceof nn.Module) || fn !== receiver.forward) return false;
  return receiver.modules().some((d) => d instanceof nn.Dropout && d.training && d.p > 0 && d.p < 1);
}

/** The buffers a forward may update: those of the module and its submodules in training mode (BatchNorm's running statistics). */
export function trainingBuffers(m: EngineModule): Tensor[] {
  return m.modules().filter((d) => d.training).flatMap((d) => d.buffers(false));
}

/**
 * Why a call on a module cannot be known here: its forward would read parameters or buffers skipped
 * code may have changed, or would draw from a generator whose state is not known.
 */
export function moduleCall(ctx: RunContext, fn: unknown, receiver: unknown): Unknown | undefined {
  if (!(receiver instanceof nn.Module) || fn !== receiver.forward) return undefined;
  for (const p of [...parametersOf(receiver), ...receiver.buffers()]) {
    if (!ctx.poisonedTensors.has(p)) continue;
    const why = reveal(existingHandle(p));
    return isUnknown(why) ? why : new Unknown('a module whose parameters code not evaluated may have changed');
  }
  return drawsRandom(fn, receiver) ? ctx.randomUnknown : undefined;
}

/** The engine modules of each run that hold buffers (a forward the analysis skips may update them). */
const withBuffers = new WeakMap<RunContext, Set<EngineModule>>();

/** This run's modules that hold buffers, as constructed. */
export function bufferedModules(ctx: RunContext): readonly EngineModule[] {
  return [...(withBuffers.get(ctx) ?? [])];
}

/**
 * After `new nn.Linear(...)`: drawn from a generator whose state is not known, its parameters are not
 * known. A module with buffers (BatchNorm) is remembered for skipped forwards.
 */
export function moduleConstructed(ctx: RunContext, cls: unknown, made: Value): void {
  const why = ctx.randomUnknown;
  if (why && DRAWING_MODULES.has(cls) && Handle.isHandle(made)) poisonModuleDeep(ctx, made, why);
  const m = Handle.isHandle(made) && made.kind === 'module' ? moduleOf(made) : undefined;
  if (m !== undefined && m.buffers(false).length > 0) {
    let set = withBuffers.get(ctx);
    if (set === undefined) withBuffers.set(ctx, (set = new Set()));
    set.add(m);
  }
}

/** Poison a module, its submodules and its parameters (their values and gradients). */
function poisonModuleDeep(ctx: RunContext, h: Handle, why: Unknown): void {
  const stack = [h];
  while (stack.length > 0) {
    const x = stack.pop()!;
    const t = tensorOf(x);
    if (t) {
      poison(x, why);
      ctx.poisonedTensors.add(t);
      ctx.gradSet(t, why);
    } else if (x.kind === 'module') stack.push(...poisonModule(ctx, x, why));
  }
}

/**
 * Poison a module handle (havoc.ts, a write not known): later reads give `why`. Returns what it holds
 * that must be poisoned too: its parameters, its buffers and its submodules.
 */
export function poisonModule(ctx: RunContext, h: Handle, why: Unknown): Handle[] {
  const m = moduleOf(h);
  poison(h, why);
  ctx.poisoning = true;
  const out: Handle[] = [];
  for (const p of [...parametersOf(m), ...m.buffers()]) {
    const ph = toFile(p, false);
    if (Handle.isHandle(ph)) out.push(ph);
  }
  for (const c of m.children()) {
    const ch = toFile(c, false);
    if (Handle.isHandle(ch)) out.push(ch);
  }
  return out;
}

/**
 * `x instanceof C` for a gradlens class `C` (Tensor, nn.Linear, an error class...): whether x is a
 * handle on an instance of it; false for the file's own values; undefined when C is no gradlens class.
 */
export function instanceOfClass(x: unknown, c: unknown): boolean | undefined {
  if (!Handle.isHandle(c) || c.kind !== 'class') return undefined;
  const cls = Handle.targetOf(c) as abstract new (...a: never[]) => unknown;
  const target = Handle.isHandle(x) ? Handle.targetOf(x) : x instanceof ErrorValue ? x.source : undefined;
  return target !== undefined && target instanceof cls;
}

/** `extends nn.Module`: the file's class extends the module base the interpreter models (nn-module.ts). */
export function isModuleBaseClass(v: unknown): boolean {
  return Handle.isHandle(v) && v.kind === 'class' && isModuleBase(Handle.targetOf(v));
}

/** The modules a ModuleList handle holds, in order (`for (const layer of list)`); undefined for any other value. */
export function moduleListItems(v: unknown): Value[] | undefined {
  const m = engineModuleOf(v);
  return m instanceof nn.ModuleList ? [...m].map((c) => toFile(c, false)) : undefined;
}
