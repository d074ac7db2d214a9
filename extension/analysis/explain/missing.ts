/**
 * Why a gradient is missing (issue 20): a `.grad` read that is null (`grad-missing`, at the read, with the
 * line that cut the path as a related location), and after the run every leaf that requires grad which
 * no backward() reached (`unused-leaf` at the leaf, or `graph-cut` at the detach/noGrad/item that cut it).
 */
import ts from 'typescript';
import type { RunContext } from '../context';
import type { RelatedLocation, SourceRange } from '../trace';
import { isFloat, isTensor, retainsGrad, type TensorLike } from '../engine-bridge';
import { reachable } from '../gradients';
import { addRelated, relatedAt, type Cut, type CutReason } from './state';
import { describeTensor, nameOf, shortText } from './numbers';
import { inputTensors } from './nan';
import type { Value } from '../values';

const CUT_TEXT: Readonly<Record<CutReason, string>> = {
  detach: 'returns a tensor cut from the graph',
  noGrad: 'ran under noGrad, which records no graph',
  item: 'turns it into plain numbers, which carry no gradient',
};

/** PyTorch 1.13's UserWarning for a non-leaf's `.grad` (without its pull-request link). */
export const NON_LEAF_WARNING = "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead.";

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

/** Ops followed back from a tensor without gradient to where it began. */
const MAX_PLAIN_STEPS = 64;

/**
 * Why a tensor that does not require grad has none. Its ops are followed back (`plainFrom`) to a cut
 * (detach, noGrad, item), or to the tensor the chain began with: an integer, one made from numbers an
 * `item()`/`tolist()` in the same expression took out of a tensor, or one created without requiresGrad.
 */
export function whyNoGrad(ctx: RunContext, t: TensorLike, name = describeTensor(ctx, t)): Why {
  const ex = ctx.explain;
  let src = t;
  for (let i = 0; i < MAX_PLAIN_STEPS; i++) {
    const cut = ex.cutResult.get(src) ?? ex.cutCarried.get(src);
    if (cut) return cutWhy(ctx, cut, name);
    const next = ex.plainFrom.get(src);
    if (!next) break;
    src = next;
  }
  const srcName = src === t ? name : describeTensor(ctx, src);
  const from = src === t ? '' : `${name} is computed from ${srcName}, and `;
  const made = ctx.registry.originOf(src);
  const at = made ? ctx.range(made.node) : undefined;
  if (!isFloat(src)) return { text: `${from}${srcName} is ${/^int/.test(src.dtype) ? 'an' : 'a'} ${src.dtype} tensor: only floating-point tensors can require gradients`, at, atText: `${srcName} is made here` };
  const numbers = made && numbersCut(ctx, made.node);
  if (numbers && at) {
    const site = shortText(ctx, numbers.node);
    return {
      text: `${from}${srcName} was made at line ${at.line} from \`${site}\`, plain numbers that carry no gradient: it does not depend on ${describeTensor(ctx, numbers.from)} in the graph`,
      at, atText: `${srcName} is made from plain numbers here; compute it with tensor ops on ${describeTensor(ctx, numbers.from)} instead`,
    };
  }
  const frozen = src.isLeaf ? ex.frozenAt.get(src) : undefined;
  if (frozen) {
    const r = ctx.range(frozen);
    return { text: `${from}${srcName} was set not to require grad at line ${r.line} (\`${shortText(ctx, frozen)}\`)`, at: r, atText: `${srcName} stops requiring grad here` };
  }
  if (src.isLeaf) {
    return { text: `${from}${srcName} was created without requiresGrad: true`, at, atText: `${srcName} is created here; pass { requiresGrad: true } to track its gradient` };
  }
  return { text: `none of the tensors ${name} was computed from requires grad`, at, atText: `${name} is computed here` };
}

/** An item()/tolist() inside the expression that created a tensor (`tensor(h.tolist())`): where its numbers came from. */
function numbersCut(ctx: RunContext, node: ts.Node): Cut | undefined {
  for (const cut of ctx.explain.cuts.values()) {
    if (cut.reason === 'item' && cut.node.pos >= node.pos && cut.node.end <= node.end && cut.node.getSourceFile() === node.getSourceFile()) return cut;
  }
  return undefined;
}

/** A floating result an op computed without gradient remembers its first floating input (not an in-place op's own receiver). */
export function notePlain(ctx: RunContext, t: TensorLike, receiver: Value, args: readonly Value[]): void {
  if (t.requiresGrad || !isFloat(t)) return;
  const first = isTensor(receiver) && receiver !== t && isFloat(receiver) ? receiver : args.find((a): a is TensorLike => isTensor(a) && a !== t && isFloat(a));
  if (first) ctx.explain.plainFrom.set(t, first);
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

/**
 * The file's name for `t`; for a tensor it never bound (a layer's parameter), the expression the read
 * reached it through (`first.weight` of `first.weight.grad`) rather than the call that made it.
 */
function readName(ctx: RunContext, t: TensorLike, node: ts.Node): string {
  const named = nameOf(ctx, t);
  if (named) return named;
  let from: ts.Expression | undefined = ts.isPropertyAccessExpression(node) ? node.expression : undefined;
  while (from && ts.isNonNullExpression(from)) from = from.expression;
  return from ? `\`${shortText(ctx, from)}\`` : describeTensor(ctx, t);
}

/** A read of `t.grad` that gave null: say why, at the read. */
export function explainGradRead(ctx: RunContext, t: TensorLike, node: ts.Node): void {
  const ex = ctx.explain;
  const name = readName(ctx, t, node);
  const made = ctx.registry.originOf(t);
  if (!t.requiresGrad) {
    const why = whyNoGrad(ctx, t, name);
    ctx.report(node, 'info', 'grad-missing', `${name}.grad is null: ${why.text}`, why.at && why.atText ? [relatedAt(why.at, why.atText)] : undefined);
    return;
  }
  if (!t.isLeaf) {
    if (retainsGrad(t) && ex.backwards > 0) return;
    // PyTorch's UserWarning for this read, with the line to add retainGrad() at
    const fix = made ? [relatedAt(ctx.range(made.node), `add ${name}.retainGrad() after this line to keep its gradient`)] : undefined;
    ctx.report(node, 'warning', 'grad-missing', `${name}.grad is null: ${NON_LEAF_WARNING} Call ${name}.retainGrad() before backward() to keep it.`, fix);
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
