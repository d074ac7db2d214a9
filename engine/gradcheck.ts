/**
 * torch.autograd.gradcheck and gradgradcheck (1.13), camelCase: the analytical Jacobian (the graph's
 * backward) against central finite differences in float64, compared with torch.allclose.
 *
 * gradcheck(fn, inputs, { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true, fastMode = false })
 * - slow mode: every output (that requires grad) against every input that requires grad, element by
 *   element; the first pair that is not close raises (torch: "Jacobian mismatch for output i with
 *   respect to input j"), with the first element that differs and both values;
 * - fast mode: v^T J u for a fixed unit vector u per input and v per output (torch draws them from
 *   its own generator; here a fixed sequence, so the verdict, not the vectors, matches torch), atol
 *   scaled by sum(u) sum(v) as torch does; on a mismatch the slow Jacobians explain it;
 * - then torch's further checks: backward run twice gives the same values (reentrant), and a zero
 *   gradient output gives zero input gradients ("backward not multiplied by grad_output").
 * With raiseException false a failed check returns false instead of raising (other errors still raise).
 */
import { Tensor } from './tensor';
import { fromFlat } from './creation';
import { ArgumentError, GradlensError } from './errors';
import { grad } from './autograd';
import { analyticalJacobian, asMatrix, directional, firstNotClose, numericalJacobian, outputsOf, vjp, zeroGrads } from './gradcheck-jacobian';
import type { CheckedFn } from './gradcheck-jacobian';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  raiseException?: boolean;
  fastMode?: boolean;
}

/** Where a Jacobian check failed: indices among the differentiable outputs and inputs, and the first element that differs. */
export interface GradcheckMismatch {
  output: number;
  input: number;
  /** Flat element of the input and of the output (slow Jacobian; -1 when only the fast-mode product differs). */
  inputElement: number;
  outputElement: number;
  analytical: number;
  numerical: number;
  /** Largest |analytical - numerical| over the slow Jacobian of this pair. */
  maxError: number;
}

/** torch's GradcheckError: a check failed (the message is torch's, with the element that differs). */
export class GradcheckError extends GradlensError {
  constructor(message: string, readonly mismatch: GradcheckMismatch | null = null) {
    super('gradcheck', message);
  }
}

interface Settings {
  eps: number;
  atol: number;
  rtol: number;
  fast: boolean;
}

function settings(o: GradcheckOptions): Settings {
  const num = (v: unknown, d: number, name: string): number => {
    if (v === undefined) return d;
    if (typeof v !== 'number' || !(v >= 0)) throw new ArgumentError('gradcheck', `${name} must be a non-negative number, got ${String(v)}`);
    return v;
  };
  return { eps: num(o.eps, 1e-6, 'eps'), atol: num(o.atol, 1e-5, 'atol'), rtol: num(o.rtol, 1e-3, 'rtol'), fast: o.fastMode === true };
}

/** torch.autograd.gradcheck. */
export function gradcheck(fn: CheckedFn, inputs: unknown, options: GradcheckOptions = {}): boolean {
  if (typeof fn !== 'function') throw new ArgumentError('gradcheck', `fn must be a function, got ${typeof fn}`);
  const s = settings(options);
  const tupled = Array.isArray(inputs) ? inputs : [inputs];
  try {
    runChecks(fn, tupled, s);
    return true;
  } catch (e) {
    if (e instanceof GradcheckError && options.raiseException === false) return false;
    throw e;
  }
}

function runChecks(fn: CheckedFn, inputs: readonly unknown[], s: Settings): void {
  const xs = inputs.filter((x): x is Tensor => x instanceof Tensor && x.requiresGrad);
  if (xs.length === 0) throw new ArgumentError('gradcheck', 'gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.');
  const all = outputsOf((fn as (...a: unknown[]) => unknown)(...inputs), 'gradcheck');
  const outs = all.filter((o) => o.requiresGrad);
  if (outs.length === 0) return zeroNumerical(fn, inputs, xs, all, s);
  if (s.fast) fastCheck(fn, inputs, xs, all, outs, s);
  else slowCheck(fn, inputs, xs, all, outs, s);
  multipliedByGradOutput(outs, xs);
}

/** Per differentiable input, per output (all outputs), the numerical Jacobian. */
function numerical(fn: CheckedFn, inputs: readonly unknown[], xs: readonly Tensor[], all: readonly Tensor[], s: Settings): Float64Array[][] {
  return xs.map((x) => numericalJacobian(fn, inputs, x, all.map((o) => o.numel()), s.eps, 'gradcheck'));
}

/** No output requires grad: the function must not depend on the inputs (torch's check). */
function zeroNumerical(fn: CheckedFn, inputs: readonly unknown[], xs: readonly Tensor[], all: readonly Tensor[], s: Settings): void {
  for (const perOut of numerical(fn, inputs, xs, all, s)) {
    for (const j of perOut) if (j.some((v) => v !== 0)) throw new GradcheckError('Numerical gradient for function expected to be zero');
  }
}

/** The analytical Jacobians of output o, computed twice: they must agree exactly (torch's reentrancy check). */
function analytical(o: Tensor, xs: readonly Tensor[]): Float64Array[] {
  const a1 = analyticalJacobian(o, xs), a2 = analyticalJacobian(o, xs);
  if (a1.some((j, i) => firstNotClose(j, a2[i], 0, 0) >= 0)) {
    throw new GradcheckError('Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives different values, although analytical gradient matches numerical gradient.The tolerance for nondeterminism was 0.0.');
  }
  return a1;
}

interface SlowResult {
  bad: GradcheckMismatch;
  analytical: Float64Array;
  numerical: Float64Array;
  rows: number;
  cols: number;
}

/** Every differentiable output against every differentiable input, in torch's order: the first pair that differs. */
function compareSlow(fn: CheckedFn, inputs: readonly unknown[], xs: readonly Tensor[], all: readonly Tensor[], outs: readonly Tensor[], s: Settings, twice: boolean): SlowResult | null {
  const num = numerical(fn, inputs, xs, all, s);
  for (let i = 0; i < outs.length; i++) {
    const o = outs[i];
    const an = twice ? analytical(o, xs) : analyticalJacobian(o, xs);
    const at = all.indexOf(o);
    for (let j = 0; j < xs.length; j++) {
      const bad = mismatch(an[j], num[j][at], xs[j].numel(), o.numel(), i, j, s);
      if (bad !== null) return { bad, analytical: an[j], numerical: num[j][at], rows: xs[j].numel(), cols: o.numel() };
    }
  }
  return null;
}

function slowCheck(fn: CheckedFn, inputs: readonly unknown[], xs: readonly Tensor[], all: readonly Tensor[], outs: readonly Tensor[], s: Settings): void {
  const r = compareSlow(fn, inputs, xs, all, outs, s, true);
  if (r === null) return;
  const { bad } = r;
  throw new GradcheckError(`${header(bad.output, bad.input)}numerical:${asMatrix(r.numerical, r.rows, r.cols)}\nanalytical:${asMatrix(r.analytical, r.rows, r.cols)}\n${describe(bad)}`, bad);
}

/**
 * The Jacobian comparison alone (slow mode, no further checks): the first element that differs, or
 * null. For callers that want the numbers rather than a verdict (the analyzer, the op test suite).
 */
export function jacobianMismatch(fn: CheckedFn, inputs: unknown, options: GradcheckOptions = {}): GradcheckMismatch | null {
  const s = settings(options);
  const tupled = Array.isArray(inputs) ? inputs : [inputs];
  const xs = tupled.filter((x): x is Tensor => x instanceof Tensor && x.requiresGrad);
  if (xs.length === 0) throw new ArgumentError('gradcheck', 'gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.');
  const all = outputsOf((fn as (...a: unknown[]) => unknown)(...tupled), 'gradcheck');
  return compareSlow(fn, tupled, xs, all, all.filter((o) => o.requiresGrad), s, false)?.bad ?? null;
}

/** The first element where the Jacobians a and n differ (null: all close). */
function mismatch(a: Float64Array, n: Float64Array, rows: number, cols: number, output: number, input: number, s: Settings): GradcheckMismatch | null {
  const at = firstNotClose(a, n, s.rtol, s.atol);
  if (at < 0) return null;
  let maxError = 0;
  for (let i = 0; i < a.length; i++) maxError = Math.max(maxError, Math.abs(a[i] - n[i]));
  return { output, input, inputElement: Math.floor(at / cols), outputElement: at % cols, analytical: a[at], numerical: n[at], maxError: Number.isNaN(a[at] - n[at]) ? NaN : maxError };
}

const header = (output: number, input: number): string => `Jacobian mismatch for output ${output} with respect to input ${input},\n`;

function describe(m: GradcheckMismatch): string {
  return `first mismatch: input ${m.input} element ${m.inputElement}, output ${m.output} element ${m.outputElement}: analytical ${m.analytical}, numerical ${m.numerical} (max difference ${m.maxError})`;
}

/** n deterministic values in [0, 1) (a fixed LCG: gradcheck leaves the user's random state alone). */
function uniform(n: number, seed: number): Float64Array {
  const v = new Float64Array(n);
  let st = seed >>> 0;
  for (let i = 0; i < n; i++) {
    st = (Math.imul(st, 1664525) + 1013904223) >>> 0;
    v[i] = st / 2 ** 32;
  }
  return v;
}

/** A unit vector of n elements (torch's fast mode: rand(n) / norm). */
function unitVector(n: number, seed: number): Float64Array {
  const v = uniform(n, seed);
  const norm = Math.sqrt(dot(v, v));
  return norm === 0 ? v : v.map((x) => x / norm);
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let z = 0;
  for (let i = 0; i < a.length; i++) z += a[i] * b[i];
  return z;
};
const sum = (a: ArrayLike<number>): number => dot(a, new Float64Array(a.length).fill(1));

function fastCheck(fn: CheckedFn, inputs: readonly unknown[], xs: readonly Tensor[], all: readonly Tensor[], outs: readonly Tensor[], s: Settings): void {
  const us = xs.map((x, j) => unitVector(x.numel(), 2 * j + 1));
  const vs = outs.map((o, i) => unitVector(o.numel(), 2 * i + 1000002));
  // numerical J u per input (every output), analytical v^T J per output (every input)
  const ju = xs.map((x, j) => directional(fn, inputs, x, us[j], s.eps, 'gradcheck'));
  const vj = outs.map((o, i) => {
    const w = fromFlat(vs[i], o.shape, { dtype: o.dtype });
    const a = vjp(o, xs, w), b = vjp(o, xs, w);
    if (a.some((r, j) => firstNotClose(r, b[j], 0, 0) >= 0)) throw new GradcheckError('Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives different values, although analytical gradient matches numerical gradient.The tolerance for nondeterminism was 0.0.');
    return a;
  });
  xs.forEach((x, j) => {
    outs.forEach((o, i) => {
      const n = dot(vs[i], ju[j][all.indexOf(o)]);
      const a = dot(vj[i][j], us[j]);
      const atol = s.atol * sum(us[j]) * sum(vs[i]);
      if (Math.abs(a - n) <= atol + s.rtol * Math.abs(n)) return;
      // explain with the slow Jacobians of this pair, as torch does
      const an = analyticalJacobian(o, xs)[j];
      const num = numericalJacobian(fn, inputs, x, all.map((t) => t.numel()), s.eps, 'gradcheck')[all.indexOf(o)];
      const bad = mismatch(an, num, x.numel(), o.numel(), i, j, s);
      const slow = `Numerical:\n ${asMatrix(num, x.numel(), o.numel())}\nAnalytical:\n${asMatrix(an, x.numel(), o.numel())}\n\n`;
      const tail = bad === null ? 'Fast gradcheck failed but element-wise differences are small: the check might pass with fastMode: false.' : describe(bad);
      throw new GradcheckError(`${header(i, j)}numerical:${fromFlat([n], [], { dtype: 'float64' })}\nanalytical:${fromFlat([a], [], { dtype: 'float64' })}\n${slow}${tail}`, bad ?? { output: i, input: j, inputElement: -1, outputElement: -1, analytical: a, numerical: n, maxError: Math.abs(a - n) });
    });
  });
}

/** torch's _test_backward_mul_by_grad_output: zero gradient outputs give zero (or no) input gradients. */
function multipliedByGradOutput(outs: readonly Tensor[], xs: readonly Tensor[]): void {
  const gs = grad([...outs], [...xs], { gradOutputs: zeroGrads(outs), retainGraph: true, allowUnused: true });
  gs.forEach((g) => {
    if (g !== null && Array.from(g.dataSync() as ArrayLike<number>).some((v) => v !== 0)) throw new GradcheckError('backward not multiplied by grad_output');
  });
}

export interface GradgradcheckOptions extends GradcheckOptions {
  /** The gradient outputs (default: fixed values in [-1, 1) of each output's shape, requiring grad). */
  gradOutputs?: Tensor | Tensor[];
}

/**
 * torch.autograd.gradgradcheck: gradcheck of (inputs, gradOutputs) -> the gradients of fn's outputs
 * with respect to its differentiable inputs (autograd.grad with createGraph), i.e. the second
 * derivatives, including through the gradient outputs.
 */
export function gradgradcheck(fn: CheckedFn, inputs: unknown, options: GradgradcheckOptions = {}): boolean {
  if (typeof fn !== 'function') throw new ArgumentError('gradgradcheck', `fn must be a function, got ${typeof fn}`);
  const tupled = Array.isArray(inputs) ? inputs : [inputs];
  const call = fn as (...a: unknown[]) => unknown;
  const gos = options.gradOutputs === undefined ? defaultGradOutputs(outputsOf(call(...tupled), 'gradgradcheck').filter((o) => o.requiresGrad)) : Array.isArray(options.gradOutputs) ? options.gradOutputs : [options.gradOutputs];
  const n = gos.length;
  const diff = tupled.map((x) => x instanceof Tensor && x.requiresGrad);
  const firstOrder = (...args: unknown[]): Tensor[] => {
    const ins = args.slice(0, args.length - n);
    const outs = outputsOf(call(...ins), 'gradgradcheck').filter((o) => o.requiresGrad);
    const gs = grad(outs, ins.filter((_, i) => diff[i]) as Tensor[], { gradOutputs: args.slice(args.length - n) as Tensor[], createGraph: true, allowUnused: true });
    return gs.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(firstOrder as CheckedFn, [...tupled, ...gos], options);
}

function defaultGradOutputs(outs: readonly Tensor[]): Tensor[] {
  return outs.map((o, i) => {
    // torch: make_tensor(low=-1, high=1, requires_grad=True)
    const u = uniform(o.numel(), 7919 + i).map((v) => 2 * v - 1);
    return fromFlat(u, o.shape, { dtype: o.dtype, requiresGrad: true });
  });
}
