/** The parameterised layers: Linear, Embedding, LayerNorm (and Dropout, which draws in training mode). */
import type { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import { getDefaultDtype } from '../dtype';
import { ArgumentError } from '../errors';
import { ones, zeros } from '../creation';
import { linear } from '../ops/nn/linear';
import { embedding } from '../ops/nn/embedding';
import { layerNorm } from '../ops/nn/layer-norm';
import { dropout } from '../ops/nn/dropout';
import { Module } from './module';
import { Parameter } from './parameter';
import { fanInBound, normal, uniform } from './init';

export function count(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ArgumentError(op, `argument '${name}' must be a non-negative integer, got ${String(v)}`);
  return v;
}

export function floatOption(op: string, dtype: Dtype | undefined): Dtype {
  const d = dtype ?? getDefaultDtype();
  if (d !== 'float32' && d !== 'float64') throw new ArgumentError(op, `argument 'dtype' must be a floating point dtype, got ${String(d)}`);
  return d;
}

export interface LinearOptions {
  /** Whether to learn an additive bias (default true). */
  bias?: boolean;
  dtype?: Dtype;
}

/** y = x Wᵀ + b with W of shape [out, in]; weight and bias drawn from U(-1/√in, 1/√in). */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Tensor;
  bias: Tensor | null;
  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    this.inFeatures = count('Linear', 'inFeatures', inFeatures);
    this.outFeatures = count('Linear', 'outFeatures', outFeatures);
    const dtype = floatOption('Linear', options.dtype);
    const bound = fanInBound(inFeatures);
    this.weight = Parameter(uniform('Linear', [outFeatures, inFeatures], dtype, -bound, bound));
    this.bias = options.bias === false ? null : Parameter(uniform('Linear', [outFeatures], dtype, -bound, bound));
  }
  override forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }
  protected override _getName(): string {
    return 'Linear';
  }
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias === null ? 'False' : 'True'}`;
  }
}

export interface EmbeddingOptions {
  /** The row that gets no gradient (and starts at zero). */
  paddingIdx?: number;
  dtype?: Dtype;
}

/** A lookup table of `numEmbeddings` rows of size `embeddingDim`, drawn from N(0, 1). */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  weight: Tensor;
  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    this.numEmbeddings = count('Embedding', 'numEmbeddings', numEmbeddings);
    this.embeddingDim = count('Embedding', 'embeddingDim', embeddingDim);
    const pad = options.paddingIdx;
    if (pad !== undefined && (!Number.isInteger(pad) || pad < -numEmbeddings || pad >= numEmbeddings)) {
      throw new ArgumentError('Embedding', `Padding_idx must be within num_embeddings (got ${String(pad)} for ${numEmbeddings} rows)`);
    }
    this.paddingIdx = pad === undefined ? null : pad < 0 ? pad + numEmbeddings : pad;
    const w = normal([numEmbeddings, embeddingDim], floatOption('Embedding', options.dtype));
    // the padding row starts at zero (a fresh tensor: its values are written directly, as random.ts does)
    if (this.paddingIdx !== null) w.dataSync().fill(0, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim);
    this.weight = Parameter(w);
  }
  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.paddingIdx);
  }
  protected override _getName(): string {
    return 'Embedding';
  }
  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === null ? '' : `, padding_idx=${this.paddingIdx}`}`;
  }
}

export interface LayerNormOptions {
  eps?: number;
  /** Learn a per-element weight (ones) and bias (zeros); default true. */
  elementwiseAffine?: boolean;
  dtype?: Dtype;
}

/** Normalises over the trailing `normalizedShape` dims, then scales and shifts. */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    shape.forEach((d, i) => count('LayerNorm', `normalizedShape[${i}]`, d));
    this.normalizedShape = shape;
    this.eps = options.eps ?? 1e-5;
    if (typeof this.eps !== 'number') throw new ArgumentError('LayerNorm', `argument 'eps' must be a number, got ${typeof this.eps}`);
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    const dtype = floatOption('LayerNorm', options.dtype);
    this.weight = this.elementwiseAffine ? Parameter(ones(shape, { dtype })) : null;
    this.bias = this.elementwiseAffine ? Parameter(zeros(shape, { dtype })) : null;
  }
  override forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }
  protected override _getName(): string {
    return 'LayerNorm';
  }
  override extraRepr(): string {
    const shape = this.normalizedShape.length === 1 ? `(${this.normalizedShape[0]},)` : `(${this.normalizedShape.join(', ')})`;
    return `${shape}, eps=${pyFloat(this.eps)}, elementwise_affine=${this.elementwiseAffine ? 'True' : 'False'}`;
  }
}

/** A float as Python's repr writes it: 1e-05, 0.5, 1.0 (exponent form below 1e-4 and from 1e16, two exponent digits at least). */
export function pyFloat(x: number): string {
  const a = Math.abs(x);
  if (a !== 0 && Number.isFinite(x) && (a < 1e-4 || a >= 1e16)) return x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  if (Number.isInteger(x)) return x.toFixed(1);
  return String(x);
}

/** Zeroes each element with probability p in training mode, scaling the rest by 1/(1-p); the identity in eval mode. */
export class Dropout extends Module {
  readonly p: number;
  constructor(p = 0.5) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new ArgumentError('Dropout', `dropout probability has to be between 0 and 1, but got ${String(p)}`);
    this.p = p;
  }
  override forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training);
  }
  protected override _getName(): string {
    return 'Dropout';
  }
  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
