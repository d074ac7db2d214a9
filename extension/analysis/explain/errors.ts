/**
 * Engine errors of a backward() with both ends (issue 20): the in-place version error gains the line that
 * modified the tensor and the op that saved it; "backward through the graph a second time" names the
 * backward() that freed the graph; "does not require grad" names where the graph was lost.
 */
import type { RunContext } from '../context';
import type { RelatedLocation } from '../trace';
import { isSavedResult, isTensor, modifiedSaved, type GradNodeLike, type TensorLike } from '../engine-bridge';
import type { ErrorExplanation } from '../membrane';
import { reachable } from '../gradients';
import { describeTensor, shortText } from './numbers';
import { whyNoGrad } from './missing';
import { relatedAt } from './state';


/** Explains an engine error of a differentiation from `roots`, when it is one of the three. */
export function explainBackwardError(ctx: RunContext, roots: readonly TensorLike[], e: unknown): ErrorExplanation | undefined {
  const message = e instanceof Error ? e.message : '';
  if (/modified by an inplace operation/.test(message)) return inplace(ctx, roots);
  if (/backward through the graph a second time/.test(message)) return twice(ctx, roots);
  if (/does not require grad and does not have a grad_fn/.test(message)) return lost(ctx, roots);
  return undefined;
}

/**
 * Explains an engine error of any other call, when it is one whose cause is on another line: an in-place
 * op on a leaf that requires grad (where it was made, and the noGrad fix), an optimizer given a non-leaf.
 */
export function explainCallError(ctx: RunContext, receiver: unknown, args: readonly unknown[], e: unknown): ErrorExplanation | undefined {
  const message = e instanceof Error ? e.message : '';
  if (/a leaf Variable that requires grad is being used in an in-place operation/.test(message) && isTensor(receiver)) return leafInplace(ctx, receiver);
  if (/can't optimize a non-leaf Tensor/.test(message) && Array.isArray(args[0])) return nonLeafParam(ctx, args[0]);
  return undefined;
}

function leafInplace(ctx: RunContext, leaf: TensorLike): ErrorExplanation {
  const name = describeTensor(ctx, leaf);
  const made = ctx.registry.originOf(leaf);
  const where = made ? ` (line ${ctx.range(made.node).line})` : '';
  return {
    code: 'engine',
    suffix: ` ${name} is a leaf that requires grad${where}: update it inside noGrad(() => ...), as an optimizer's step() does.`,
    related: made ? [relatedAt(ctx.range(made.node), `${name} is created here with requiresGrad: true`)] : [],
  };
}

function nonLeafParam(ctx: RunContext, params: readonly unknown[]): ErrorExplanation | undefined {
  const t = params.find((p): p is TensorLike => isTensor(p) && !p.isLeaf);
  const made = t && ctx.registry.originOf(t);
  if (!t || !made) return undefined;
  const name = describeTensor(ctx, t);
  const op = shortText(ctx, made.node);
  return {
    code: 'engine',
    suffix: ` ${name} is computed by \`${op}\` at line ${ctx.range(made.node).line}: pass the leaf tensors it is computed from (the ones created with requiresGrad: true).`,
    related: [relatedAt(ctx.range(made.node), `${name} is computed here, so it is not a leaf`)],
  };
}

function graphFns(roots: readonly TensorLike[]): GradNodeLike[] {
  const out: GradNodeLike[] = [];
  for (const r of roots) for (const fn of reachable(r).fns) out.push(fn);
  return out;
}

function inplace(ctx: RunContext, roots: readonly TensorLike[]): ErrorExplanation | undefined {
  ctx.explain.backwardFailed = true;
  for (const fn of graphFns(roots)) {
    const saved = modifiedSaved(fn);
    if (!saved) continue;
    const out = ctx.registry.outputOf(fn);
    // a saved result is fn's output (an in-place op's saves a stand-in for the tensor it changed)
    const t = out && isSavedResult(fn, saved) ? out : saved;
    const name = describeTensor(ctx, t);
    const related: RelatedLocation[] = [];
    const by = ctx.explain.modifiedBy.get(t);
    const saver = ctx.registry.makerOf(fn);
    if (by) related.push(relatedAt(ctx.range(by), `\`${shortText(ctx, by)}\` modified ${name} in place here`));
    if (saver) related.push(relatedAt(ctx.range(saver), `\`${shortText(ctx, saver)}\` saved ${name} for its backward (${fn.name}) here`));
    const where = by ? ` \`${shortText(ctx, by)}\` at line ${ctx.range(by).line} changed ${name}` : ` ${name} was changed in place`;
    const when = saver ? ` after \`${shortText(ctx, saver)}\` at line ${ctx.range(saver).line} saved it` : ' after an op saved it';
    return { code: 'inplace-modified', suffix: `${where}${when}; use the out-of-place op or a clone() there.`, related };
  }
  return { code: 'inplace-modified', suffix: '', related: [] };
}

function twice(ctx: RunContext, roots: readonly TensorLike[]): ErrorExplanation {
  ctx.explain.backwardFailed = true;
  for (const fn of graphFns(roots)) {
    const first = ctx.explain.freedBy.get(fn);
    if (!first) continue;
    return {
      code: 'backward-twice',
      suffix: ` The first backward() at line ${first.line} freed this graph: pass { retainGraph: true } to it.`,
      related: [relatedAt(first, 'this backward() freed the graph; pass { retainGraph: true } to keep it')],
    };
  }
  return { code: 'backward-twice', suffix: '', related: [] };
}

function lost(ctx: RunContext, roots: readonly TensorLike[]): ErrorExplanation | undefined {
  ctx.explain.backwardFailed = true;
  const root = roots.find((r) => isTensor(r) && !r.requiresGrad);
  if (!root) return undefined;
  const why = whyNoGrad(ctx, root);
  return { code: 'graph-cut', suffix: ` (${why.text})`, related: why.at && why.atText ? [relatedAt(why.at, why.atText)] : [] };
}
