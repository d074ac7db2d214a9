/**
 * Finite-difference gradient checks in float64.
 * First order: for y = fn(x) and a fixed random cotangent w, the autograd vector-Jacobian product
 * wᵀ ∂y/∂x must match central differences of s(x) = Σ w·fn(x) with step 1e-6.
 * Second order: the gradient of h(x) = Σ v · ∂s/∂x (built with createGraph) must match central
 * differences of h computed from first-order gradients.
 */
import { Tensor, autograd, fromFlat } from '../../../engine/index';
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

function weighted(y: Tensor, w: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += y.data[i] * w[i];
  return s;
}

function differentiable(xs: readonly Tensor[]): Tensor[] {
  return xs.filter((x) => x.requiresGrad);
}

/** Central difference of f along every element of every differentiable leaf. */
function numericGrad(xs: readonly Tensor[], f: () => number): number[][] {
  return differentiable(xs).map((x) => {
    const g: number[] = [];
    for (let j = 0; j < x.data.length; j++) {
      const v = x.data[j];
      x.data[j] = v + EPS;
      const up = f();
      x.data[j] = v - EPS;
      const down = f();
      x.data[j] = v;
      g.push((up - down) / (2 * EPS));
    }
    return g;
  });
}

function asArrays(grads: readonly (Tensor | null)[], xs: readonly Tensor[]): number[][] {
  return differentiable(xs).map((x, i) => {
    const g = grads[i];
    return g === null ? new Array<number>(x.data.length).fill(0) : Array.from(g.data);
  });
}

export interface Discrepancy {
  input: number;
  element: number;
  analytic: number;
  numeric: number;
}

function firstDiscrepancy(analytic: number[][], numeric: number[][]): Discrepancy | null {
  for (let i = 0; i < analytic.length; i++) {
    for (let j = 0; j < analytic[i].length; j++) {
      const a = analytic[i][j], n = numeric[i][j];
      if (!(Math.abs(a - n) <= ATOL + RTOL * Math.abs(n))) return { input: i, element: j, analytic: a, numeric: n };
    }
  }
  return null;
}

/** First-order check; returns the first element that disagrees, or null. */
export function checkFirstOrder(sample: GradSample): Discrepancy | null {
  const xs = sample.inputs();
  const y = sample.fn(xs);
  const w = values(y.data.length, 7919, -1, 1);
  const wt = fromFlat(w, y.shape, { dtype: y.dtype });
  const analytic = asArrays(autograd.grad([y], differentiable(xs), { gradOutputs: [wt], allowUnused: true }), xs);
  // evaluated with grad mode on: some samples take gradients inside fn
  const numeric = numericGrad(xs, () => weighted(sample.fn(xs), w));
  return firstDiscrepancy(analytic, numeric);
}

/** h(x) = Σ v · ∂(Σ w·fn(x))/∂x, with or without a graph of its own. */
function secondOrderObjective(sample: GradSample, xs: readonly Tensor[], createGraph: boolean): Tensor | number {
  const y = sample.fn(xs);
  const wt = fromFlat(values(y.data.length, 7919, -1, 1), y.shape, { dtype: y.dtype });
  const grads = autograd.grad([y], differentiable(xs), { gradOutputs: [wt], createGraph, allowUnused: true });
  let h: Tensor | number = 0;
  grads.forEach((g, i) => {
    if (g === null) return;
    const v = fromFlat(values(g.data.length, 104729 + i, -1, 1), g.shape, { dtype: g.dtype });
    h = createGraph ? g.mul(v).sum().add(h) : (h as number) + weighted(g, Array.from(v.data));
  });
  return h;
}

/** Second-order check (gradient of a gradient); returns the first disagreement, or null. */
export function checkSecondOrder(sample: GradSample): Discrepancy | null {
  const xs = sample.inputs();
  const h = secondOrderObjective(sample, xs, true);
  if (!(h instanceof Tensor) || !h.requiresGrad) throw new Error('the first derivative does not depend on the inputs (no second-order graph)');
  const analytic = asArrays(autograd.grad([h], differentiable(xs), { allowUnused: true }), xs);
  const numeric = numericGrad(xs, () => secondOrderObjective(sample, xs, false) as number);
  return firstDiscrepancy(analytic, numeric);
}
