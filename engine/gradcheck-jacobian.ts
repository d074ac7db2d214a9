/**
 * The Jacobians gradcheck compares (engine/gradcheck.ts), as torch.autograd.gradcheck builds them.
 * A Jacobian of output o with respect to input x is a matrix J[m][k] = d o_k / d x_m (rows: x's
 * elements, columns: o's, both row-major), stored flat (m * outNumel + k).
 *
 * Numerical: central differences, (f(x + eps e_m) - f(x - eps e_m)) / (2 eps), perturbing x's
 * storage in place (its version is not bumped: like torch's `x.data`, the graph of an earlier call
 * stays valid) and restoring it. Analytical: one vector-Jacobian product per output element, with
 * a one-hot gradient output (torch's rows).
 */
import { Tensor } from './tensor';
import { grad } from './autograd';
import { fromFlat, zerosLike } from './creation';
import { ArgumentError } from './errors';
import { writeValues } from './ops/inplace';

/** What gradcheck calls: tensors and other values in, a tensor or a list of tensors out. */
export type CheckedFn = (...inputs: never[]) => unknown;

/** A function's result as a list of tensors (torch's _as_tuple), checked. */
export function outputsOf(out: unknown, op: string): Tensor[] {
  const list = Array.isArray(out) ? out : [out];
  return list.map((o, i) => {
    if (!(o instanceof Tensor)) throw new ArgumentError(op, `the function must return a tensor or a list of tensors (output ${i} is ${o === null ? 'null' : typeof o})`);
    return o;
  });
}

/** Evaluates fn on the inputs as they are now: every output's values, flat (float64). */
export function evaluate(fn: CheckedFn, inputs: readonly unknown[], op: string): Float64Array[] {
  return outputsOf((fn as (...a: unknown[]) => unknown)(...inputs), op).map((o) => Float64Array.from(o.dataSync() as ArrayLike<number>));
}

/**
 * Central differences of every output along direction `dir` of input x (dir: a flat vector of x's
 * numel), step eps: (f(x + eps dir) - f(x - eps dir)) / (2 eps), per output, flat.
 */
export function directional(fn: CheckedFn, inputs: readonly unknown[], x: Tensor, dir: ArrayLike<number>, eps: number, op: string): Float64Array[] {
  const orig = Float64Array.from(x.dataSync() as ArrayLike<number>);
  const moved = new Float64Array(orig.length);
  // into x's storage (through its place when x is a strided view, whose dataSync() is a copy)
  const put = (v: Float64Array): void => {
    if (x._place() !== null) writeValues(op, x, v);
    else x.dataSync().set(v);
  };
  try {
    for (let m = 0; m < orig.length; m++) moved[m] = orig[m] - eps * dir[m];
    put(moved);
    const a = evaluate(fn, inputs, op);
    for (let m = 0; m < orig.length; m++) moved[m] = orig[m] + eps * dir[m];
    put(moved);
    const b = evaluate(fn, inputs, op);
    return a.map((av, o) => av.map((v, k) => (b[o][k] - v) / (2 * eps)));
  } finally {
    put(orig);
  }
}

/** Per output, the numerical Jacobian with respect to input x (one element perturbed at a time). */
export function numericalJacobian(fn: CheckedFn, inputs: readonly unknown[], x: Tensor, outNumel: readonly number[], eps: number, op: string): Float64Array[] {
  const n = x.numel();
  const jac = outNumel.map((k) => new Float64Array(n * k));
  const e = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    e[m] = 1;
    // a one-hot direction changes only element m: torch's entry.copy_(orig +- eps)
    const cols = directional(fn, inputs, x, e, eps, op);
    e[m] = 0;
    cols.forEach((c, o) => jac[o].set(c, m * outNumel[o]));
  }
  return jac;
}

/** d(w . o)/d x for each differentiable input (zeros where o does not reach it), flat. */
export function vjp(o: Tensor, xs: readonly Tensor[], w: Tensor): Float64Array[] {
  const gs = grad([o], [...xs], { gradOutputs: [w], retainGraph: true, allowUnused: true });
  return gs.map((g, j) => (g === null ? new Float64Array(xs[j].numel()) : Float64Array.from(g.dataSync() as ArrayLike<number>)));
}

/** The analytical Jacobian of output o with respect to each of xs: one vjp per element of o. */
export function analyticalJacobian(o: Tensor, xs: readonly Tensor[]): Float64Array[] {
  const k = o.numel();
  const jac = xs.map((x) => new Float64Array(x.numel() * k));
  const onehot = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    onehot[c] = 1;
    const rows = vjp(o, xs, fromFlat(onehot, o.shape, { dtype: o.dtype }));
    onehot[c] = 0;
    rows.forEach((r, j) => {
      for (let m = 0; m < r.length; m++) jac[j][m * k + c] = r[m];
    });
  }
  return jac;
}

/** torch.allclose (equal_nan false): |a - n| <= atol + rtol |n| everywhere; the first index that is not, or -1. */
export function firstNotClose(a: ArrayLike<number>, n: ArrayLike<number>, rtol: number, atol: number): number {
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - n[i]) <= atol + rtol * Math.abs(n[i]))) return i;
  }
  return -1;
}

/** A flat Jacobian as a [rows, cols] float64 tensor (printed in error messages as torch prints it). */
export function asMatrix(flat: Float64Array, rows: number, cols: number): Tensor {
  return fromFlat(flat, [rows, cols], { dtype: 'float64' });
}

/** Zero gradient outputs for each output (torch's backward-multiplied-by-grad_output check). */
export function zeroGrads(outs: readonly Tensor[]): Tensor[] {
  return outs.map((o) => zerosLike(o));
}
