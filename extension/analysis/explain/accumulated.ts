/**
 * A gradient accumulated across an update (`grad-accumulated`): backward() adds into `.grad`, so a loop
 * that steps the optimizer without zeroGrad() sends each step the sum of every earlier step's gradient.
 * Reported at a backward() when a leaf it reaches was updated in place (an optimizer step, the file's
 * own `p.sub_(...)`) since an earlier pass reached it, and still held that pass's nonzero gradient.
 * Accumulating over several backward() calls before one update (gradient accumulation) is not reported.
 */
import type { RunContext } from '../context';
import type { SourceRange } from '../trace';
import { tensorData, versionOf, type TensorLike } from '../engine-bridge';
import { describeTensor, shortText } from './numbers';
import { MAX_GRAD_SEEN, addRelated } from './state';

/** At most this many leaves are named in one message. */
const MAX_NAMED = 3;

function holdsGradient(t: TensorLike): boolean {
  if (t.grad === null) return false;
  const data = tensorData(t.grad);
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) return true;
  return false;
}

/** Before a backward() of the file runs: which leaves an earlier pass reached were updated since and still hold its gradient. */
export function noteBeforePass(ctx: RunContext): void {
  const ex = ctx.explain;
  ex.staleGrad.clear();
  for (const [leaf, seen] of ex.gradSeen) {
    if (versionOf(leaf) !== seen.version && holdsGradient(leaf)) ex.staleGrad.set(leaf, seen);
  }
}

/** After a backward() at `range` reached `leaves`: warn about the stale ones (once per site), then remember this pass. */
export function noteAccumulated(ctx: RunContext, leaves: readonly TensorLike[], range: SourceRange): void {
  const ex = ctx.explain;
  const stale = leaves.filter((t) => ex.staleGrad.has(t));
  const earlier = stale.length > 0 ? ex.staleGrad.get(stale[0])?.backward : undefined;
  ex.staleGrad.clear();
  for (const t of leaves) if (ex.gradSeen.has(t) || ex.gradSeen.size < MAX_GRAD_SEEN) ex.gradSeen.set(t, { version: versionOf(t), backward: range });
  const key = `${range.line}:${range.column}`;
  if (stale.length === 0 || ex.accumulatedAt.has(key)) return;
  ex.accumulatedAt.add(key);
  report(ctx, stale, range, earlier);
}

function report(ctx: RunContext, stale: readonly TensorLike[], range: SourceRange, earlier: SourceRange | undefined): void {
  const names = stale.slice(0, MAX_NAMED).map((t) => describeTensor(ctx, t));
  const more = stale.length > MAX_NAMED ? ` and ${stale.length - MAX_NAMED} more` : '';
  const update = ctx.explain.modifiedBy.get(stale[0]);
  const updateText = update ? `\`${shortText(ctx, update)}\` at line ${ctx.range(update).line}` : 'an in-place update';
  const step = update && ctx.explain.optimizerSteps.has(update) ? /^(.*)\.step\(\)$/.exec(shortText(ctx, update)) : null;
  const fix = step ? `Call ${step[1]}.zeroGrad()` : update && ctx.explain.optimizerSteps.has(update) ? 'Call zeroGrad() on the optimizer' : `Set ${names[0]}.grad = null`;
  const d = ctx.report(range, 'warning', 'grad-accumulated',
    `backward() adds to ${names.map((n) => `${n}.grad`).join(', ')}${more}, which still ${stale.length > 1 ? 'hold' : 'holds'} the gradient of an earlier backward() from before ${updateText} updated ${names[0]}: `
    + `each update then uses the sum of every earlier gradient. ${fix} before backward()`);
  if (!d) return;
  if (earlier) addRelated(d, earlier, `this backward() left its gradient in ${names[0]}.grad`);
  if (update) addRelated(d, ctx.range(update), `updated ${names[0]} here without clearing ${names[0]}.grad`);
}
