/**
 * The optimizers' shared base: torch's update rules are applied in place without recording (like
 * torch's @no_grad step), in float64 arithmetic over each parameter's values (a float32 parameter
 * rounds once per stored value, where torch rounds after each of its ops: agreement to float32's
 * precision, not bit for bit). Parameter versions are bumped, so a graph that saved a parameter and
 * is backpropagated after step() fails the way torch does.
 */
import { Tensor } from '../tensor';
import { allocStorage } from '../dtype';
import type { Storage } from '../dtype';
import { ArgumentError } from '../errors';
import { beforeWrite } from '../lazy/node';
import { writeValues } from '../ops/inplace';
import { charge, chargeCompute } from '../limits';
import { zeroGrad } from '../ops/inplace';
import type { ZeroGradOptions } from '../ops/inplace';

export abstract class Optimizer {
  readonly params: Tensor[];
  constructor(params: Iterable<Tensor>) {
    if (params === null || params === undefined || typeof (params as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      throw new ArgumentError('optim', `argument 'params' must be an iterable of tensors, got ${params === null ? 'null' : typeof params}`);
    }
    this.params = [...params];
    if (this.params.length === 0) throw new ArgumentError('optim', 'optimizer got an empty parameter list');
    // torch's add_param_group: a step writes each parameter in place, which a non-leaf cannot take
    for (const p of this.params) {
      if (!(p instanceof Tensor)) throw new ArgumentError('optim', `optimizer can only optimize Tensors, but one of the params is ${p === null ? 'null' : typeof p}`);
      if (!p.isLeaf) throw new ArgumentError('optim', "can't optimize a non-leaf Tensor");
    }
  }
  /** Clear gradients: to null by default (torch >= 2.0), to zeros with `{ setToNone: false }` (torch 1.13). */
  zeroGrad(options?: ZeroGradOptions): void {
    for (const p of this.params) zeroGrad(p, options);
  }
  abstract step(): void;

  /**
   * Charge a whole step before any parameter changes (a refused step leaves every parameter as it was):
   * one unit of work per element of each parameter with a gradient, and `statePerElement` elements of new
   * optimizer state per parameter that has none yet.
   */
  protected chargeStep(op: string, hasState: (p: Tensor) => boolean, statePerElement: number): void {
    let work = 0, fresh = 0;
    for (const p of this.params) {
      if (p._g === null) continue;
      work += p.numel();
      if (!hasState(p)) fresh += statePerElement * p.numel();
    }
    chargeCompute(op, work);
    if (fresh > 0) charge(op, fresh);
  }

  /**
   * Run `update(x, g, p)` on each parameter that has a gradient: `x` its values (written in place),
   * `g` its gradient's values, negated when `maximize` (torch: grad = -grad). Then commit the values.
   */
  protected eachParam(op: string, maximize: boolean, update: (x: Storage, g: ArrayLike<number>, p: Tensor) => void): void {
    for (const p of this.params) {
      if (p._g === null) continue;
      const x = p.dataSync();
      const g0 = p._g.dataSync();
      const g = maximize ? Float64Array.from(g0, (v) => -v) : g0;
      beforeWrite(x);
      update(x, g, p);
      commitUpdate(op, p, x);
    }
  }
}

/** A zero-filled state buffer shaped like p's values (torch's zeros_like(p, memory_format=preserve)). */
export function stateLike(p: Tensor, fill = 0): Storage {
  const s = allocStorage(p.dtype, p.numel());
  if (fill !== 0) s.fill(fill);
  return s;
}

/**
 * The updated values `x` (from `p.dataSync()`) are p's from now on: they were written in place for a
 * dense parameter; a strided view's dataSync() is a row-major copy, so they go through its place.
 */
function commitUpdate(op: string, p: Tensor, x: Storage): void {
  if (p._place() !== null) writeValues(op, p, x);
  p._bumpVersion();
}

/** torch's constructor checks: `Invalid learning rate: -1` and the like (0 <= value, or `min < value`). */
export function checkAtLeast(op: string, what: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !(v >= min)) throw new ArgumentError(op, `Invalid ${what}: ${String(v)}`);
  return v;
}

export function checkFlag(op: string, name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new ArgumentError(op, `argument '${name}' must be a boolean, got ${typeof v}`);
  return v;
}

/**
 * The options given, without keys whose value is undefined (so a default is not overwritten by one), or {}
 * when omitted; anything but an object is refused naming the optimizer.
 */
export function optionsOf<T extends object>(op: string, options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw new ArgumentError(op, `argument 'options' must be an object, got ${options === null ? 'null' : typeof options}`);
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
