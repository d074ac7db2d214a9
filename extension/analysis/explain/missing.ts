/**
 * Why a gradient is missing (issue 20): a `.grad` read that is null (`grad-missing`, at the read, with the
 * line that cut the path as a related location), and after the run every leaf that requires grad which
 * no backward() reached (`unused-leaf` at the leaf, or `graph-cut` at the detach/noGrad/item that cut it).
 */
import type ts from 'typescript';
import type { RunContext } from '../context';
import type { RelatedLocation, SourceRange } from '../trace';
import { isFloat, retainsGrad, type TensorLike } from '../engine-bridge';
import { reachable } from '../gradients';
import { addRelated, relatedAt, type Cut, type CutReason } from './state';
import { describeTensor, shortText } from './numbers';
import { inputTensors } from './nan';
import type { Value } from '../values';

const CUT_TEXT: Readonly<Record<CutReason, string>> = {
  detach: 'returns a tensor cut from the graph',
  noGrad: 'ran under noGrad, which records no graph',
  item: 'turns it into plain numbers, which carry no gradient',
};

/** A sentence why `t` has no gradient, and where that was decided (when a line did). */
export interface Why {
  text: string;
  at?: SourceRange;
  atText?: string;
}


function cutWhy(ctx: RunContext, cut: Cut, name: string): Why {
  const site = shortText(ctx, cut.node);
  const r = ctx.range(cut.node);
  return {
    text: `the path from ${describeTensor(ctx, cut.from)} was cut at line ${r.line}: \`${site}\` ${CUT_TEXT[cut.reason]}, so ${name} gets no gradient through it`,
    at: r,
    atText: `\`${site}\` cuts ${describeTensor(ctx, cut.from)} from the graph here`,
  };
}

/** Why a tensor that does not require grad has none: a cut, an integer dtype, or created without requiresGrad. */
export function whyNoGrad(ctx: RunContext, t: TensorLike): Why {
  const name = describeTensor(ctx, t);
  const cut = ctx.explain.cutResult.get(t);
  if (cut) return cutWhy(ctx, cut, name);
  const made = ctx.registry.originOf(t);
  const at = made ? ctx.range(made.node) : undefined;
  if (!isFloat(t)) return { text: `${name} is ${/^int/.test(t.dtype) ? 'an' : 'a'} ${t.dtype} tensor: only floating-point tensors can require gradients`, at, atText: `${name} is made here` };
  if (t.isLeaf) {
    return { text: `${name} was created without requiresGrad: true`, at, atText: `${name} is created here; pass { requiresGrad: true } to track its gradient` };
  }
  return { text: `none of the tensors ${name} was computed from requires grad`, at, atText: `${name} is computed here` };
}

/** The first cut whose input is `leaf` or depends on it. */
function cutOf(ctx: RunContext, leaf: TensorLike): Cut | undefined {
  const ex = ctx.explain;
  for (const cut of ex.cuts.values()) {
    if (cut.from === leaf) return cut;
    if (cut.from.isLeaf) continue;
    let behind = ex.leavesBehind.get(cut);
    if (!behind) ex.leavesBehind.set(cut, (behind = reachable(cut.from).leaves));
    if (behind.has(leaf)) return cut;
  }
  return undefined;
}

/**
 * An op's result that requires no gradient and was computed from a cut's result (or from such a
 * result) carries that cut: the graph draws the cut edge into the op that finally used it.
 */
export function carryCut(ctx: RunContext, t: TensorLike, receiver: Value, args: readonly Value[]): void {
  const ex = ctx.explain;
  // most runs cut nothing: no list of inputs is made per op for them
  if (t.requiresGrad || ex.cuts.size === 0) return;
  for (const x of inputTensors(receiver, args)) {
    const cut = ex.cutResult.get(x) ?? ex.cutCarried.get(x);
    if (cut && x !== t) {
      if (!ex.cutResult.has(t)) ex.cutCarried.set(t, cut);
      return;
    }
  }
}

/** A read of `t.grad` that gave null: say why, at the read. */
export function explainGradRead(ctx: RunContext, t: TensorLike, node: ts.Node): void {
  const ex = ctx.explain;
  const name = describeTensor(ctx, t);
  const made = ctx.registry.originOf(t);
  if (!t.requiresGrad) {
    const why = whyNoGrad(ctx, t);
    ctx.report(node, 'info', 'grad-missing', `${name}.grad is null: ${why.text}`, why.at && why.atText ? [relatedAt(why.at, why.atText)] : undefined);
    return;
  }
  if (!t.isLeaf) {
    if (retainsGrad(t) && ex.backwards > 0) return;
    // PyTorch's UserWarning for this read, with the line to add retainGrad() at
    const fix = made ? [relatedAt(ctx.range(made.node), `add ${name}.retainGrad() after this line to keep its gradient`)] : undefined;
    ctx.report(node, 'warning', 'grad-missing',
      `${name}.grad is null: the .grad attribute of a Tensor that is not a leaf Tensor is being accessed; it is not populated during backward(). Call ${name}.retainGrad() before backward() to keep it`, fix);
    return;
  }
  if (ex.backwards === 0) {
    const failed = ex.failedAt;
    if (failed) ctx.report(node, 'info', 'grad-missing', `${name}.grad is null: the backward() at line ${failed.line} failed before any gradient reached it`, [relatedAt(failed, 'this backward() failed')]);
    else ctx.report(node, 'info', 'grad-missing', `${name}.grad is null: no backward() has run before this line`);
    return;
  }
  if (ex.reached.has(t)) {
    ctx.report(node, 'info', 'grad-missing', `${name}.grad is null: it was reset (zeroGrad or grad = null) after the last backward() that reached it`);
    return;
  }
  const cut = cutOf(ctx, t);
  const back = ex.lastBackward;
  const related: RelatedLocation[] = [];
  let text: string;
  if (cut) {
    const why = cutWhy(ctx, cut, name);
    text = why.text;
    if (why.at && why.atText) related.push(relatedAt(why.at, why.atText));
  } else text = 'no backward() reached it: what was differentiated does not depend on it';
  if (back) related.push(relatedAt(back, 'this backward() did not reach it'));
  ctx.report(node, 'info', 'grad-missing', `${name}.grad is null: ${text}`, related);
}

/**
 * After the run: each bound leaf that requires grad, that no backward() reached and whose .grad is null.
 * Only for files that ran backward() (autograd.grad leaves .grad alone, so a file using it is left out).
 */
export function reportUnusedLeaves(ctx: RunContext): void {
  const ex = ctx.explain;
  if (ex.backwards === 0 || ctx.backward.lastGradOutputs.length > 0 || ctx.lastUnseenBackward) return;
  const seen = new Set<TensorLike>();
  const back = ex.lastBackward;
  for (const r of ctx.recorder.all()) {
    const t = r.tensor;
    if (!t || seen.has(t) || !t.isLeaf || !t.requiresGrad || t.grad !== null || ex.reached.has(t) || ctx.gradUnknown(t)) continue;
    seen.add(t);
    const cut = cutOf(ctx, t);
    // a tensor cut by detach or noGrad is likely what the file meant to differentiate; a number from item()
    // is more often printed than used, so it is only named beside the leaf as a possible reason
    if (cut && cut.reason !== 'item') {
      const site = `\`${shortText(ctx, cut.node)}\` (line ${ctx.range(cut.node).line})`;
      ex.outside.push({ tensor: t, name: r.name, range: r.range, status: 'cut', cut, why: `${site} ${CUT_TEXT[cut.reason]}`, edge: `cut by ${site}` });
      const d = ctx.report(cut.node, 'warning', 'graph-cut',
        `\`${shortText(ctx, cut.node)}\` ${CUT_TEXT[cut.reason]}: nothing differentiated reaches ${r.name} through it, and ${r.name}.grad stays null`);
      if (d) {
        addRelated(d, r.range, `${r.name} requires grad here`);
        if (back) addRelated(d, back, 'this backward() did not reach it');
      }
      continue;
    }
    ex.outside.push({ tensor: t, name: r.name, range: r.range, status: 'unused', why: `no backward() reaches ${r.name}` });
    const d = ctx.report(r.range, 'warning', 'unused-leaf', `${r.name} requires grad but no backward() reaches it: ${r.name}.grad stays null (an unused parameter?)`);
    if (d && back) addRelated(d, back, `this backward() does not depend on ${r.name}`);
    if (d && cut) {
      addRelated(d, ctx.range(cut.node), `\`${shortText(ctx, cut.node)}\` turns a tensor that depends on ${r.name} into plain numbers, which carry no gradient (if they feed the loss, ${r.name} gets none through them)`);
    }
  }
}
