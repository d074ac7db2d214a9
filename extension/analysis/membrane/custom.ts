/**
 * A custom autograd.Function of the file at the membrane. The interpreter runs the file's `forward`
 * itself; the engine receives only tensors (handles' targets) to record the node, and calls back one
 * narrow function for backward: gradient tensors go out as handles, and only handles or null come
 * back as gradients. Anything else the file's backward returns is refused with a diagnostic.
 */
import type ts from 'typescript';
import type { RunContext } from '../context';
import { RunEnded } from '../run-limits';
import { Thrown, Unknown, isUnknown, type Value } from '../values';
import { Handle, tensorOf } from './handle';
import { CallbackUnknown, toFile } from './convert';
import { typeName } from './describe';
import { isFunctionBase } from './api';
import { recordExternalFunction } from '../../../engine/function-external';
import { ArgumentError, GradcheckError, Tensor, autograd, noGrad, type GradcheckMismatch } from '../../../engine';

/** What the interpreter learnt from running the file's forward. */
export interface FileFunction {
  readonly name: string;
  readonly args: readonly Value[];
  readonly outputs: Value;
  readonly saved: readonly Value[];
  readonly dirty: readonly Value[];
  readonly nonDiff: readonly Value[];
  readonly materialize: boolean;
  readonly onceDifferentiable: boolean;
  /** Runs the file's backward: the saved tensors (or why they cannot be read) and the gradients, as file values. */
  readonly backward: (saved: Value, grads: Value[]) => Value;
  /** Where a refused gradient is reported (the backward method). */
  readonly backwardNode: ts.Node;
}

/** `extends autograd.Function` in the file: the base the interpreter models itself (custom-function.ts). */
export function isFunctionBaseClass(v: unknown): boolean {
  return Handle.isHandle(v) && v.kind === 'class' && isFunctionBase(Handle.targetOf(v));
}

const tensorsOf = (op: string, vs: readonly Value[]): Tensor[] => vs.map((v, i) => {
  const t = tensorOf(v);
  if (t === undefined) throw new ArgumentError(op, `${op} only accepts tensors (argument ${i} is ${typeName(v)})`);
  return t;
});

/** Forward's outputs for the engine: a tensor, or a list with null for each non-tensor output. */
function engineOutputs(outputs: Value): Tensor | (Tensor | null)[] | undefined {
  if (Array.isArray(outputs)) return outputs.map((o) => tensorOf(o) ?? null);
  return tensorOf(outputs);
}

/**
 * Record the Function's node; the outputs as the file then holds them (an input returned unchanged
 * is a new alias). Throws the engine's error for a misuse (markDirty of a leaf, ...).
 */
export function recordFileFunction(ctx: RunContext, f: FileFunction): Value {
  const outs = engineOutputs(f.outputs);
  if (outs === undefined) return f.outputs; // no tensor output: nothing to differentiate
  const result = recordExternalFunction({
    name: f.name,
    args: f.args.map((a) => tensorOf(a) ?? null),
    outputs: outs,
    saved: tensorsOf('saveForBackward', f.saved),
    dirty: tensorsOf('markDirty', f.dirty),
    nonDiff: tensorsOf('markNonDifferentiable', f.nonDiff),
    materialize: f.materialize,
    onceDifferentiable: f.onceDifferentiable,
    backward: (saved, grads) => backwardToEngine(ctx, f, saved, grads),
  });
  if (!Array.isArray(result) || !Array.isArray(f.outputs)) return toFile(result, false);
  const fileOuts = f.outputs;
  return result.map((r, i) => (r === null ? fileOuts[i] : toFile(r, false)));
}

/** The engine's backward callback: the file's backward on handles, its gradients back as tensors or null. */
function backwardToEngine(ctx: RunContext, f: FileFunction, saved: () => Tensor[], grads: (Tensor | null)[]): unknown {
  let fileSaved: Value;
  try {
    fileSaved = toFile(saved(), false);
  } catch (e) {
    // torch raises only if backward reads them, which is not seen here: a read gives the reason, unknown
    const why = `ctx.savedTensors of ${f.name} cannot be read: ${e instanceof Error ? e.message : String(e)}`;
    ctx.report(f.backwardNode, 'warning', 'engine', `${why} (torch raises this if backward reads them)`);
    fileSaved = new Unknown(why);
  }
  const raw = f.backward(fileSaved, grads.map((g) => toFile(g, false)));
  const list = Array.isArray(raw) ? raw : [raw];
  const out: (Tensor | null)[] = [];
  for (const g of list) {
    if (isUnknown(g)) throw new CallbackUnknown(g);
    if (g === null || g === undefined) {
      out.push(null);
      continue;
    }
    const t = tensorOf(g);
    if (t === undefined) {
      const why = `${f.name}.backward returned ${typeName(g)} as a gradient: gradlens takes a tensor or null`;
      ctx.report(f.backwardNode, 'error', 'unsupported', why);
      throw new CallbackUnknown(new Unknown(why));
    }
    out.push(t);
  }
  return Array.isArray(raw) ? out : out[0];
}

/** Most elements (inputs that require grad, and outputs) a Function is checked with: beyond, the check is skipped. */
export const CHECK_ELEMENTS = 4096;

/** The outcome of checking a Function's backward against finite differences. */
export type CheckResult =
  | { kind: 'pass' }
  | { kind: 'mismatch'; mismatch: GradcheckMismatch; inputShape: readonly number[] }
  | { kind: 'skipped'; reason: string };

/** Thrown by a checked call whose result is not known: the check is skipped. */
class Inconclusive extends Error {}

/**
 * Float64 copies of the tensor arguments (detached, requiring grad as the originals did), taken when
 * the Function is called: the check later sees the inputs it was called with. Why not, when they
 * are too many elements to check.
 */
export function float64Copies(args: readonly Value[]): Value[] | string {
  let n = 0;
  for (const a of args) n += tensorOf(a)?.numel() ?? 0;
  if (n > CHECK_ELEMENTS) return `its tensor arguments have ${n} elements (more than ${CHECK_ELEMENTS})`;
  return args.map((a) => {
    const t = tensorOf(a);
    if (t === undefined) return a;
    const c = noGrad(() => t.detach().to('float64'));
    if (t.requiresGrad) c.requiresGrad_(true);
    return toFile(c, false);
  });
}

/**
 * torch.autograd.gradcheck of `call` (the Function applied to file values) at `args` (float64
 * copies), in fast mode (one random projection per input and output), which, as torch's, explains
 * a failure with the full Jacobians of the pair that failed: the first element that differs. Never
 * raises for the file's faults: they make the check skipped.
 */
export function checkFunction(call: (args: Value[]) => Value, args: readonly Value[]): CheckResult {
  const engineArgs = args.map((a) => tensorOf(a) ?? null);
  const fn = (...xs: unknown[]): unknown => {
    const out = call(args.map((a, i) => (xs[i] instanceof Tensor ? toFile(xs[i], false) : a)));
    const list = Array.isArray(out) ? out : [out];
    for (const o of list) if (isUnknown(o)) throw new Inconclusive(o.reason);
    const ts = list.map((o) => tensorOf(o)).filter((t): t is Tensor => t !== undefined);
    if (ts.some((t) => t.dtype !== 'float64')) throw new Inconclusive('forward returns a float32 tensor for float64 inputs');
    if (ts.reduce((n, t) => n + t.numel(), 0) > CHECK_ELEMENTS) throw new Inconclusive(`its outputs have more than ${CHECK_ELEMENTS} elements`);
    return Array.isArray(out) ? ts : ts[0];
  };
  try {
    autograd.gradcheck(fn, engineArgs, { fastMode: true });
    return { kind: 'pass' };
  } catch (e) {
    if (e instanceof GradcheckError) {
      const bad = e.mismatch;
      // -1: only the projections differ, not one element (torch: "might pass with fastMode: false")
      if (bad === null) return { kind: 'skipped', reason: `gradcheck: ${e.message.split('\n')[0]}` };
      if (bad.inputElement < 0) return { kind: 'pass' };
      const xs = engineArgs.filter((t): t is Tensor => t !== null && t.requiresGrad);
      return { kind: 'mismatch', mismatch: bad, inputShape: xs[bad.input].shape };
    }
    if (e instanceof RunEnded) return { kind: 'skipped', reason: e.message };
    if (e instanceof Thrown) return { kind: 'skipped', reason: 'forward or backward threw' };
    return { kind: 'skipped', reason: e instanceof Error ? e.message : String(e) };
  }
}
