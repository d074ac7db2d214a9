/**
 * What the engine's state becomes when the analysis does not see something happen (havoc.ts and
 * calls the membrane does not make): tensors and optimizers poisoned, gradients and the random
 * generator unknown from here on, and known again once the file resets them.
 */
import type ts from 'typescript';
import type { RunContext } from '../context';
import { Unknown, poison, type Value } from '../values';
import { Handle, existingHandle } from './handle';
import { ARGUMENT_WRITES, RANDOM_DRAWS, changesModule, isOptimizer } from './api';
import { mirrorSource, toFile } from './convert';
import { bufferedModules, drawsRandom, poisonModule, trainingBuffers } from './modules';
import { Tensor, autograd, nn, type Optimizer } from '../../../engine';

/**
 * An engine call that is not made (an argument not known here): what the real call would change is
 * unknown from now on — the receiver of an in-place op, every gradient for a backward, an optimizer's
 * parameters for a step, the modules a ModuleList holds for an append, the buffers a forward in
 * training mode updates (BatchNorm's running statistics), the arguments an op writes into.
 */
export function notCalled(ctx: RunContext, fn: unknown, receiver: object | undefined, why: Unknown, args: readonly Value[] = []): Unknown {
  for (const i of ARGUMENT_WRITES.get(fn) ?? []) {
    const target = Handle.targetOf(args[i]);
    if (target !== undefined) poisonTarget(ctx, target, why);
  }
  if (receiver instanceof nn.Module && fn === receiver.forward) for (const b of trainingBuffers(receiver)) poisonTarget(ctx, b, why);
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  if (fn === proto.backward || fn === autograd.backward) ctx.gradsUnknown(why);
  else if (RANDOM_DRAWS.has(fn)) ctx.randomUnknown = why;
  else if (receiver instanceof Tensor && typeof fn === 'function' && fn.name.endsWith('_')) poisonTarget(ctx, receiver, why);
  else if (receiver instanceof Tensor && (fn === proto.retainGrad || fn === proto.zeroGrad)) ctx.gradSet(receiver, why);
  else if (isOptimizer(receiver) && fn === receiver.step) poisonTarget(ctx, receiver, why);
  else if (changesModule(fn, receiver)) poisonTarget(ctx, receiver, why);
  else if (drawsRandom(fn, receiver)) ctx.randomUnknown = why;
  return why;
}

/**
 * A forward call in code the analysis skips (havoc.ts; its receiver may not be nameable there): every
 * buffer a forward in training mode may update is unknown from here on.
 */
export function skippedForward(ctx: RunContext, why: Unknown): void {
  for (const m of bufferedModules(ctx)) for (const b of trainingBuffers(m)) poisonTarget(ctx, b, why);
}

/** An optimizer's step that would read a gradient not known here: its parameters would change by an unknown amount. */
export function staleGradients(ctx: RunContext, fn: unknown, receiver: object | undefined): Unknown | undefined {
  if (!isOptimizer(receiver) || fn !== receiver.step) return undefined;
  for (const p of receiver.params) {
    const why = ctx.gradUnknown(p);
    if (why) return why;
  }
  return undefined;
}

/** `x.zeroGrad()`, `opt.zeroGrad()`: the gradients are known again (null). */
export function gradsAfter(ctx: RunContext, fn: unknown, receiver: object | undefined): void {
  if (receiver instanceof Tensor && fn === (Tensor.prototype as unknown as Record<string, unknown>).zeroGrad) ctx.gradSet(receiver);
  else if (isOptimizer(receiver) && fn === receiver.zeroGrad) for (const p of receiver.params) ctx.gradSet(p);
}

/** Poison the handle of an engine object and the handles it holds (an optimizer's parameters, their gradients). */
function poisonTarget(ctx: RunContext, target: object, why: Unknown): void {
  const first = existingHandle(target) ?? toFile(target, false);
  const stack: unknown[] = [first];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const h = stack.pop();
    if (!Handle.isHandle(h) || seen.has(h)) continue;
    seen.add(h);
    stack.push(...poisonHandle(ctx, h, why));
  }
}

/** The gradients behind a handle are not known from here on: a tensor's own, or an optimizer's or a module's parameters'. */
export function gradsOf(ctx: RunContext, h: Handle, why: Unknown): void {
  const target = Handle.targetOf(h);
  if (target instanceof Tensor) ctx.gradSet(target, why);
  else if (isOptimizer(target)) for (const p of target.params) ctx.gradSet(p, why);
  else if (target instanceof nn.Module) for (const p of target.parameters()) ctx.gradSet(p, why);
}

/**
 * Poison a tensor, optimizer or module handle (havoc.ts): later reads give `why`. Returns the handles it holds
 * that must be poisoned too: a tensor's gradient, an optimizer's or a module's parameters (and submodules).
 */
export function poisonHandle(ctx: RunContext, h: Handle, why: Unknown): Handle[] {
  const target = Handle.targetOf(h);
  if (h.kind === 'module') return poisonModule(ctx, h, why);
  if (h.kind !== 'tensor' && h.kind !== 'optimizer') return [];
  poison(h, why);
  ctx.poisoning = true;
  if (target instanceof Tensor) {
    ctx.poisonedTensors.add(target);
    ctx.gradSet(target, why);
    const g = target.grad;
    const gh = g ? existingHandle(g) : undefined;
    return gh ? [gh] : [];
  }
  const params = (target as Optimizer).params;
  return params.map((p) => toFile(p, false) as Handle);
}

/**
 * A write into a frozen copy of engine state (`x.shape[0] = …`, `x.dataSync()[i] = …`): the real run
 * would change the engine object, so it is refused at `node`, and that object is unknown from here on.
 */
export function refuseMirrorWrite(ctx: RunContext, mirror: object, name: string, node: ts.Node): void {
  ctx.report(node, 'error', 'unsupported', `Cannot assign to '${name}' of a value read from a gradlens object: change tensors with their in-place methods (fill_, copy_, ...)`);
  const source = mirrorSource(mirror);
  if (source !== undefined) poisonHandle(ctx, source, new Unknown(`written through a copy of its state at line ${ctx.line(node)}, which the analysis does not follow`));
}
