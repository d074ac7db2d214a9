/** torch.optim.Adagrad (torch 1.13's _single_tensor_adagrad, dense gradients). */
import type { Tensor } from '../tensor';
import type { Storage } from '../dtype';
import { Optimizer, checkAtLeast, checkFlag, optionsOf, stateLike } from './optimizer';

export interface AdagradOptions {
  lr?: number;
  /** The learning rate at step t is lr / (1 + (t - 1)·lrDecay). */
  lrDecay?: number;
  weightDecay?: number;
  /** The sum of squares' starting value. */
  initialAccumulatorValue?: number;
  eps?: number;
  maximize?: boolean;
}

/** Per element at step t (g negated for maximize): g += wd·p; sum += g²; p -= lr/(1 + (t-1)·lrDecay) · g / (√sum + eps). */
export class Adagrad extends Optimizer {
  private readonly state = new Map<Tensor, { sum: Storage; t: number }>();
  readonly options: Required<AdagradOptions>;
  constructor(params: Iterable<Tensor>, options?: AdagradOptions) {
    super(params);
    const o: Required<AdagradOptions> = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false, ...optionsOf('Adagrad', options) };
    checkAtLeast('Adagrad', 'learning rate', o.lr);
    checkAtLeast('Adagrad', 'lr_decay value', o.lrDecay);
    checkAtLeast('Adagrad', 'weight_decay value', o.weightDecay);
    checkAtLeast('Adagrad', 'initial_accumulator_value value', o.initialAccumulatorValue);
    checkAtLeast('Adagrad', 'epsilon value', o.eps);
    checkFlag('Adagrad', 'maximize', o.maximize);
    this.options = o;
  }
  step(): void {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize } = this.options;
    this.chargeStep('Adagrad.step', (p) => this.state.has(p), 1);
    this.eachParam('Adagrad.step', maximize, (x, g, p) => {
      let s = this.state.get(p);
      if (s === undefined) {
        s = { sum: stateLike(p, initialAccumulatorValue), t: 0 };
        this.state.set(p, s);
      }
      s.t++;
      const clr = lr / (1 + (s.t - 1) * lrDecay);
      const sum = s.sum;
      for (let i = 0; i < x.length; i++) {
        const gi = weightDecay !== 0 ? g[i] + weightDecay * x[i] : g[i];
        sum[i] = sum[i] + gi * gi;
        x[i] = x[i] - (clr * gi) / (Math.sqrt(sum[i]) + eps);
      }
    });
  }
}
