/**
 * Which gradient each binding shows (docs/extension.md, "Which gradient is shown": no gradient the file did not ask for).
 * - The implicit target, when the file calls `backward()`: the root of the last call. A leaf shows its
 *   `.grad` at the end of the file; a non-leaf shows what that call sent into it (read from the engine's
 *   step hook, no retainGrad).
 * - Else, when the file calls `autograd.grad(outputs, …)`: the outputs of the last call (implicit too).
 * - A file that does neither shows no gradient at all, unless the user picked a target.
 * - A user-picked target, or the autograd.grad one: a separate pass after the run computes
 *   d(target)/d(each binding's last snapshot) with autograd.grad, summing a non-scalar target.
 */
import type { RunContext } from './context';
import type { BindingRecord } from './binding-record';
import { StepCollector, type BackwardPass } from './backward';
import { autogradGrad, isTensor, nodeInputs, onesLikeNoGrad, sumForGrad, type GradNodeLike, type TensorLike } from './engine-bridge';
import { Unknown, reveal } from './values';
import { existingHandle } from './membrane/handle';
import { Snap } from './snapshot';

/** 'backward' and 'grad' are implicit (the file's own last backward() / autograd.grad); 'user' was picked. */
export type TargetKind = 'backward' | 'grad' | 'user';

export interface TargetChoice {
  kind: TargetKind;
  tensor: TensorLike;
  record: BindingRecord | undefined;
}

/** The gradient a binding shows: a snapshot, none, or not known here (with the reason). */
export type ShownGrad = Snap | null | Unknown;

export interface GradResult {
  target: TargetChoice | undefined;
  /** The backward pass the trace shows (the user's last one, or the analyzer's own for a picked target). */
  pass: BackwardPass | undefined;
  grads: Map<BindingRecord, ShownGrad>;
  /** The gradient of a leaf a site made among several (`Binding.instances`), chosen as `grads` are. */
  leafGrad(t: TensorLike): ShownGrad;
}

const NO_LEAF_GRAD = (): ShownGrad => null;

/** Grad functions reachable from `root` (bounded by the graph's size), and the leaves they accumulate into. */
export function reachable(root: TensorLike): { fns: Set<GradNodeLike>; leaves: Set<TensorLike> } {
  const fns = new Set<GradNodeLike>();
  const leaves = new Set<TensorLike>();
  const stack: GradNodeLike[] = root.gradFn ? [root.gradFn] : [];
  while (stack.length > 0) {
    const fn = stack.pop();
    if (!fn || fns.has(fn)) continue;
    fns.add(fn);
    if (fn.variable) leaves.add(fn.variable);
    const nexts = fn.nextFunctions;
    for (let k = 0; k < nexts.length; k++) {
      const next = nexts[k][0];
      if (next && !fns.has(next)) stack.push(next);
    }
  }
  return { fns, leaves };
}

/**
 * Why a backward from `roots` cannot be known: its graph holds a tensor that code the analysis skipped
 * may have changed in place (the real backward would use other values, or fail its version check).
 */
export function touchesPoison(ctx: RunContext, roots: readonly TensorLike[]): Unknown | undefined {
  if (ctx.poisonedTensors.size === 0) return undefined;
  for (const root of roots) {
    if (ctx.poisonedTensors.has(root)) return poisonReason(root);
    const { fns, leaves } = reachable(root);
    for (const leaf of leaves) if (ctx.poisonedTensors.has(leaf)) return poisonReason(leaf);
    for (const fn of fns) for (const t of nodeInputs(fn)) if (ctx.poisonedTensors.has(t)) return poisonReason(t);
  }
  return undefined;
}

function poisonReason(t: TensorLike): Unknown {
  const h = reveal(existingHandle(t));
  return h instanceof Unknown ? h : new Unknown('a tensor that skipped code may have changed');
}

function lastRecordOf(records: readonly BindingRecord[], t: TensorLike): BindingRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) if (records[i].tensor === t) return records[i];
  return undefined;
}

/**
 * The implicit target: the root of the file's last backward(), else the output of its last autograd.grad
 * (the first of several), else none: before the file differentiates anything it shows no gradient.
 */
export function defaultTarget(ctx: RunContext): TargetChoice | undefined {
  const records = ctx.recorder.all();
  const last = ctx.backward.last;
  if (last) return { kind: 'backward', tensor: last.root, record: lastRecordOf(records, last.root) };
  const [out] = ctx.backward.lastGradOutputs;
  return out ? { kind: 'grad', tensor: out, record: lastRecordOf(records, out) } : undefined;
}

/**
 * The tensor the graph is drawn from when there is no target (no gradients then): the last scalar bound,
 * preferring one that requires grad, else the last tensor bound that requires grad.
 */
export function forwardRoot(ctx: RunContext): TensorLike | undefined {
  const records = ctx.recorder.all();
  let scalar: TensorLike | undefined;
  let any: TensorLike | undefined;
  for (let i = records.length - 1; i >= 0; i--) {
    const t = records[i].tensor;
    if (!t) continue;
    if (t.shape.length === 0 && t.requiresGrad) return t;
    if (t.shape.length === 0) scalar ??= t;
    else if (t.requiresGrad) any ??= t;
  }
  return scalar ?? any;
}

export function computeGradients(ctx: RunContext, target: TargetChoice | undefined): GradResult {
  const grads = new Map<BindingRecord, ShownGrad>();
  if (!target) return { target, pass: undefined, grads, leafGrad: NO_LEAF_GRAD };
  if (target.kind === 'backward' && ctx.backward.last) {
    const pass = ctx.backward.last;
    // A backward the analysis did not see ran after the last one it saw: that one is what the file shows.
    const later = ctx.gradsUnknownAt > (pass.at ?? -1) ? ctx.lastUnseenBackward : undefined;
    for (const r of ctx.recorder.all()) grads.set(r, later && r.tensor?.requiresGrad ? later : shownAfterBackward(ctx, r, pass));
    return { target, pass, grads, leafGrad: (t) => later ?? leafGradAtEnd(ctx, t) };
  }
  const poisoned = touchesPoison(ctx, [target.tensor]);
  if (poisoned) {
    for (const r of ctx.recorder.all()) grads.set(r, r.tensor?.requiresGrad ? poisoned : null);
    return { target, pass: undefined, grads, leafGrad: () => poisoned };
  }
  return separatePass(ctx, target, grads);
}

function shownAfterBackward(ctx: RunContext, r: BindingRecord, pass: BackwardPass): ShownGrad {
  const t = r.tensor;
  if (!t || !t.requiresGrad) return null;
  if (t.isLeaf) return leafGradAtEnd(ctx, t);
  return r.gradNode ? pass.gradInto.get(r.gradNode) ?? null : null;
}

/** A leaf's `.grad` at the end of the file, or why it is not known. */
function leafGradAtEnd(ctx: RunContext, t: TensorLike): ShownGrad {
  return ctx.gradUnknown(t) ?? (t.grad ? Snap.ofTensor(t.grad, ctx.options.dataCap) : null);
}

function separatePass(ctx: RunContext, target: TargetChoice, grads: Map<BindingRecord, ShownGrad>): GradResult {
  const root = target.tensor;
  const { fns, leaves } = reachable(root);
  const inputs: TensorLike[] = [];
  const owners: BindingRecord[][] = [];
  for (const r of ctx.recorder.all()) {
    grads.set(r, null);
    const t = r.tensor;
    if (!t || !t.requiresGrad) continue;
    if (t === root) {
      grads.set(r, Snap.ofTensor(onesLikeNoGrad(root), ctx.options.dataCap));
      continue;
    }
    const onPath = t.isLeaf ? leaves.has(t) : r.gradNode !== null && fns.has(r.gradNode) && t.gradFn === r.gradNode;
    if (!onPath) continue;
    const k = inputs.indexOf(t);
    if (k >= 0) owners[k].push(r);
    else {
      inputs.push(t);
      owners.push([r]);
    }
  }
  // the other parameters of sites that made several (one per layer instance): d(target)/d(each) too
  const extra = new Map<TensorLike, ShownGrad>();
  for (const r of ctx.recorder.all()) {
    if (r.leaves.length < 2) continue;
    for (const { tensor } of r.leaves) {
      extra.set(tensor, null);
      if (leaves.has(tensor) && !inputs.includes(tensor)) {
        inputs.push(tensor);
        owners.push([]);
      }
    }
  }
  const leafGrad = (t: TensorLike): ShownGrad => extra.get(t) ?? null;
  if (!root.requiresGrad) return { target, pass: undefined, grads, leafGrad };
  const collector = new StepCollector(ctx.options.dataCap);
  try {
    const out = sumForGrad(root);
    const gs = autogradGrad(out, inputs, collector.onStep);
    gs.forEach((g, i) => {
      const snap = isTensor(g) ? Snap.ofTensor(g, ctx.options.dataCap) : null;
      for (const r of owners[i]) grads.set(r, snap);
      if (extra.has(inputs[i])) extra.set(inputs[i], snap);
    });
  } catch (e) {
    // the file's own backward() already failed on this graph, with its explanation: not told twice
    const where = target.record?.range ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (!ctx.explain.backwardFailed) ctx.report(where, 'warning', 'target', `Could not differentiate the target: ${e instanceof Error ? e.message : String(e)}`);
  }
  const pass: BackwardPass = { root, range: target.record?.range, steps: collector.steps, gradInto: collector.gradInto, leafValues: collector.leafValues };
  return { target, pass, grads, leafGrad };
}
