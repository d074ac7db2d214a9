/**
 * More activation modules: Softmax, LogSoftmax, LeakyReLU, Softplus. Each forward is the functional
 * op, so the graph shows the op's own grad_fn.
 */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { leakyRelu, softplus } from '../ops/nn/activation';
import { Module } from './module';
import { pyFloat } from './layers';

function numberOption(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new ArgumentError(op, `argument '${name}' must be a number, got ${String(v)}`);
  return v;
}

function dimOption(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ArgumentError(op, `argument '${name}' must be an integer, got ${String(v)}`);
  return v;
}

/** A number as Python prints the value the user most likely passed: an integer as `20`, a fraction as `0.5`. */
function pyNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : pyFloat(x);
}

/**
 * torch's _get_softmax_dim for `dim=None` (deprecated, with a warning in torch): 0 for a 0-, 1- or
 * 3-d input, else 1.
 */
function implicitDim(ndim: number): number {
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

abstract class SoftmaxLike extends Module {
  readonly dim: number | null;
  constructor(op: string, dim: number | null | undefined) {
    super();
    this.dim = dim === undefined || dim === null ? null : dimOption(op, 'dim', dim);
  }
  protected dimFor(input: Tensor): number {
    return this.dim ?? implicitDim(input.shape.length);
  }
  override extraRepr(): string {
    return `dim=${this.dim === null ? 'None' : this.dim}`;
  }
}

/** softmax(x)_i = exp(x_i) / Σ_j exp(x_j) along `dim` (omitted: torch's implicit dim, see implicitDim). */
export class Softmax extends SoftmaxLike {
  constructor(dim?: number | null) {
    super('Softmax', dim);
  }
  override forward(input: Tensor): Tensor {
    return input.softmax(this.dimFor(input));
  }
  protected override _getName(): string {
    return 'Softmax';
  }
}

/** log_softmax(x)_i = x_i - log Σ_j exp(x_j) along `dim`. */
export class LogSoftmax extends SoftmaxLike {
  constructor(dim?: number | null) {
    super('LogSoftmax', dim);
  }
  override forward(input: Tensor): Tensor {
    return input.logSoftmax(this.dimFor(input));
  }
  protected override _getName(): string {
    return 'LogSoftmax';
  }
}

/** max(0, x) + negativeSlope · min(0, x). */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  constructor(negativeSlope = 0.01) {
    super();
    this.negativeSlope = numberOption('LeakyReLU', 'negativeSlope', negativeSlope);
  }
  override forward(input: Tensor): Tensor {
    return leakyRelu(input, this.negativeSlope);
  }
  protected override _getName(): string {
    return 'LeakyReLU';
  }
  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}`;
  }
}

export interface SoftplusOptions {
  /** Default 1: log(1 + exp(beta·x)) / beta. */
  beta?: number;
  /** Default 20: x itself where beta·x > threshold. */
  threshold?: number;
}

export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(options: SoftplusOptions = {}) {
    super();
    this.beta = numberOption('Softplus', 'beta', options.beta ?? 1);
    this.threshold = numberOption('Softplus', 'threshold', options.threshold ?? 20);
  }
  override forward(input: Tensor): Tensor {
    return softplus(input, { beta: this.beta, threshold: this.threshold });
  }
  protected override _getName(): string {
    return 'Softplus';
  }
  override extraRepr(): string {
    return `beta=${pyNumber(this.beta)}, threshold=${pyNumber(this.threshold)}`;
  }
}
