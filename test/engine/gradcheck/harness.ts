/**
 * Finite-difference gradient checks in float64, on the engine's gradcheck core (jacobianMismatch in
 * engine/gradcheck.ts) at this suite's tighter tolerances.
 * First order: for y = fn(x) and a fixed random cotangent w, the gradient of s(x) = Σ w·fn(x) (the
 * vector-Jacobian product wᵀ ∂y/∂x) must match central differences of s with step 1e-6.
 * Second order: the gradient of h(x) = Σ v · ∂s/∂x (built with createGraph) must match central
 * differences of h.
 */
import { Tensor, autograd, fromFlat, jacobianMismatch } from '../../../engine/index';
import type { GradFn } from '../../../engine/index';

export interface GradSample {
  /** Fresh float64 leaves; those with requiresGrad are differentiated. */
  inputs: () => Tensor[];
  /** The computation; it must record the op the sample is filed under. */
  fn: (xs: readonly Tensor[]) => Tensor;
}

export const EPS = 1e-6;
export const RTOL = 1e-6;
export const ATOL = 1e-8;

/** Deterministic values in [lo, hi), at least `gap` away from each point in `avoid` (kinks). */
export function values(n: number, seed: number, lo = -2, hi = 2, avoid: readonly number[] = [], gap = 0.1): number[] {
  const out: number[] = [];
  let s = seed >>> 0;
  while (out.length < n) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const v = lo + (s / 2 ** 32) * (hi - lo);
    if (avoid.every((a) => Math.abs(v - a) >= gap)) out.push(v);
  }
  return out;
}

/** A float64 leaf of the given shape with deterministic values. */
export function leaf(shape: readonly number[], seed: number, opts: { lo?: number; hi?: number; avoid?: readonly number[]; grad?: boolean } = {}): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return fromFlat(values(n, seed, opts.lo, opts.hi, opts.avoid), shape, { dtype: 'float64', requiresGrad: opts.grad ?? true });
}

/** Every grad function reachable from t (iterative walk: graphs may be deep). */
export function reachable(t: Tensor): GradFn[] {
  const seen = new Set<GradFn>();
  const stack: GradFn[] = t.gradFn === null ? [] : [t.gradFn];
  while (stack.length > 0) {
    const fn = stack.pop()!;
    if (seen.has(fn)) continue;
    seen.add(fn);
    for (const [next] of fn.nextFunctions) if (next !== null) stack.push(next);
  }
  return [...seen];
}

/** Does the graph of t contain a node recorded by this op definition? */
export function recordsOp(t: Tensor, op: unknown): boolean {
  return reachable(t).some((fn) => (fn as { op?: unknown }).op === op);
}

export interface Discrepancy {
  input: number;
  element: number;
  analytic: number;
  numeric: number;
}

/** The engine's Jacobian check (engine/gradcheck.ts) at this suite's tolerances, as a Discrepancy. */
function check(fn: (...xs: Tensor[]) => Tensor, xs: readonly Tensor[]): Discrepancy | null {
  const m = jacobianMismatch(fn, [...xs], { eps: EPS, atol: ATOL, rtol: RTOL });
  return m === null ? null : { input: m.input, element: m.inputElement, analytic: m.analytical, numeric: m.numerical };
}

/** First-order check of s(x) = Σ w·fn(x) (one scalar output); returns the first element that disagrees, or null. */
export function checkFirstOrder(sample: GradSample): Discrepancy | null {
  const xs = sample.inputs();
  const y = sample.fn(xs);
  const wt = fromFlat(values(y.numel(), 7919, -1, 1), y.shape, { dtype: y.dtype });
  // evaluated with grad mode on: some samples take gradients inside fn
  return check((...ins) => sample.fn(ins).mul(wt).sum(), xs);
}

/** h(x) = Σ v · ∂(Σ w·fn(x))/∂x, with a graph of its own (createGraph). */
function secondOrderObjective(sample: GradSample, xs: readonly Tensor[]): Tensor {
  const y = sample.fn(xs);
  const wt = fromFlat(values(y.numel(), 7919, -1, 1), y.shape, { dtype: y.dtype });
  const grads = autograd.grad([y], xs.filter((x) => x.requiresGrad), { gradOutputs: [wt], createGraph: true, allowUnused: true });
  let h: Tensor | null = null;
  grads.forEach((g, i) => {
    if (g === null) return;
    const v = fromFlat(values(g.numel(), 104729 + i, -1, 1), g.shape, { dtype: g.dtype });
    const term = g.mul(v).sum();
    h = h === null ? term : term.add(h);
  });
  if (h === null || !(h as Tensor).requiresGrad) throw new Error('the first derivative does not depend on the inputs (no second-order graph)');
  return h;
}

/** Second-order check (gradient of a gradient); returns the first disagreement, or null. */
export function checkSecondOrder(sample: GradSample): Discrepancy | null {
  const xs = sample.inputs();
  secondOrderObjective(sample, xs);
  return check((...ins) => secondOrderObjective(sample, ins), xs);
}
