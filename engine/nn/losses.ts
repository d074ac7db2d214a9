/** Loss modules: forward(input, target) is the functional loss with the module's options. */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { mseLoss, nllLoss, binaryCrossEntropyWithLogits, reductionOf, type Reduction } from '../ops/nn/loss';
import { l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy } from '../ops/nn/loss-extra';
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

export interface NLLLossOptions {
  reduction?: Reduction;
  ignoreIndex?: number;
  /** A weight per class (a 1-d tensor of C elements). */
  weight?: Tensor | null;
}

/** F.nllLoss over log-probabilities (PyTorch's nn.NLLLoss(weight, ignore_index, reduction)). */
export class NLLLoss extends Module {
  readonly reduction: Reduction;
  readonly ignoreIndex: number;
  readonly weight: Tensor | null;
  constructor(options: NLLLossOptions = {}) {
    super();
    this.reduction = reductionOf('NLLLoss', options);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    if (!Number.isInteger(this.ignoreIndex)) throw new ArgumentError('NLLLoss', `argument 'ignoreIndex' must be an integer, got ${String(this.ignoreIndex)}`);
    this.weight = options.weight ?? null;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    const { reduction, ignoreIndex, weight } = this;
    return nllLoss(input, target, { reduction, ignoreIndex, weight });
  }
  protected override _getName(): string {
    return 'NLLLoss';
  }
}

export interface ReductionLossOptions {
  reduction?: Reduction;
}

/** mean |input - target| (or sum, or none). */
export class L1Loss extends Module {
  readonly reduction: Reduction;
  constructor(options: ReductionLossOptions = {}) {
    super();
    this.reduction = reductionOf('L1Loss', options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
  protected override _getName(): string {
    return 'L1Loss';
  }
}

export interface BCELossOptions {
  reduction?: Reduction;
  /** A rescaling weight broadcast against the input. */
  weight?: Tensor | null;
}

/** -w (t log x + (1 - t) log(1 - x)) over probabilities x (torch clamps each log at -100). */
export class BCELoss extends Module {
  readonly reduction: Reduction;
  readonly weight: Tensor | null;
  constructor(options: BCELossOptions = {}) {
    super();
    this.reduction = reductionOf('BCELoss', options);
    this.weight = options.weight ?? null;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, { reduction: this.reduction, weight: this.weight });
  }
  protected override _getName(): string {
    return 'BCELoss';
  }
}

/** Sigmoid and BCELoss in one numerically stable op (no weight or pos_weight here). */
export class BCEWithLogitsLoss extends Module {
  readonly reduction: Reduction;
  constructor(options: ReductionLossOptions = {}) {
    super();
    this.reduction = reductionOf('BCEWithLogitsLoss', options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, { reduction: this.reduction });
  }
  protected override _getName(): string {
    return 'BCEWithLogitsLoss';
  }
}

function positiveOption(op: string, name: string, v: number): number {
  if (typeof v !== 'number' || !(v >= 0)) throw new ArgumentError(op, `argument '${name}' must be a non-negative number, got ${String(v)}`);
  return v;
}

export interface SmoothL1LossOptions {
  reduction?: Reduction;
  /** Where the loss turns from quadratic (0.5 d² / beta) to linear (|d| - 0.5 beta); default 1. */
  beta?: number;
}

export class SmoothL1Loss extends Module {
  readonly reduction: Reduction;
  readonly beta: number;
  constructor(options: SmoothL1LossOptions = {}) {
    super();
    this.reduction = reductionOf('SmoothL1Loss', options);
    this.beta = positiveOption('SmoothL1Loss', 'beta', options.beta ?? 1);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
  protected override _getName(): string {
    return 'SmoothL1Loss';
  }
}

export interface HuberLossOptions {
  reduction?: Reduction;
  /** Where the loss turns from quadratic (0.5 d²) to linear (delta (|d| - 0.5 delta)); default 1. */
  delta?: number;
}

export class HuberLoss extends Module {
  readonly reduction: Reduction;
  readonly delta: number;
  constructor(options: HuberLossOptions = {}) {
    super();
    this.reduction = reductionOf('HuberLoss', options);
    this.delta = positiveOption('HuberLoss', 'delta', options.delta ?? 1);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
  protected override _getName(): string {
    return 'HuberLoss';
  }
}
