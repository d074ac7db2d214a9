/**
 * Conv1d and Conv2d over F.conv1d / F.conv2d (groups = 1, zero padding). Initialised as torch 1.13's
 * _ConvNd.reset_parameters: weight kaiming_uniform_(a = √5), i.e. U(-1/√fan_in, 1/√fan_in) with
 * fan_in = in_channels · prod(kernel_size); bias U(-1/√fan_in, 1/√fan_in) — the same bounds as Linear,
 * drawn from the library's seeded generator (weight first, then bias, as torch draws them).
 */
import type { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import { getDefaultDtype } from '../dtype';
import { ArgumentError } from '../errors';
import { convNd } from '../ops/nn/conv';
import { Module } from './module';
import { Parameter } from './parameter';
import { fanInBound, uniform } from './init';

export interface ConvOptions {
  /** Default 1; one number for every spatial dim (the functional conv takes no per-dim tuple). */
  stride?: number;
  /** Zero padding on each side, default 0. */
  padding?: number;
  dilation?: number;
  /** Whether to learn an additive bias (default true). */
  bias?: boolean;
  dtype?: Dtype;
}

function intAtLeast(op: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ArgumentError(op, `argument '${name}' must be an integer >= ${min}, got ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`);
  return v;
}

/** kernelSize as a tuple of `spatial` sizes: a number repeats (torch's _single / _pair). */
function kernelOf(op: string, spatial: 1 | 2, k: number | readonly number[]): number[] {
  const ks = typeof k === 'number' ? new Array<number>(spatial).fill(k) : Array.isArray(k) ? [...(k as number[])] : [];
  if (ks.length !== spatial) throw new ArgumentError(op, `argument 'kernelSize' must be a number or ${spatial} numbers, got ${String(k)}`);
  ks.forEach((v, i) => intAtLeast(op, `kernelSize[${i}]`, v, 1));
  return ks;
}

/** Python's tuple text: (3,) for one element, (3, 3) for two. */
function tuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

abstract class ConvNd extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  weight: Tensor;
  bias: Tensor | null;
  constructor(private readonly spatial: 1 | 2, inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions) {
    super();
    const op = spatial === 1 ? 'Conv1d' : 'Conv2d';
    if (typeof options !== 'object' || options === null) throw new ArgumentError(op, `argument 'options' must be an object, got ${options === null ? 'null' : typeof options}`);
    this.inChannels = intAtLeast(op, 'inChannels', inChannels, 1);
    this.outChannels = intAtLeast(op, 'outChannels', outChannels, 1);
    this.kernelSize = kernelOf(op, spatial, kernelSize);
    this.stride = intAtLeast(op, 'stride', options.stride ?? 1, 1);
    this.padding = intAtLeast(op, 'padding', options.padding ?? 0, 0);
    this.dilation = intAtLeast(op, 'dilation', options.dilation ?? 1, 1);
    const dtype = options.dtype ?? getDefaultDtype();
    if (dtype !== 'float32' && dtype !== 'float64') throw new ArgumentError(op, `argument 'dtype' must be a floating point dtype, got ${String(dtype)}`);
    const bound = fanInBound(inChannels * this.kernelSize.reduce((a, b) => a * b, 1));
    this.weight = Parameter(uniform(op, [outChannels, inChannels, ...this.kernelSize], dtype, -bound, bound));
    this.bias = options.bias === false ? null : Parameter(uniform(op, [outChannels], dtype, -bound, bound));
  }
  override forward(input: Tensor): Tensor {
    return convNd(this.spatial, input, this.weight, this.bias, this.stride, this.padding, this.dilation);
  }
  /** torch's _ConvNd.extra_repr: padding, dilation and bias only when not their defaults. */
  override extraRepr(): string {
    const n = this.spatial;
    const rep = (v: number): string => tuple(new Array<number>(n).fill(v));
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${tuple(this.kernelSize)}, stride=${rep(this.stride)}`;
    if (this.padding !== 0) s += `, padding=${rep(this.padding)}`;
    if (this.dilation !== 1) s += `, dilation=${rep(this.dilation)}`;
    if (this.bias === null) s += ', bias=False';
    return s;
  }
}

/** 1-d convolution over [N, C_in, L]; weight [C_out, C_in, k]. */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly [number], options: ConvOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
  protected override _getName(): string {
    return 'Conv1d';
  }
}

/** 2-d convolution over [N, C_in, H, W]; weight [C_out, C_in, kH, kW]. */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly [number, number], options: ConvOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
  protected override _getName(): string {
    return 'Conv2d';
  }
}
