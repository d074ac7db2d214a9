/**
 * What the debugger notes about each engine call of the file: where a tensor that requires grad left
 * the graph (detach, item/tolist, an op under noGrad), the last in-place op on each tensor, and each
 * finished backward pass (leaves reached, grad functions freed, non-finite gradients).
 */
import type ts from 'typescript';
import type { RunContext } from '../context';
import type { SourceRange } from '../trace';
import { LEAVES_GRAPH, gradModeOn, isFloat, isTensor, optimizerParams, type TensorLike } from '../engine-bridge';
import type { BackwardPass } from '../backward';
import type { Value } from '../values';
import { noteBackwardSteps } from './nan';
import { noteAccumulated } from './accumulated';

function inputs(receiver: unknown, args: readonly unknown[]): TensorLike[] {
  const out: TensorLike[] = [];
  if (isTensor(receiver)) out.push(receiver);
  for (const a of args) if (isTensor(a)) out.push(a);
  return out;
}

/** After an engine call returned `result`. */
export function noteCall(ctx: RunContext, node: ts.Node, fn: unknown, receiver: unknown, args: readonly unknown[], result: unknown): void {
  const ex = ctx.explain;
  if (isTensor(receiver) && typeof fn === 'function' && /[a-z0-9]_$/i.test(fn.name) && fn.name !== 'requiresGrad_') ex.modifiedBy.set(receiver, node);
  if (isTensor(receiver) && typeof fn === 'function' && fn.name === 'requiresGrad_') noteRequiresGrad(ctx, receiver, node);
  // an optimizer's step() writes each parameter in place, as the file's own `p.sub_(...)` would
  const params = typeof fn === 'function' && fn.name === 'step' ? optimizerParams(receiver) : undefined;
  if (params) ex.optimizerSteps.add(node);
  for (const p of params ?? []) ex.modifiedBy.set(p, node);
  const leaves = LEAVES_GRAPH.get(fn);
  if (leaves && isTensor(receiver) && receiver.requiresGrad) {
    ex.noteCut({ node, reason: leaves, from: receiver }, isTensor(result) ? result : undefined);
    return;
  }
  if (gradModeOn() || !isTensor(result) || result.requiresGrad || !isFloat(result)) return;
  const from = inputs(receiver, args).find((t) => t.requiresGrad);
  if (from) ex.noteCut({ node, reason: 'noGrad', from }, result);
}

/** The file set `t`'s requiresGrad (a call or a write): a leaf it turned off is remembered, for a null `.grad` read. */
export function noteRequiresGrad(ctx: RunContext, t: TensorLike, node: ts.Node): void {
  if (t.isLeaf && !t.requiresGrad) ctx.explain.frozenAt.set(t, node);
  else ctx.explain.frozenAt.delete(t);
}

/**
 * A backward() of the file finished (`retained`: it kept its graph). Its leaves were reached; without
 * retainGraph it freed every grad function it ran (a second pass through them fails).
 */
export function notePass(ctx: RunContext, pass: BackwardPass, range: SourceRange, retained: boolean): void {
  const ex = ctx.explain;
  ex.backwards++;
  ex.lastBackward = range;
  const leaves: TensorLike[] = [];
  for (const step of pass.steps) {
    if (step.node.variable) {
      ex.reached.add(step.node.variable);
      leaves.push(step.node.variable);
    }
    if (!retained && !ex.freedBy.has(step.node)) ex.freedBy.set(step.node, range);
  }
  noteBackwardSteps(ctx, pass.steps);
  noteAccumulated(ctx, leaves, range);
}

/** The user's `retainGraph` option as the engine received it. */
export function retainedGraph(args: readonly Value[] | readonly unknown[]): boolean {
  const o = args[1];
  return typeof o === 'object' && o !== null && (o as { retainGraph?: unknown }).retainGraph === true;
}
