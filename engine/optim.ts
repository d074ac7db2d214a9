/**
 * Optimizers with torch's update rules, applied in place without recording (like torch's
 * @no_grad step). Parameter versions are bumped, so a graph that saved a parameter and is
 * backpropagated after step() fails the way torch does.
 */
import type { Tensor } from './tensor';
import { allocStorage } from './dtype';
import type { Storage } from './dtype';
import { ArgumentError } from './errors';
import { beforeWrite } from './lazy/node';
import { writeValues } from './ops/inplace';
import { charge, chargeCompute } from './limits';
import { zeroGrad } from './ops/inplace';
import type { ZeroGradOptions } from './ops/inplace';

abstract class Optimizer {
  readonly params: Tensor[];
  constructor(params: Iterable<Tensor>) {
    this.params = [...params];
    if (this.params.length === 0) throw new ArgumentError('optim', 'optimizer got an empty parameter list');
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
}

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/** SGD: d = g + wd*p; buf = momentum*buf + (1-dampening)*d (buf = d first); p -= lr * (nesterov ? d + momentum*buf : buf). */
export class SGD extends Optimizer {
  private readonly bufs = new Map<Tensor, Storage>();
  constructor(params: Iterable<Tensor>, readonly options: SGDOptions) {
    super(params);
    if (!(options.lr >= 0)) throw new ArgumentError('SGD', `Invalid learning rate: ${options.lr}`);
  }
  step(): void {
    const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = this.options;
    this.chargeStep('SGD.step', (p) => this.bufs.has(p), momentum !== 0 ? 1 : 0);
    for (const p of this.params) {
      if (p._g === null) continue;
      const x = p.dataSync(), g = p._g.dataSync();
      beforeWrite(x);
      let buf = this.bufs.get(p);
      const first = buf === undefined;
      if (momentum !== 0 && buf === undefined) {
        buf = allocStorage(p.dtype, x.length);
        this.bufs.set(p, buf);
      }
      for (let i = 0; i < x.length; i++) {
        let d = weightDecay !== 0 ? g[i] + weightDecay * x[i] : g[i];
        if (momentum !== 0) {
          buf![i] = first ? d : momentum * buf![i] + (1 - dampening) * d;
          d = nesterov ? d + momentum * buf![i] : buf![i];
        }
        x[i] = x[i] - lr * d;
      }
      commitUpdate(this.constructor.name + '.step', p, x);
    }
  }
}

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
}

/**
 * Adam: m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g²;
 * p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps).
 */
export class Adam extends Optimizer {
  private readonly state = new Map<Tensor, { m: Storage; v: Storage; t: number }>();
  readonly options: Required<AdamOptions>;
  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params);
    this.options = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, ...options };
  }
  step(): void {
    const { lr, betas: [b1, b2], eps, weightDecay } = this.options;
    this.chargeStep('Adam.step', (p) => this.state.has(p), 2);
    for (const p of this.params) {
      if (p._g === null) continue;
      let s = this.state.get(p);
      if (s === undefined) {
        s = { m: allocStorage(p.dtype, p.dataSync().length), v: allocStorage(p.dtype, p.dataSync().length), t: 0 };
        this.state.set(p, s);
      }
      s.t++;
      const bc1 = 1 - b1 ** s.t, bc2sqrt = Math.sqrt(1 - b2 ** s.t), stepSize = lr / bc1;
      const x = p.dataSync(), g = p._g.dataSync(), m = s.m, v = s.v;
      beforeWrite(x);
      for (let i = 0; i < x.length; i++) {
        const gi = weightDecay !== 0 ? g[i] + weightDecay * x[i] : g[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        x[i] = x[i] - (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2sqrt + eps);
      }
      commitUpdate(this.constructor.name + '.step', p, x);
    }
  }
}

/**
 * The updated values `x` (from `p.dataSync()`) are p's from now on: they were written in place for a
 * dense parameter; a strided view's dataSync() is a row-major copy, so they go through its place.
 */
function commitUpdate(op: string, p: Tensor, x: Storage): void {
  if (p._place() !== null) writeValues(op, p, x);
  p._bumpVersion();
}

export const optim = { SGD, Adam };
