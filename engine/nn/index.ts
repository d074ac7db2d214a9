/**
 * torch.nn as `nn`: Module and Parameter, the layers, activations, losses and Sequential. Modules'
 * parameters are drawn from the library's seeded generator (manualSeed) with PyTorch's default bounds.
 * Exported as a namespace (`import { nn } from 'gradlens'`), so `nn.Linear` is a type as well as a class.
 */
export { Module } from './module';
export { Parameter } from './parameter';
export { Linear, Embedding, LayerNorm, Dropout } from './layers';
export { BatchNorm1d, BatchNorm2d } from './batchnorm';
export { ReLU, Tanh, Sigmoid, GELU } from './activations';
export { ELU, Hardtanh, ReLU6 } from './activations';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from './pooling';
export { CrossEntropyLoss, MSELoss } from './losses';
export { Sequential } from './container';
export type { LinearOptions, EmbeddingOptions, LayerNormOptions } from './layers';
export type { BatchNormOptions } from './batchnorm';
export type { GELUOptions } from './activations';
export type { CrossEntropyLossOptions, MSELossOptions } from './losses';
export { Conv1d, Conv2d } from './conv';
export type { ConvOptions } from './conv';
export { Softmax, LogSoftmax, LeakyReLU, Softplus } from './activations-more';
export type { SoftplusOptions } from './activations-more';
export { Flatten, Identity } from './shape';
export type { FlattenOptions } from './shape';
export { NLLLoss, L1Loss, BCELoss, BCEWithLogitsLoss, SmoothL1Loss, HuberLoss } from './losses';
export type { NLLLossOptions, ReductionLossOptions, BCELossOptions, SmoothL1LossOptions, HuberLossOptions } from './losses';
export { ModuleList } from './container';
export * as utils from './utils';
