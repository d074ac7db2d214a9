/** torch.optim.SGD (torch 1.13's _single_tensor_sgd). */
import type { Tensor } from '../tensor';
import type { Storage } from '../dtype';
import { ArgumentError } from '../errors';
import { Optimizer, checkAtLeast, checkFlag, optionsOf, stateLike } from './optimizer';

export interface SGDOptions {
  /** Required, as torch's `lr=required`. */
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  /** Ascend the objective instead (the gradient is negated). */
  maximize?: boolean;
}

/**
 * d = ±g + wd·p; with momentum, buf = d on the first step and momentum·buf + (1 - dampening)·d after;
 * then d = nesterov ? d + momentum·buf : buf; p -= lr·d.
 */
export class SGD extends Optimizer {
  private readonly bufs = new Map<Tensor, Storage>();
  readonly options: Required<SGDOptions>;
  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params);
    if (options === undefined) throw new ArgumentError('SGD', "argument 'options' must be an object with lr (SGD has no default learning rate)");
    const o: Required<SGDOptions> = { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...(optionsOf('SGD', options) as SGDOptions) };
    checkAtLeast('SGD', 'learning rate', o.lr);
    checkAtLeast('SGD', 'momentum value', o.momentum);
    checkAtLeast('SGD', 'weight_decay value', o.weightDecay);
    if (typeof o.dampening !== 'number') throw new ArgumentError('SGD', `argument 'dampening' must be a number, got ${typeof o.dampening}`);
    checkFlag('SGD', 'nesterov', o.nesterov);
    checkFlag('SGD', 'maximize', o.maximize);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new ArgumentError('SGD', 'Nesterov momentum requires a momentum and zero dampening');
    this.options = o;
  }
  step(): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = this.options;
    this.chargeStep('SGD.step', (p) => this.bufs.has(p), momentum !== 0 ? 1 : 0);
    this.eachParam('SGD.step', maximize, (x, g, p) => {
      let buf = this.bufs.get(p);
      const first = buf === undefined;
      if (momentum !== 0 && buf === undefined) {
        buf = stateLike(p);
        this.bufs.set(p, buf);
      }
      for (let i = 0; i < x.length; i++) {
        let d = weightDecay !== 0 ? g[i] + weightDecay * x[i] : g[i];
        if (buf !== undefined) {
          buf[i] = first ? d : momentum * buf[i] + (1 - dampening) * d;
          d = nesterov ? d + momentum * buf[i] : buf[i];
        }
        x[i] = x[i] - lr * d;
      }
    });
  }
}
