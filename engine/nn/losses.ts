/** Loss modules: forward(input, target) is the functional loss with the module's options. */
import type { Tensor } from '../tensor';
import { mseLoss, reductionOf, type Reduction } from '../ops/nn/loss';
import { F } from '../functional';
import { Module } from './module';

export interface CrossEntropyLossOptions {
  reduction?: Reduction;
  ignoreIndex?: number;
  /** A weight per class (a 1-d tensor of C elements), as F.crossEntropy's. */
  weight?: Tensor | null;
  labelSmoothing?: number;
}

/** F.crossEntropy with the module's options (PyTorch's nn.CrossEntropyLoss(weight, ignore_index, reduction, label_smoothing)). */
export class CrossEntropyLoss extends Module {
  readonly reduction: Reduction;
  readonly ignoreIndex: number;
  readonly weight: Tensor | null;
  readonly labelSmoothing: number;
  constructor(options: CrossEntropyLossOptions = {}) {
    super();
    this.reduction = reductionOf('CrossEntropyLoss', options);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.weight = options.weight ?? null;
    this.labelSmoothing = options.labelSmoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    const { reduction, ignoreIndex, weight, labelSmoothing } = this;
    return F.crossEntropy(input, target, { reduction, ignoreIndex, weight, labelSmoothing });
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
    this.reduction = reductionOf('MSELoss', options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
  protected override _getName(): string {
    return 'MSELoss';
  }
}
