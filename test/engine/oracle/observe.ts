/**
 * What the runner records about a program value when its step runs (as generate/oracle.py does):
 * its values, grad_fn name, next_functions pairs and requires_grad. Recording at step time keeps
 * a later in-place op (index_put_, mul_) from changing what an earlier step is expected to have made.
 */
import { Tensor } from '../../../engine/index';
import type { NextPair } from './format';

export type Env = Map<string, Tensor | null>;

export interface Observation {
  readonly shape: readonly number[];
  readonly dtype: string;
  /** A copy of the values when the step ran. */
  readonly data: readonly number[];
  readonly gradFn: string | null;
  readonly next: NextPair[];
  readonly requiresGrad: boolean;
}

/** The engine's grad function objects as the runner sees them (AccumulateGrad carries its leaf). */
interface GradFnLike {
  readonly name: string;
  readonly nextFunctions: ReadonlyArray<readonly [GradFnLike | null, number]>;
}

/** The program name a next_functions entry points to: the leaf of an AccumulateGrad, or the first value whose grad_fn it is. */
function refOf(fn: GradFnLike | null, env: Env): string | null {
  if (fn === null) return null;
  const leaf = (fn as { variable?: unknown }).variable;
  for (const [name, t] of env) {
    if (!(t instanceof Tensor)) continue;
    if (fn.name === 'AccumulateGrad' ? t === leaf : t.gradFn === fn) return name;
  }
  return null;
}

export function observe(t: Tensor, env: Env): Observation {
  const fn = t.gradFn as GradFnLike | null;
  return {
    shape: t.shape.slice(),
    dtype: t.dtype,
    data: Array.from(t.dataSync()),
    gradFn: fn === null ? null : fn.name,
    next: fn === null ? [] : fn.nextFunctions.map(([f]): NextPair => [f?.name ?? null, refOf(f, env)]),
    requiresGrad: t.requiresGrad,
  };
}
