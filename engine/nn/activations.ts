/** Activation modules: each forward is the functional op, so the graph shows the op's own grad_fn. */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { gelu, type GeluApproximate } from '../ops/nn/activation';
import { elu, hardtanh, relu6 } from '../ops/nn/activation-bounded';
import { Module } from './module';
import { pyFloat } from './layers';

export class ReLU extends Module {
  override forward(input: Tensor): Tensor {
    return input.relu();
  }
  protected override _getName(): string {
    return 'ReLU';
  }
}

export class Tanh extends Module {
  override forward(input: Tensor): Tensor {
    return input.tanh();
  }
  protected override _getName(): string {
    return 'Tanh';
  }
}

export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
  protected override _getName(): string {
    return 'Sigmoid';
  }
}

export interface GELUOptions {
  /** 'none' (exact, the default) or 'tanh'. */
  approximate?: GeluApproximate;
}

export class GELU extends Module {
  readonly approximate: GeluApproximate;
  constructor(options: GELUOptions = {}) {
    super();
    const a = options.approximate ?? 'none';
    if (a !== 'none' && a !== 'tanh') throw new ArgumentError('GELU', `approximate argument must be either none or tanh, got ${String(a)}`);
    this.approximate = a;
  }
  override forward(input: Tensor): Tensor {
    return gelu(input, { approximate: this.approximate });
  }
  protected override _getName(): string {
    return 'GELU';
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** nn.ELU(alpha = 1): elu(x) = x for x > 0, alpha (exp(x) - 1) otherwise. */
export class ELU extends Module {
  readonly alpha: number;
  constructor(alpha = 1) {
    super();
    this.alpha = alpha;
  }
  override forward(input: Tensor): Tensor {
    return elu(input, this.alpha);
  }
  protected override _getName(): string {
    return 'ELU';
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

/** nn.Hardtanh(minVal = -1, maxVal = 1): x clamped to [minVal, maxVal]. */
export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  constructor(minVal = -1, maxVal = 1) {
    super();
    if (minVal > maxVal) throw new ArgumentError('Hardtanh', `minVal (${minVal}) cannot be greater than maxVal (${maxVal})`);
    this.minVal = minVal;
    this.maxVal = maxVal;
  }
  override forward(input: Tensor): Tensor {
    return hardtanh(input, this.minVal, this.maxVal);
  }
  protected override _getName(): string {
    return 'Hardtanh';
  }
  override extraRepr(): string {
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}`;
  }
}

/** nn.ReLU6(): hardtanh(x, 0, 6) (HardtanhBackward0, as torch records it). */
export class ReLU6 extends Module {
  override forward(input: Tensor): Tensor {
    return relu6(input);
  }
  protected override _getName(): string {
    return 'ReLU6';
  }
}
