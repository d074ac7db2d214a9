/**
 * embedding(indices, weight): the rows of `weight` at `indices`, shape [...indices.shape, dim], one
 * EmbeddingBackward0 node whose only next function is the weight's (torch does not differentiate
 * the indices). d/dweight = the incoming rows added into zeros at their indices, except at
 * `paddingIdx`, whose row gets no gradient (torch's embedding_dense_backward).
 */
import { Tensor } from '../../tensor';
import { defineOp, run } from '../define';
import type { OpDef } from '../define';
import { backwardKernel } from '../backward-kernel';
import { ArgumentError } from '../../errors';
import { isInteger, torchTypeName } from '../../dtype';
import { T } from './util';
import { zeros } from '../../creation';

export interface EmbeddingParams {
  /** The indices as given (integers), kept for the backward. */
  readonly indices: Tensor;
  /** The row that gets no gradient; -1: none. */
  readonly paddingIdx: number;
}

function gatherRows(w: Tensor, idx: Tensor): Tensor {
  const [rows, dim] = w.shape;
  const out = Tensor.empty('embedding', [...idx.shape, dim], w.dtype);
  const src = w.dataSync(), dst = out.dataSync(), ix = idx.dataSync();
  for (let i = 0; i < ix.length; i++) {
    const r = ix[i];
    if (r < 0 || r >= rows) throw new ArgumentError('embedding', `index out of range in self (index ${r}, ${rows} rows)`);
    for (let k = 0; k < dim; k++) dst[i * dim + k] = src[r * dim + k];
  }
  return out;
}

/** The indices as an int64 column of row numbers, and a mask column that is 0 at the padding row. */
function backwardRows(p: EmbeddingParams, dtype: Tensor['dtype']): { rows: Tensor; keep: Tensor | null } {
  const ix = p.indices.dataSync();
  const rows = Tensor.empty('embedding_backward', [ix.length], 'int64');
  rows.dataSync().set(ix);
  if (p.paddingIdx < 0) return { rows, keep: null };
  const keep = Tensor.empty('embedding_backward', [ix.length, 1], dtype);
  for (let i = 0; i < ix.length; i++) keep.dataSync()[i] = ix[i] === p.paddingIdx ? 0 : 1;
  return { rows, keep };
}

/** The weight's gradient: the rows of grad added into zeros at their indices (none at the padding row). */
function denseBackward(g: Tensor, p: EmbeddingKernelParams): Tensor {
  const dim = g.shape[g.shape.length - 1];
  const { rows, keep } = backwardRows(p, g.dtype);
  let flat = g.reshape([rows.shape[0], dim]);
  if (keep !== null) flat = flat.mul(keep);
  return zeros([p.rows, dim], { dtype: g.dtype }).indexPut([rows], flat, true);
}

export interface EmbeddingKernelParams extends EmbeddingParams {
  /** The weight's row count. */
  readonly rows: number;
}

/**
 * embedding_dense_backward as a kernel (torch 1.13 records EmbeddingDenseBackwardBackward0 over the
 * incoming gradient under createGraph). It is linear in grad, so its derivative is the rows of the
 * gradient arriving at the indices (zero at the padding row), in grad's shape.
 */
export const EmbeddingDenseBackward: OpDef<EmbeddingKernelParams> = backwardKernel<EmbeddingKernelParams>({
  name: 'EmbeddingDenseBackwardBackward0',
  formulas: ['embedding_dense_double_backward(grad, indices, padding_idx)'],
  saves: 0,
  compute: ([g], p) => denseBackward(T(g), p),
  backward: (gg, n) => {
    const g = T(n.input(0));
    const { rows, keep } = backwardRows(n.params, gg.dtype);
    const picked = gg.index([rows]);
    return [(keep === null ? picked : picked.mul(keep)).reshape(g.shape)];
  },
});

export const Embedding = defineOp<EmbeddingParams>({
  name: 'EmbeddingBackward0',
  formulas: ['embedding_backward(grad, indices, num_weights, padding_idx)'],
  saves: 0,
  forward: ([w], p) => gatherRows(T(w), p.indices),
  backward: (g, n) => [run(EmbeddingDenseBackward, [g], { ...n.params, rows: T(n.input(0)).shape[0] })],
});

/** F.embedding(input, weight, paddingIdx?): torch's checks on the indices' dtype and the weight's rank. */
export function embedding(input: Tensor, weight: Tensor, paddingIdx: number | null = null): Tensor {
  if (!isInteger(input.dtype)) {
    throw new ArgumentError('embedding', `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${torchTypeName(input.dtype)} instead (while checking arguments for embedding)`);
  }
  if (weight.shape.length !== 2) throw new ArgumentError('embedding', `'weight' must be 2-D, got a ${weight.shape.length}-D tensor`);
  const rows = weight.shape[0];
  let pad = -1;
  if (paddingIdx !== null && paddingIdx !== undefined) {
    if (!Number.isInteger(paddingIdx) || paddingIdx < -rows || paddingIdx >= rows) throw new ArgumentError('embedding', `Padding_idx must be within num_embeddings (got ${paddingIdx} for ${rows} rows)`);
    pad = paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
  }
  return run(Embedding, [weight], { indices: input, paddingIdx: pad });
}
