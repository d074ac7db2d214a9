/**
 * BatchNorm1d and BatchNorm2d as torch 1.13's _BatchNorm: weight ones and bias zeros (nothing
 * drawn), running statistics zeros and ones and a batch counter, updated in training mode; in
 * evaluation mode the running statistics normalise. Buffers are plain tensor fields: they are not
 * parameters, as in torch.
 */
import type { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import { ArgumentError } from '../errors';
import { ones, zeros } from '../creation';
import { noGrad } from '../grad-mode';
import { batchNorm } from '../ops/nn/batch-norm';
import { Module } from './module';
import { Parameter } from './parameter';
import { count, floatOption, pyFloat } from './layers';

export interface BatchNormOptions {
  eps?: number;
  /** The running statistics' step (default 0.1); null: their cumulative average over the batches seen. */
  momentum?: number | null;
  /** Whether to learn a per-channel weight and bias (default true). */
  affine?: boolean;
  /** Whether to keep running statistics (default true); without them evaluation uses the batch's too. */
  trackRunningStats?: boolean;
  dtype?: Dtype;
}

abstract class BatchNormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  runningMean: Tensor | null;
  runningVar: Tensor | null;
  numBatchesTracked: Tensor | null;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super();
    const op = this._getName();
    this.numFeatures = count(op, 'numFeatures', numFeatures);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    if (typeof this.eps !== 'number') throw new ArgumentError(op, `argument 'eps' must be a number, got ${typeof this.eps}`);
    if (this.momentum !== null && typeof this.momentum !== 'number') throw new ArgumentError(op, `argument 'momentum' must be a number or null, got ${typeof this.momentum}`);
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    const dtype = floatOption(op, options.dtype);
    this.weight = this.affine ? Parameter(ones([numFeatures], { dtype })) : null;
    this.bias = this.affine ? Parameter(zeros([numFeatures], { dtype })) : null;
    this.runningMean = this.trackRunningStats ? zeros([numFeatures], { dtype }) : null;
    this.runningVar = this.trackRunningStats ? ones([numFeatures], { dtype }) : null;
    this.numBatchesTracked = this.trackRunningStats ? zeros([], { dtype: 'int64' }) : null;
    this._registerBuffers('runningMean', 'runningVar', 'numBatchesTracked');
  }

  /** The input ranks this module takes (torch's _check_input_dim). */
  protected abstract checkInputDim(input: Tensor): void;

  override forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    let factor = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.numBatchesTracked !== null) {
      const tracked = this.numBatchesTracked;
      noGrad(() => tracked.add_(1));
      if (this.momentum === null) factor = 1 / tracked.item();
    }
    const useBatch = this.training || (this.runningMean === null && this.runningVar === null);
    const useRunning = !this.training || this.trackRunningStats;
    return batchNorm(input, useRunning ? this.runningMean : null, useRunning ? this.runningVar : null, this.weight, this.bias, useBatch, factor, this.eps);
  }

  override extraRepr(): string {
    const py = (b: boolean): string => (b ? 'True' : 'False');
    const m = this.momentum === null ? 'None' : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${m}, affine=${py(this.affine)}, track_running_stats=${py(this.trackRunningStats)}`;
  }
}

/** Batch normalisation over [N, C] or [N, C, L] inputs (statistics per channel C). */
export class BatchNorm1d extends BatchNormBase {
  protected checkInputDim(input: Tensor): void {
    const r = input.shape.length;
    if (r !== 2 && r !== 3) throw new ArgumentError('BatchNorm1d', `expected 2D or 3D input (got ${r}D input)`);
  }
  protected override _getName(): string {
    return 'BatchNorm1d';
  }
}

/** Batch normalisation over [N, C, H, W] inputs (statistics per channel C). */
export class BatchNorm2d extends BatchNormBase {
  protected checkInputDim(input: Tensor): void {
    const r = input.shape.length;
    if (r !== 4) throw new ArgumentError('BatchNorm2d', `expected 4D input (got ${r}D input)`);
  }
  protected override _getName(): string {
    return 'BatchNorm2d';
  }
}
