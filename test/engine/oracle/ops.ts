/**
 * The oracle's op table (README "Ops") mapped onto the gradlens public API, the way a user writes
 * it: Python operators become the free functions (numbers allowed on either side), torch.<op> and
 * Tensor methods become methods, F.* becomes the F namespace with kwargs as trailing options.
 */
import { F, add, cat, div, mul, pow, stack, sub, tensor } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { VIEW_OPS } from './ops-views';
import type { ViewOracleOp } from './ops-views';
import {
  bound, dims, dtypeKw, indexItem, int, intList, intOrList, names, nllOptions, operand, optBool, optNumber, optTensor,
  order, part, piece, reduction, tensorArg, varOptions, StepError, type OpImpl,
} from './op-args';
import type { IndexEntry } from './format';
import { NN_OPS } from './ops-nn';
import type { NnOracleOp } from './ops-nn';
import { INPLACE_OPS } from './ops-inplace';
import type { InplaceOracleOp } from './ops-inplace';

export type OracleOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sin' | 'cos' | 'tanh'
  | 'sigmoid' | 'relu' | 'leaky_relu' | 'gelu' | 'softplus' | 'clamp' | 'maximum' | 'minimum' | 'where'
  | 'sum' | 'mean' | 'max' | 'amax' | 'var' | 'std' | 'logsumexp' | 'matmul' | 'transpose' | 'permute'
  | 'reshape' | 'view' | 'squeeze' | 'unsqueeze' | 'expand' | 'cat' | 'stack' | 'getitem' | 'select'
  | 'softmax' | 'log_softmax' | 'mse_loss' | 'cross_entropy' | 'binary_cross_entropy_with_logits'
  | 'nll_loss' | 'linear' | 'conv1d' | 'conv2d' | 'layer_norm' | 'batch_norm' | 'detach' | 'data' | 'set_data' | 'gt' | 'lt'
  | 'index_put' | 'index_put_' | 'mul_' | 'add_' | 'sub_' | 'div_' | 'int' | 'long'
  | 'log1p' | 'expm1' | 'log2' | 'log10' | 'rsqrt' | 'square' | 'round' | 'floor' | 'ceil' | 'trunc' | 'sign' | 'sinh' | 'cosh'
  | 'clamp_min' | 'clamp_max' | 'float' | 'double' | 'bool' | 'to'
  | 'flip' | 'roll' | 'repeat' | 'tril' | 'triu' | 'masked_fill' | 'masked_fill_' | 'cumsum' | 'cumprod' | 'prod' | 'norm'
  | 'isnan' | 'isinf' | 'all' | 'any' | 'nan_to_num' | 'allclose' | 'flatten' | 'unflatten' | 'one_hot'
  | 'split' | 'chunk' | 'unbind' | 'sort' | 'argsort' | 'topk' | 'gather' | 'scatter' | 'scatter_add'
  | 'l1_loss' | 'smooth_l1_loss' | 'huber_loss' | 'binary_cross_entropy' | 'fmod' | 'remainder' | ViewOracleOp | NnOracleOp | InplaceOracleOp;

/** An in-place method (mul_, add_, ...) on argument 0 with argument 1 (a tensor or a number). */
const inplace = (f: (t: Tensor, o: Tensor | number) => Tensor): OpImpl => (a) => f(tensorArg(a, 0, 'inplace'), operand(a, 1, 'inplace'));

const unary = (f: (t: Tensor) => Tensor): OpImpl => (a) => f(tensorArg(a, 0, 'unary'));

export const ORACLE_OPS: Record<OracleOp, OpImpl> = {
  add: (a) => add(operand(a, 0, 'add'), operand(a, 1, 'add')),
  sub: (a) => sub(operand(a, 0, 'sub'), operand(a, 1, 'sub')),
  mul: (a) => mul(operand(a, 0, 'mul'), operand(a, 1, 'mul')),
  div: (a) => div(operand(a, 0, 'div'), operand(a, 1, 'div')),
  pow: (a) => pow(operand(a, 0, 'pow'), operand(a, 1, 'pow')),
  neg: unary((t) => t.neg()),
  exp: unary((t) => t.exp()),
  log: unary((t) => t.log()),
  sqrt: unary((t) => t.sqrt()),
  abs: unary((t) => t.abs()),
  sin: unary((t) => t.sin()),
  cos: unary((t) => t.cos()),
  tanh: unary((t) => t.tanh()),
  sigmoid: unary((t) => t.sigmoid()),
  relu: unary((t) => t.relu()),
  leaky_relu: (a, k) => F.leakyRelu(tensorArg(a, 0, 'leaky_relu'), optNumber(k, 'negative_slope', 0.01)),
  gelu: (a, k) => {
    const approximate = k.approximate ?? 'none';
    if (approximate !== 'none' && approximate !== 'tanh') throw new StepError(`gelu: unknown approximate ${JSON.stringify(approximate)}`);
    return F.gelu(tensorArg(a, 0, 'gelu'), { approximate });
  },
  softplus: (a, k) => F.softplus(tensorArg(a, 0, 'softplus'), { beta: optNumber(k, 'beta', 1), threshold: optNumber(k, 'threshold', 20) }),
  clamp: (a, k) => tensorArg(a, 0, 'clamp').clamp(typeof k.min === 'number' ? k.min : null, typeof k.max === 'number' ? k.max : null),
  maximum: (a) => tensorArg(a, 0, 'maximum').maximum(tensorArg(a, 1, 'maximum')),
  minimum: (a) => tensorArg(a, 0, 'minimum').minimum(tensorArg(a, 1, 'minimum')),
  where: (a) => tensorArg(a, 1, 'where').where(tensorArg(a, 0, 'where'), operand(a, 2, 'where')),
  sum: (a, k) => tensorArg(a, 0, 'sum').sum(dims(k, 'sum'), optBool(k, 'keepdim', false)),
  mean: (a, k) => tensorArg(a, 0, 'mean').mean(dims(k, 'mean'), optBool(k, 'keepdim', false)),
  max: (a, k) => {
    const t = tensorArg(a, 0, 'max');
    return k.dim === undefined || k.dim === null ? t.max() : t.max(int(k, 'dim', 'max'), optBool(k, 'keepdim', false)).values;
  },
  amax: (a, k) => tensorArg(a, 0, 'amax').amax(dims(k, 'amax') ?? [], optBool(k, 'keepdim', false)),
  var: (a, k) => tensorArg(a, 0, 'var').var(dims(k, 'var') ?? null, varOptions(k)),
  std: (a, k) => tensorArg(a, 0, 'std').std(dims(k, 'std') ?? null, varOptions(k)),
  logsumexp: (a, k) => F.logsumexp(tensorArg(a, 0, 'logsumexp'), dims(k, 'logsumexp') ?? [], optBool(k, 'keepdim', false)),
  matmul: (a) => tensorArg(a, 0, 'matmul').matmul(tensorArg(a, 1, 'matmul')),
  transpose: (a, k) => tensorArg(a, 0, 'transpose').transpose(int(k, 'dim0', 'transpose'), int(k, 'dim1', 'transpose')),
  permute: (a, k) => tensorArg(a, 0, 'permute').permute(intList(k, 'dims', 'permute')),
  reshape: (a, k) => tensorArg(a, 0, 'reshape').reshape(intList(k, 'shape', 'reshape')),
  view: (a, k) => tensorArg(a, 0, 'view').view(intList(k, 'shape', 'view')),
  squeeze: (a, k) => (k.dim === undefined || k.dim === null ? tensorArg(a, 0, 'squeeze').squeeze() : tensorArg(a, 0, 'squeeze').squeeze(int(k, 'dim', 'squeeze'))),
  unsqueeze: (a, k) => tensorArg(a, 0, 'unsqueeze').unsqueeze(int(k, 'dim', 'unsqueeze')),
  expand: (a, k) => tensorArg(a, 0, 'expand').expand(intList(k, 'size', 'expand')),
  cat: (a, k) => cat(a.map((_, i) => tensorArg(a, i, 'cat')), int(k, 'dim', 'cat')),
  stack: (a, k) => stack(a.map((_, i) => tensorArg(a, i, 'stack')), int(k, 'dim', 'stack')),
  getitem: (a, k, named) => {
    const index = k.index;
    if (!Array.isArray(index)) throw new StepError('getitem: kwarg index must be a list');
    return tensorArg(a, 0, 'getitem').index((index as IndexEntry[]).map((e) => indexItem(e, named)));
  },
  select: (a, k) => tensorArg(a, 0, 'select').select(int(k, 'dim', 'select'), int(k, 'index', 'select')),
  softmax: (a, k) => F.softmax(tensorArg(a, 0, 'softmax'), int(k, 'dim', 'softmax')),
  log_softmax: (a, k) => F.logSoftmax(tensorArg(a, 0, 'log_softmax'), int(k, 'dim', 'log_softmax')),
  mse_loss: (a, k) => F.mseLoss(tensorArg(a, 0, 'mse_loss'), tensorArg(a, 1, 'mse_loss'), { reduction: reduction(k, 'mse_loss') }),
  cross_entropy: (a, k) => F.crossEntropy(tensorArg(a, 0, 'cross_entropy'), tensorArg(a, 1, 'cross_entropy'), nllOptions(a, k, 'cross_entropy')),
  binary_cross_entropy_with_logits: (a, k) => F.binaryCrossEntropyWithLogits(tensorArg(a, 0, 'bce'), tensorArg(a, 1, 'bce'), { reduction: reduction(k, 'bce') }),
  nll_loss: (a, k) => F.nllLoss(tensorArg(a, 0, 'nll_loss'), tensorArg(a, 1, 'nll_loss'), nllOptions(a, k, 'nll_loss')),
  linear: (a) => F.linear(tensorArg(a, 0, 'linear'), tensorArg(a, 1, 'linear'), optTensor(a, 2, 'linear')),
  conv1d: (a, k) => F.conv1d(tensorArg(a, 0, 'conv1d'), tensorArg(a, 1, 'conv1d'), optTensor(a, 2, 'conv1d'),
    optNumber(k, 'stride', 1), optNumber(k, 'padding', 0), optNumber(k, 'dilation', 1)),
  conv2d: (a, k) => F.conv2d(tensorArg(a, 0, 'conv2d'), tensorArg(a, 1, 'conv2d'), optTensor(a, 2, 'conv2d'),
    optNumber(k, 'stride', 1), optNumber(k, 'padding', 0), optNumber(k, 'dilation', 1)),
  layer_norm: (a, k) => F.layerNorm(tensorArg(a, 0, 'layer_norm'), intList(k, 'normalized_shape', 'layer_norm'),
    optTensor(a, 1, 'layer_norm'), optTensor(a, 2, 'layer_norm'), optNumber(k, 'eps', 1e-5)),
  batch_norm: (a, k) => F.batchNorm(tensorArg(a, 0, 'batch_norm'), optTensor(a, 1, 'batch_norm'), optTensor(a, 2, 'batch_norm'), optTensor(a, 3, 'batch_norm'),
    optTensor(a, 4, 'batch_norm'), optBool(k, 'training', false), optNumber(k, 'momentum', 0.1), optNumber(k, 'eps', 1e-5)),
  detach: unary((t) => t.detach()),
  data: unary((t) => t.data),
  gt: (a) => tensorArg(a, 0, 'gt').gt(operand(a, 1, 'gt')),
  lt: (a) => tensorArg(a, 0, 'lt').lt(operand(a, 1, 'lt')),
  set_data: (a) => {
    const t = tensorArg(a, 0, 'set_data');
    t.data = tensorArg(a, 1, 'set_data');
    return t;
  },
  index_put: (a, k, named) => tensorArg(a, 0, 'index_put').indexPut(names(k, 'indices', 'index_put', named), tensorArg(a, 1, 'index_put'), optBool(k, 'accumulate', false)),
  index_put_: (a, k, named) => tensorArg(a, 0, 'index_put_').indexPut_(names(k, 'indices', 'index_put_', named), tensorArg(a, 1, 'index_put_'), optBool(k, 'accumulate', false)),
  mul_: inplace((t, o) => t.mul_(o)),
  add_: inplace((t, o) => t.add_(o)),
  sub_: inplace((t, o) => t.sub_(o)),
  div_: inplace((t, o) => t.div_(o)),
  int: unary((t) => t.int()),
  long: unary((t) => t.long()),
  log1p: unary((t) => t.log1p()),
  expm1: unary((t) => t.expm1()),
  sinh: unary((t) => t.sinh()),
  cosh: unary((t) => t.cosh()),
  log2: unary((t) => t.log2()),
  log10: unary((t) => t.log10()),
  rsqrt: unary((t) => t.rsqrt()),
  square: unary((t) => t.square()),
  round: unary((t) => t.round()),
  floor: unary((t) => t.floor()),
  ceil: unary((t) => t.ceil()),
  trunc: unary((t) => t.trunc()),
  sign: unary((t) => t.sign()),
  clamp_min: (a, k) => tensorArg(a, 0, 'clamp_min').clampMin(optNumber(k, 'min', NaN)),
  clamp_max: (a, k) => tensorArg(a, 0, 'clamp_max').clampMax(optNumber(k, 'max', NaN)),
  float: unary((t) => t.float()),
  double: unary((t) => t.double()),
  bool: unary((t) => t.bool()),
  to: (a, k) => tensorArg(a, 0, 'to').to(dtypeKw(k, 'to')),
  flip: (a, k) => tensorArg(a, 0, 'flip').flip(intList(k, 'dims', 'flip')),
  roll: (a, k) => tensorArg(a, 0, 'roll').roll(intOrList(k, 'shifts', 'roll'), k.dims === undefined || k.dims === null ? undefined : intOrList(k, 'dims', 'roll')),
  repeat: (a, k) => tensorArg(a, 0, 'repeat').repeat(intList(k, 'sizes', 'repeat')),
  tril: (a, k) => tensorArg(a, 0, 'tril').tril(optNumber(k, 'diagonal', 0)),
  triu: (a, k) => tensorArg(a, 0, 'triu').triu(optNumber(k, 'diagonal', 0)),
  masked_fill: (a, k) => tensorArg(a, 0, 'masked_fill').maskedFill(tensorArg(a, 1, 'masked_fill'), bound(k.value ?? null)),
  masked_fill_: (a, k) => tensorArg(a, 0, 'masked_fill_').maskedFill_(tensorArg(a, 1, 'masked_fill_'), bound(k.value ?? null)),
  cumsum: (a, k) => tensorArg(a, 0, 'cumsum').cumsum(int(k, 'dim', 'cumsum')),
  cumprod: (a, k) => tensorArg(a, 0, 'cumprod').cumprod(int(k, 'dim', 'cumprod')),
  prod: (a, k) => (k.dim === undefined || k.dim === null ? tensorArg(a, 0, 'prod').prod() : tensorArg(a, 0, 'prod').prod(int(k, 'dim', 'prod'), optBool(k, 'keepdim', false))),
  norm: (a, k) => tensorArg(a, 0, 'norm').norm(order(k.p ?? 2), dims(k, 'norm'), optBool(k, 'keepdim', false)),
  isnan: unary((t) => t.isnan()),
  all: (a, k) => (k.dim === undefined || k.dim === null ? tensorArg(a, 0, 'all').all() : tensorArg(a, 0, 'all').all(int(k, 'dim', 'all'), optBool(k, 'keepdim', false))),
  any: (a, k) => (k.dim === undefined || k.dim === null ? tensorArg(a, 0, 'any').any() : tensorArg(a, 0, 'any').any(int(k, 'dim', 'any'), optBool(k, 'keepdim', false))),
  isinf: unary((t) => t.isinf()),
  nan_to_num: (a, k) => tensorArg(a, 0, 'nan_to_num').nanToNum({ nan: optNumber(k, 'nan', 0), posinf: k.posinf === undefined ? null : bound(k.posinf), neginf: k.neginf === undefined ? null : bound(k.neginf) }),
  allclose: (a, k) => tensor(tensorArg(a, 0, 'allclose').allclose(tensorArg(a, 1, 'allclose'), { rtol: optNumber(k, 'rtol', 1e-5), atol: optNumber(k, 'atol', 1e-8), equalNan: optBool(k, 'equal_nan', false) })),
  flatten: (a, k) => tensorArg(a, 0, 'flatten').flatten(optNumber(k, 'start_dim', 0), optNumber(k, 'end_dim', -1)),
  unflatten: (a, k) => tensorArg(a, 0, 'unflatten').unflatten(int(k, 'dim', 'unflatten'), intList(k, 'sizes', 'unflatten')),
  one_hot: (a, k) => F.oneHot(tensorArg(a, 0, 'one_hot'), optNumber(k, 'num_classes', -1)),
  split: (a, k) => piece(tensorArg(a, 0, 'split').split(intOrList(k, 'split_size', 'split'), optNumber(k, 'dim', 0)), k),
  chunk: (a, k) => piece(tensorArg(a, 0, 'chunk').chunk(int(k, 'chunks', 'chunk'), optNumber(k, 'dim', 0)), k),
  unbind: (a, k) => piece(tensorArg(a, 0, 'unbind').unbind(optNumber(k, 'dim', 0)), k),
  sort: (a, k) => part(tensorArg(a, 0, 'sort').sort(optNumber(k, 'dim', -1), optBool(k, 'descending', false)), k),
  argsort: (a, k) => tensorArg(a, 0, 'argsort').argsort(optNumber(k, 'dim', -1), optBool(k, 'descending', false)),
  topk: (a, k) => part(tensorArg(a, 0, 'topk').topk(int(k, 'k', 'topk'), optNumber(k, 'dim', -1), optBool(k, 'largest', true)), k),
  gather: (a, k) => tensorArg(a, 0, 'gather').gather(int(k, 'dim', 'gather'), tensorArg(a, 1, 'gather')),
  scatter: (a, k) => tensorArg(a, 0, 'scatter').scatter(int(k, 'dim', 'scatter'), tensorArg(a, 1, 'scatter'), a.length > 2 ? tensorArg(a, 2, 'scatter') : bound(k.value ?? null)),
  scatter_add: (a, k) => tensorArg(a, 0, 'scatter_add').scatterAdd(int(k, 'dim', 'scatter_add'), tensorArg(a, 1, 'scatter_add'), tensorArg(a, 2, 'scatter_add')),
  fmod: (a) => tensorArg(a, 0, 'fmod').fmod(operand(a, 1, 'fmod')),
  remainder: (a) => tensorArg(a, 0, 'remainder').remainder(operand(a, 1, 'remainder')),
  l1_loss: (a, k) => F.l1Loss(tensorArg(a, 0, 'l1_loss'), tensorArg(a, 1, 'l1_loss'), { reduction: reduction(k, 'l1_loss') }),
  smooth_l1_loss: (a, k) => F.smoothL1Loss(tensorArg(a, 0, 'smooth_l1_loss'), tensorArg(a, 1, 'smooth_l1_loss'), { reduction: reduction(k, 'smooth_l1_loss'), beta: optNumber(k, 'beta', 1) }),
  huber_loss: (a, k) => F.huberLoss(tensorArg(a, 0, 'huber_loss'), tensorArg(a, 1, 'huber_loss'), { reduction: reduction(k, 'huber_loss'), delta: optNumber(k, 'delta', 1) }),
  binary_cross_entropy: (a, k) => F.binaryCrossEntropy(tensorArg(a, 0, 'bce'), tensorArg(a, 1, 'bce'), { reduction: reduction(k, 'bce'), weight: optTensor(a, 2, 'bce') }),
  ...VIEW_OPS,
  ...NN_OPS,
  ...INPLACE_OPS,
};

export function isOracleOp(op: string): op is OracleOp {
  return Object.prototype.hasOwnProperty.call(ORACLE_OPS, op);
}
