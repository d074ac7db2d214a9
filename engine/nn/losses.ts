/** Loss modules: forward(input, target) is the functional loss with the module's options. */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { logSoftmax } from '../ops/nn/softmax';
import { mseLoss, nllLoss, type Reduction } from '../ops/nn/loss';
import { Module } from './module';

function reductionOf(op: string, r: unknown): Reduction {
  const v = r ?? 'mean';
  if (v !== 'mean' && v !== 'sum' && v !== 'none') throw new ArgumentError(op, `${String(v)} is not a valid value for reduction`);
  return v;
}

export interface CrossEntropyLossOptions {
  reduction?: Reduction;
  ignoreIndex?: number;
}

/** nll_loss(log_softmax(input, class dim), target): the class dim is 1, or 0 for a 1-d input (as F.crossEntropy). */
export class CrossEntropyLoss extends Module {
  readonly reduction: Reduction;
  readonly ignoreIndex: number;
  constructor(options: CrossEntropyLossOptions = {}) {
    super();
    this.reduction = reductionOf('CrossEntropyLoss', options.reduction);
    this.ignoreIndex = options.ignoreIndex ?? -100;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    const logp = logSoftmax(input, input.shape.length === 1 ? 0 : 1);
    return nllLoss(logp, target, { reduction: this.reduction, ignoreIndex: this.ignoreIndex });
  }
  protected override _getName(): string {
    return 'CrossEntropyLoss';
  }
}

export interface MSELossOptions {
  reduction?: Reduction;
}

export class MSELoss extends Module {
  readonly reduction: Reduction;
  constructor(options: MSELossOptions = {}) {
    super();
    this.reduction = reductionOf('MSELoss', options.reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
  protected override _getName(): string {
    return 'MSELoss';
  }
}
