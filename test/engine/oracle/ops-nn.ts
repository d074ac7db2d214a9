/** Oracle ops added with the activations, pooling ops and second-order cases of erf and embedding (README "Ops"). */
import { F, Tensor } from '../../../engine/index';
import type { KwargValue } from './format';

type Arg = Tensor | number | null;
type Kwargs = Readonly<Record<string, KwargValue>>;
type IntOrPair = number | [number, number];

export type NnOracleOp = 'f_relu' | 'f_tanh' | 'f_sigmoid' | 'normalize' | 'erf' | 'embedding' | 'elu' | 'hardtanh' | 'relu6' | 'max_pool1d' | 'max_pool2d' | 'avg_pool1d' | 'avg_pool2d' | 'adaptive_avg_pool2d';

function tensorAt(a: readonly Arg[], i: number, op: string): Tensor {
  const t = a[i];
  if (!(t instanceof Tensor)) throw new Error(`${op}: argument ${i} must be a tensor name`);
  return t;
}
function num(k: Kwargs, key: string, fallback: number): number {
  const v = k[key];
  return typeof v === 'number' ? v : fallback;
}
function bool(k: Kwargs, key: string, fallback: boolean): boolean {
  const v = k[key];
  return typeof v === 'boolean' ? v : fallback;
}
/** An int or a pair (torch's kernel_size, stride, padding, dilation); undefined when absent. */
function intOrPair(k: Kwargs, key: string): IntOrPair | undefined {
  const v = k[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0] as number, v[1] as number];
  throw new Error(`kwarg ${key} must be an int or a pair of ints`);
}
function intOf(k: Kwargs, key: string): number | undefined {
  const v = intOrPair(k, key);
  if (Array.isArray(v)) throw new Error(`kwarg ${key} must be an int`);
  return v;
}
function required<V>(v: V | undefined, key: string): V {
  if (v === undefined) throw new Error(`kwarg ${key} is required`);
  return v;
}
/** adaptive_avg_pool2d's output_size: an int or a pair whose entries may be null (keep the input's size). */
function outputSize(k: Kwargs): number | [number | null, number | null] {
  const v = k.output_size;
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2) return [v[0] as number | null, v[1] as number | null];
  throw new Error('kwarg output_size must be an int or a pair');
}

export const NN_OPS: Record<NnOracleOp, (a: readonly Arg[], k: Kwargs) => Tensor> = {
  f_relu: (a) => F.relu(tensorAt(a, 0, 'f_relu')),
  f_tanh: (a) => F.tanh(tensorAt(a, 0, 'f_tanh')),
  f_sigmoid: (a) => F.sigmoid(tensorAt(a, 0, 'f_sigmoid')),
  normalize: (a, k) => F.normalize(tensorAt(a, 0, 'normalize'), num(k, 'p', 2), num(k, 'dim', 1), num(k, 'eps', 1e-12)),
  erf: (a) => F.erf(tensorAt(a, 0, 'erf')),
  embedding: (a) => F.embedding(tensorAt(a, 0, 'embedding'), tensorAt(a, 1, 'embedding')),
  elu: (a, k) => F.elu(tensorAt(a, 0, 'elu'), num(k, 'alpha', 1)),
  hardtanh: (a, k) => F.hardtanh(tensorAt(a, 0, 'hardtanh'), num(k, 'min_val', -1), num(k, 'max_val', 1)),
  relu6: (a) => F.relu6(tensorAt(a, 0, 'relu6')),
  max_pool2d: (a, k) => F.maxPool2d(tensorAt(a, 0, 'max_pool2d'), required(intOrPair(k, 'kernel_size'), 'kernel_size'), intOrPair(k, 'stride'),
    intOrPair(k, 'padding') ?? 0, intOrPair(k, 'dilation') ?? 1, bool(k, 'ceil_mode', false)),
  max_pool1d: (a, k) => F.maxPool1d(tensorAt(a, 0, 'max_pool1d'), required(intOf(k, 'kernel_size'), 'kernel_size'), intOf(k, 'stride'),
    intOf(k, 'padding') ?? 0, intOf(k, 'dilation') ?? 1, bool(k, 'ceil_mode', false)),
  avg_pool2d: (a, k) => F.avgPool2d(tensorAt(a, 0, 'avg_pool2d'), required(intOrPair(k, 'kernel_size'), 'kernel_size'), intOrPair(k, 'stride'),
    intOrPair(k, 'padding') ?? 0, bool(k, 'ceil_mode', false), bool(k, 'count_include_pad', true)),
  avg_pool1d: (a, k) => F.avgPool1d(tensorAt(a, 0, 'avg_pool1d'), required(intOf(k, 'kernel_size'), 'kernel_size'), intOf(k, 'stride'),
    intOf(k, 'padding') ?? 0, bool(k, 'ceil_mode', false), bool(k, 'count_include_pad', true)),
  adaptive_avg_pool2d: (a, k) => F.adaptiveAvgPool2d(tensorAt(a, 0, 'adaptive_avg_pool2d'), outputSize(k)),
};
