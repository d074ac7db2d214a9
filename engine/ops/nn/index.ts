/** The nn op definitions (one entry per grad function), merged into ops/index.ts and the gradcheck table. */
import { Softmax, LogSoftmax, Logsumexp, SoftmaxBackwardData, LogSoftmaxBackwardData } from './softmax';
import { Erf, LeakyRelu, Gelu, Softplus, GeluBackward, LeakyReluBackward, SoftplusBackward } from './activation';
import { MseLoss, NllLoss, BinaryCrossEntropyWithLogits, MseLossBackward, NllLossBackward } from './loss';
import { NativeLayerNorm } from './layer-norm';
import { NativeBatchNorm } from './batch-norm';
import { NativeLayerNormBackward } from './layer-norm-backward';
import { BatchNormInputGrad, BatchNormWeightGrad, BatchNormBiasGrad } from './batch-norm-backward';
import { Convolution, ConvBiasGrad, ConvInputGrad, ConvWeightGrad } from './conv';
import { Embedding, EmbeddingDenseBackward } from './embedding';
import { BinaryCrossEntropy, BinaryCrossEntropyBackward, HuberLoss, HuberLossBackward, SmoothL1Loss, SmoothL1LossBackward } from './loss-extra';
import { MaskedSelect } from './label-smoothing';
import { Elu, EluBackward, Hardtanh, HardtanhBackward } from './activation-bounded';
import { AdaptiveAvgPool2D, AdaptiveAvgPool2DBackward, AvgPool2D, AvgPool2DBackward, MaxPool2D, MaxPool2DBackward } from './pool';

export const nnOps = {
  softmax: Softmax, logSoftmax: LogSoftmax, logsumexp: Logsumexp,
  erf: Erf, leakyRelu: LeakyRelu, gelu: Gelu, softplus: Softplus,
  mseLoss: MseLoss, nllLoss: NllLoss, binaryCrossEntropyWithLogits: BinaryCrossEntropyWithLogits,
  nativeLayerNorm: NativeLayerNorm, nativeBatchNorm: NativeBatchNorm,
  convolution: Convolution, convInputGrad: ConvInputGrad, convWeightGrad: ConvWeightGrad, convBiasGrad: ConvBiasGrad,
  embedding: Embedding,
  elu: Elu, hardtanh: Hardtanh,
  maxPool2d: MaxPool2D, avgPool2d: AvgPool2D, adaptiveAvgPool2d: AdaptiveAvgPool2D,
  smoothL1Loss: SmoothL1Loss, huberLoss: HuberLoss, binaryCrossEntropy: BinaryCrossEntropy, maskedSelect: MaskedSelect,
  // backward kernels: recorded by the backwards above under createGraph (engine/ops/backward-kernel.ts)
  softmaxBackwardData: SoftmaxBackwardData, logSoftmaxBackwardData: LogSoftmaxBackwardData,
  geluBackward: GeluBackward, leakyReluBackward: LeakyReluBackward, softplusBackward: SoftplusBackward,
  mseLossBackward: MseLossBackward, nllLossBackward: NllLossBackward,
  smoothL1LossBackward: SmoothL1LossBackward, huberLossBackward: HuberLossBackward, binaryCrossEntropyBackward: BinaryCrossEntropyBackward,
  nativeLayerNormBackward: NativeLayerNormBackward, eluBackward: EluBackward, hardtanhBackward: HardtanhBackward,
  maxPool2dBackward: MaxPool2DBackward, avgPool2dBackward: AvgPool2DBackward, adaptiveAvgPool2dBackward: AdaptiveAvgPool2DBackward, embeddingDenseBackward: EmbeddingDenseBackward,
  batchNormInputGrad: BatchNormInputGrad, batchNormWeightGrad: BatchNormWeightGrad, batchNormBiasGrad: BatchNormBiasGrad,
} as const;

export type NnOpName = keyof typeof nnOps;
