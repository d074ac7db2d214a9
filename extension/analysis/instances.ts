/**
 * A site that made several parameters (a hand-written layer's `this.weight = …`, run once per
 * instance) shows each, named by its module path, rather than only the last instance's.
 */
import type { RunContext } from './context';
import type { BindingRecord } from './binding-record';
import type { BindingInstance } from './trace';
import type { GradResult } from './gradients';
import { parameterPaths } from './module-paths';
import { isModule } from './nn-module';
import { Snap } from './snapshot';
import { Unknown, reveal } from './values';
import { existingHandle } from './membrane/handle';

/** `Binding.instances` for each record: present when its site made two or more named parameters. */
export function instancesOf(ctx: RunContext, res: GradResult): (r: BindingRecord) => BindingInstance[] | undefined {
  const candidates = ctx.recorder.all().some((r) => r.leaves.length > 1);
  if (!candidates) return () => undefined;
  const paths: ReadonlyMap<unknown, string> = parameterPaths(ctx.recorder, isModule);
  return (r) => {
    const named = r.leaves.filter((l) => paths.has(l.tensor));
    if (named.length < 2) return undefined;
    return named.map(({ tensor, value }) => {
      const out: BindingInstance = { name: paths.get(tensor)!, value: value.toTrace(ctx.snapshots), grad: null };
      const now = reveal(existingHandle(tensor));
      if (now instanceof Unknown) out.finalUnknown = now.reason;
      else if (!value.matchesTensor(tensor)) out.finalValue = Snap.ofTensor(tensor, ctx.options.dataCap).toTrace(ctx.snapshots);
      const g = res.leafGrad(tensor);
      if (g instanceof Snap) out.grad = g.toTrace(ctx.snapshots);
      else if (g instanceof Unknown) out.gradUnknown = g.reason;
      return out;
    });
  };
}
