/** torch.optim.Adam and AdamW (torch 1.13's _single_tensor_adam / _single_tensor_adamw). */
import type { Tensor } from '../tensor';
import type { Storage } from '../dtype';
import { ArgumentError } from '../errors';
import { Optimizer, checkAtLeast, checkFlag, optionsOf, stateLike } from './optimizer';

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
  /** Keep the running maximum of v and divide by it (AMSGrad). */
  amsgrad?: boolean;
  maximize?: boolean;
}

interface AdamState {
  m: Storage;
  v: Storage;
  /** AMSGrad's running max of v (empty without amsgrad). */
  vMax: Storage | null;
  t: number;
}

type Resolved = Required<AdamOptions>;

function resolve(op: string, options: AdamOptions | undefined, weightDecay: number): Resolved {
  const o: Resolved = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay, amsgrad: false, maximize: false, ...optionsOf(op, options) };
  checkAtLeast(op, 'learning rate', o.lr);
  checkAtLeast(op, 'epsilon value', o.eps);
  if (!Array.isArray(o.betas) || o.betas.length !== 2) throw new ArgumentError(op, `argument 'betas' must be two numbers, got ${String(o.betas)}`);
  o.betas.forEach((b, i) => {
    if (typeof b !== 'number' || !(b >= 0 && b < 1)) throw new ArgumentError(op, `Invalid beta parameter at index ${i}: ${String(b)}`);
  });
  checkAtLeast(op, 'weight_decay value', o.weightDecay);
  checkFlag(op, 'amsgrad', o.amsgrad);
  checkFlag(op, 'maximize', o.maximize);
  return o;
}

/**
 * Both rules, per element (g already negated for maximize), at step t:
 *   Adam:  g += wd·p;   AdamW: p *= 1 - lr·wd  (decoupled weight decay)
 *   m = b1·m + (1-b1)·g;  v = b2·v + (1-b2)·g²;  v̂ = amsgrad ? max(v̂, v) : v
 *   p -= lr/(1-b1^t) · m / (√v̂ / √(1-b2^t) + eps)
 */
abstract class AdamBase extends Optimizer {
  private readonly state = new Map<Tensor, AdamState>();
  readonly options: Resolved;
  constructor(params: Iterable<Tensor>, readonly name: 'Adam' | 'AdamW', private readonly decoupled: boolean, options: Resolved) {
    super(params);
    this.options = options;
  }
  step(): void {
    const { lr, betas: [b1, b2], eps, weightDecay, amsgrad, maximize } = this.options;
    const op = `${this.name}.step`;
    this.chargeStep(op, (p) => this.state.has(p), amsgrad ? 3 : 2);
    this.eachParam(op, maximize, (x, g, p) => {
      let s = this.state.get(p);
      if (s === undefined) {
        s = { m: stateLike(p), v: stateLike(p), vMax: amsgrad ? stateLike(p) : null, t: 0 };
        this.state.set(p, s);
      }
      s.t++;
      const bc2sqrt = Math.sqrt(1 - b2 ** s.t), stepSize = lr / (1 - b1 ** s.t);
      const { m, v, vMax } = s;
      const shrink = this.decoupled ? 1 - lr * weightDecay : 1;
      for (let i = 0; i < x.length; i++) {
        if (this.decoupled) x[i] = x[i] * shrink;
        const gi = !this.decoupled && weightDecay !== 0 ? g[i] + weightDecay * x[i] : g[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        let vHat = v[i];
        if (vMax !== null) vHat = vMax[i] = Math.max(vMax[i], v[i]);
        x[i] = x[i] - (stepSize * m[i]) / (Math.sqrt(vHat) / bc2sqrt + eps);
      }
    });
  }
}

export class Adam extends AdamBase {
  constructor(params: Iterable<Tensor>, options?: AdamOptions) {
    super(params, 'Adam', false, resolve('Adam', options, 0));
  }
}

/** AdamW: Adam with decoupled weight decay, default weightDecay 1e-2 (torch 1.13). */
export class AdamW extends AdamBase {
  constructor(params: Iterable<Tensor>, options?: AdamOptions) {
    super(params, 'AdamW', true, resolve('AdamW', options, 1e-2));
  }
}
