/** torch.optim.RMSprop (torch 1.13's _single_tensor_rmsprop). */
import type { Tensor } from '../tensor';
import type { Storage } from '../dtype';
import { Optimizer, checkAtLeast, checkFlag, optionsOf, stateLike } from './optimizer';

export interface RMSpropOptions {
  lr?: number;
  /** The smoothing constant of the running mean of g² (default 0.99). */
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  /** Divide by an estimate of the variance (E[g²] - E[g]²) instead of E[g²]. */
  centered?: boolean;
  maximize?: boolean;
}

interface RMSpropState {
  sq: Storage;
  /** Running mean of g (centered only). */
  mean: Storage | null;
  /** Momentum buffer (momentum > 0 only), starting at zero. */
  buf: Storage | null;
}

/**
 * Per element (g negated for maximize): g += wd·p; sq = α·sq + (1-α)·g²;
 * centered: mean = α·mean + (1-α)·g, avg = √(sq - mean²) + eps; else avg = √sq + eps;
 * momentum > 0: buf = momentum·buf + g/avg, p -= lr·buf; else p -= lr·g/avg.
 */
export class RMSprop extends Optimizer {
  private readonly state = new Map<Tensor, RMSpropState>();
  readonly options: Required<RMSpropOptions>;
  constructor(params: Iterable<Tensor>, options?: RMSpropOptions) {
    super(params);
    const o: Required<RMSpropOptions> = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, ...optionsOf('RMSprop', options) };
    checkAtLeast('RMSprop', 'learning rate', o.lr);
    checkAtLeast('RMSprop', 'epsilon value', o.eps);
    checkAtLeast('RMSprop', 'momentum value', o.momentum);
    checkAtLeast('RMSprop', 'weight_decay value', o.weightDecay);
    checkAtLeast('RMSprop', 'alpha value', o.alpha);
    checkFlag('RMSprop', 'centered', o.centered);
    checkFlag('RMSprop', 'maximize', o.maximize);
    this.options = o;
  }
  step(): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = this.options;
    this.chargeStep('RMSprop.step', (p) => this.state.has(p), 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0));
    this.eachParam('RMSprop.step', maximize, (x, g, p) => {
      let s = this.state.get(p);
      if (s === undefined) {
        s = { sq: stateLike(p), mean: centered ? stateLike(p) : null, buf: momentum > 0 ? stateLike(p) : null };
        this.state.set(p, s);
      }
      const { sq, mean, buf } = s;
      for (let i = 0; i < x.length; i++) {
        const gi = weightDecay !== 0 ? g[i] + weightDecay * x[i] : g[i];
        sq[i] = alpha * sq[i] + (1 - alpha) * gi * gi;
        let avg: number;
        if (mean !== null) {
          mean[i] = alpha * mean[i] + (1 - alpha) * gi;
          avg = Math.sqrt(sq[i] - mean[i] * mean[i]) + eps;
        } else {
          avg = Math.sqrt(sq[i]) + eps;
        }
        if (buf !== null) {
          buf[i] = momentum * buf[i] + gi / avg;
          x[i] = x[i] - lr * buf[i];
        } else {
          x[i] = x[i] - (lr * gi) / avg;
        }
      }
    });
  }
}
