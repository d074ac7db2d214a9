/**
 * Everything the analyzer needs from the engine, in one place: what a tensor and a grad function are,
 * how to read a tensor's values, how engine errors are classified, and how a run is isolated (grad
 * mode, default dtype and the element budget are the engine's global state).
 */
import type { DiagnosticCode } from './trace';
import {
  Tensor, autograd, onesLike, enableGrad, noGrad, isGradEnabled, getDefaultDtype, setDefaultDtype, withLimits,
  manualSeed, BudgetError, ShapeError, Node, Optimizer, type GradFn,
} from '../../engine';
import { setGradEnabled } from '../../engine/grad-mode';
import { formatTensor, type PrintableTensor } from '../../engine/print';
import type { StepEvent } from './backward';

export type TensorLike = Tensor;
/** A grad function; AccumulateGrad nodes also carry the leaf they feed. */
export type GradNodeLike = GradFn & { readonly variable?: Tensor };

export function isTensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

/** The parameters an optimizer's `step()` updates in place, or undefined when `receiver` is not an optimizer. */
export function optimizerParams(receiver: unknown): readonly Tensor[] | undefined {
  return receiver instanceof Optimizer ? receiver.params : undefined;
}

/** A tensor's version counter (bumped by every in-place write: an op, an optimizer step). */
export function versionOf(t: Tensor): number {
  return t._version;
}

export function isGradNode(v: unknown): v is GradNodeLike {
  return typeof v === 'object' && v !== null && 'nextFunctions' in v && 'name' in v && !(v instanceof Tensor);
}

/** The tensors a grad function was recorded with (its op's inputs): what its backward may read. */
export function nodeInputs(fn: GradNodeLike): Tensor[] {
  if (!(fn instanceof Node)) return [];
  const out: Tensor[] = [];
  for (let i = 0; i < fn.arity; i++) {
    const x = fn.input(i);
    if (x instanceof Tensor) out.push(x);
  }
  if (fn.out !== null) out.push(fn.out);
  return out;
}

/** Input `i` of a grad function when the engine holds it as a tensor (a recorded op's operand), else undefined. */
export function inputAt(fn: GradNodeLike, i: number): Tensor | undefined {
  if (!(fn instanceof Node) || i >= fn.arity) return undefined;
  const x = fn.input(i);
  return x instanceof Tensor ? x : undefined;
}

/** The tensor's values, flat and row-major. */
export function tensorData(t: Tensor): ArrayLike<number> {
  return t.dataSync();
}

export function errorCode(e: unknown): DiagnosticCode {
  if (e instanceof BudgetError) return 'budget';
  if (e instanceof ShapeError) return 'shape';
  return 'engine';
}

/** Differentiate a target as its sum when it is not a scalar (extension/analysis/README.md). */
export function sumForGrad(root: Tensor): Tensor {
  return root.shape.length === 0 ? root : enableGrad(() => root.sum());
}

/** d(out)/d(inputs) without touching any `.grad`, reporting each grad function run. */
export function autogradGrad(out: Tensor, inputs: Tensor[], onStep: (e: StepEvent) => void): (Tensor | null)[] {
  return autograd.grad([out], inputs, { retainGraph: true, allowUnused: true, onStep });
}

/** Ones shaped like `t`, recorded nowhere: the gradient of a target with respect to itself. */
export function onesLikeNoGrad(t: Tensor): Tensor {
  return noGrad(() => onesLike(t));
}

/** PyTorch's str() of copied values (the engine's printer; Tensor.toString uses the same). */
export function formatPrintable(t: PrintableTensor, defaultDtype: 'float32' | 'float64'): string {
  return formatTensor(t, defaultDtype);
}

export function currentDefaultDtype(): 'float32' | 'float64' {
  return getDefaultDtype();
}

/**
 * Run `fn` with the engine in its initial state (grad mode on, float32 default, seed 0) and an element budget,
 * then restore the state the host had: one analysis cannot leak `setDefaultDtype`/`noGrad` into the next.
 */
export function isolated<T>(maxElements: number, fn: () => T): T {
  const grad0 = isGradEnabled();
  const dtype0 = getDefaultDtype();
  setGradEnabled(true);
  setDefaultDtype('float32');
  // A fresh process starts from manualSeed(0): so does every analysis, so randn gives what a real run prints.
  manualSeed(0);
  try {
    return withLimits({ maxElements }, fn);
  } finally {
    setGradEnabled(grad0);
    setDefaultDtype(dtype0);
  }
}

/**
 * The saved tensor an in-place op changed after `fn` saved it (what PyTorch's version check rejects), or
 * undefined: each saved input's and the result's version now against the one recorded when `fn` ran.
 */
export function modifiedSaved(fn: GradNodeLike): Tensor | undefined {
  if (!(fn instanceof Node) || fn.op.saves === 0 || fn.freed) return undefined;
  const recorded = [fn.v0, fn.v1, fn.v2];
  for (let i = 0; i < Math.min(3, fn.arity); i++) {
    if ((fn.op.saves & (1 << i)) === 0) continue;
    const x = fn.input(i);
    if (x instanceof Tensor && x._version !== recorded[i]) return x;
  }
  return fn.out !== null && fn.out._version !== fn.vOut ? fn.out : undefined;
}

/** Whether `t` is what `fn` saved as its result (not one of its inputs). */
export function isSavedResult(fn: GradNodeLike, t: Tensor): boolean {
  return fn instanceof Node && fn.out === t;
}

/** Whether `retainGrad()` was called on the non-leaf `t` (its grad function keeps it). */
export function retainsGrad(t: Tensor): boolean {
  return t.gradFn instanceof Node && t.gradFn.retained === t;
}

/** The forward input `i` of a grad function, when it is a tensor. */
export function nodeInput(fn: GradNodeLike, i: number): Tensor | undefined {
  if (!(fn instanceof Node)) return undefined;
  const x = fn.input(i);
  return x instanceof Tensor ? x : undefined;
}

/** The number parameter of a grad function (pow's exponent), when it has one. */
export function nodeNumberParam(fn: GradNodeLike): number | undefined {
  return fn instanceof Node && typeof fn.params === 'number' ? fn.params : undefined;
}

/** Whether the engine records ops now (false inside `noGrad`). */
export function gradModeOn(): boolean {
  return isGradEnabled();
}

/** The engine's tensor methods that leave the graph: `detach` (a tensor) and `item`/`tolist` (numbers). */
export const LEAVES_GRAPH: ReadonlyMap<unknown, 'detach' | 'item'> = new Map<unknown, 'detach' | 'item'>([
  [Tensor.prototype.detach, 'detach'],
  [Tensor.prototype.item, 'item'],
  [Tensor.prototype.tolist, 'item'],
]);

/** Floating point: the dtypes that can require gradients. */
export function isFloat(t: Tensor): boolean {
  return t.dtype === 'float32' || t.dtype === 'float64';
}
