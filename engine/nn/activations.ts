/** Activation modules: each forward is the functional op, so the graph shows the op's own grad_fn. */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { gelu, type GeluApproximate } from '../ops/nn/activation';
import { Module } from './module';

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
