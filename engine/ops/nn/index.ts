/** The nn op definitions (one entry per grad function), merged into ops/index.ts and the gradcheck table. */
import { Softmax, LogSoftmax, Logsumexp } from './softmax';
import { Erf, LeakyRelu, Gelu, Softplus } from './activation';
import { MseLoss, NllLoss, BinaryCrossEntropyWithLogits } from './loss';
import { NativeLayerNorm } from './layer-norm';
import { Convolution, ConvInputGrad, ConvWeightGrad } from './conv';
import { Embedding } from './embedding';
import { BinaryCrossEntropy, HuberLoss, SmoothL1Loss } from './loss-extra';
import { MaskedSelect } from './label-smoothing';

export const nnOps = {
  softmax: Softmax, logSoftmax: LogSoftmax, logsumexp: Logsumexp,
  erf: Erf, leakyRelu: LeakyRelu, gelu: Gelu, softplus: Softplus,
  mseLoss: MseLoss, nllLoss: NllLoss, binaryCrossEntropyWithLogits: BinaryCrossEntropyWithLogits,
  nativeLayerNorm: NativeLayerNorm,
  convolution: Convolution, convInputGrad: ConvInputGrad, convWeightGrad: ConvWeightGrad,
  embedding: Embedding,
  smoothL1Loss: SmoothL1Loss, huberLoss: HuberLoss, binaryCrossEntropy: BinaryCrossEntropy, maskedSelect: MaskedSelect,
} as const;

export type NnOpName = keyof typeof nnOps;
