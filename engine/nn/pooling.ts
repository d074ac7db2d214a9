/**
 * Pooling modules: nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, torch's constructor arguments
 * in torch's order; each forward is the functional op (engine/ops/nn/pool-api.ts).
 */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d } from '../ops/nn/pool-api';
import type { IntOrPair } from '../ops/nn/pool-api';
import { Module } from './module';

const show = (v: IntOrPair | null): string => (v === null ? 'None' : typeof v === 'number' ? String(v) : `(${v[0]}, ${v[1]})`);
const py = (b: boolean): string => (b ? 'True' : 'False');

/** nn.MaxPool2d(kernelSize, stride = kernelSize, padding = 0, dilation = 1, returnIndices = false, ceilMode = false). */
export class MaxPool2d extends Module {
  readonly kernelSize: IntOrPair;
  readonly stride: IntOrPair;
  readonly padding: IntOrPair;
  readonly dilation: IntOrPair;
  readonly ceilMode: boolean;
  constructor(kernelSize: IntOrPair, stride?: IntOrPair | null, padding: IntOrPair = 0, dilation: IntOrPair = 1, returnIndices = false, ceilMode = false) {
    super();
    if (returnIndices) throw new ArgumentError('MaxPool2d', 'returnIndices is not supported');
    this.kernelSize = kernelSize;
    this.stride = stride ?? kernelSize;
    this.padding = padding;
    this.dilation = dilation;
    this.ceilMode = ceilMode;
  }
  override forward(input: Tensor): Tensor {
    return maxPool2d(input, this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode);
  }
  protected override _getName(): string {
    return 'MaxPool2d';
  }
  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}, dilation=${show(this.dilation)}, ceil_mode=${py(this.ceilMode)}`;
  }
}

/** nn.AvgPool2d(kernelSize, stride = kernelSize, padding = 0, ceilMode = false, countIncludePad = true). */
export class AvgPool2d extends Module {
  readonly kernelSize: IntOrPair;
  readonly stride: IntOrPair;
  readonly padding: IntOrPair;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  constructor(kernelSize: IntOrPair, stride?: IntOrPair | null, padding: IntOrPair = 0, ceilMode = false, countIncludePad = true) {
    super();
    this.kernelSize = kernelSize;
    this.stride = stride ?? kernelSize;
    this.padding = padding;
    this.ceilMode = ceilMode;
    this.countIncludePad = countIncludePad;
  }
  override forward(input: Tensor): Tensor {
    return avgPool2d(input, this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad);
  }
  protected override _getName(): string {
    return 'AvgPool2d';
  }
  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}`;
  }
}

/** nn.AdaptiveAvgPool2d(outputSize): an int, or a pair whose null entries keep the input's size. */
export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: number | readonly [number | null, number | null];
  constructor(outputSize: number | readonly [number | null, number | null]) {
    super();
    this.outputSize = outputSize;
  }
  override forward(input: Tensor): Tensor {
    return adaptiveAvgPool2d(input, this.outputSize);
  }
  protected override _getName(): string {
    return 'AdaptiveAvgPool2d';
  }
  override extraRepr(): string {
    const o = this.outputSize;
    return `output_size=${typeof o === 'number' ? o : `(${o.map((v) => (v === null ? 'None' : String(v))).join(', ')})`}`;
  }
}
