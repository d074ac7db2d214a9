/**
 * The graph ops of advanced indexing, all over one IndexPlan (index-plan.ts):
 * - Index (IndexBackward0): out = self[indices]; d/dself = grad accumulated into zeros at indices.
 * - IndexPutImpl (IndexPutImplBackward0): that VJP as an op (torch's _index_put_impl_ on zeros), so
 *   gradients of gradients work; d/dgrad = gradgrad[indices].
 * - IndexPut (IndexPutBackward0): self with values written (or added, `accumulate`) at indices;
 *   d/dself = grad, with zeros at indices unless accumulating; d/dvalues = grad[indices] (summed back
 *   to the values' shape when they were broadcast).
 * The index tensors are saved as torch saves them: modified in place before backward, they raise
 * torch's version error; after a backward without retainGraph the graph is freed.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { SAVE_EXTRA } from './saves';
import type { IndexPlan } from './index-plan';
import { versionError } from '../node';
import { broadcastStrides, broadcastsTo, stridedOffsets } from '../shape';
import { ArgumentError, ShapeError } from '../errors';
import { scalarTypeName } from '../dtype';
import { fitIntegers } from './convert';

export interface PutParams {
  readonly plan: IndexPlan;
  readonly accumulate: boolean;
}

const T = (x: Operand): Tensor => x as Tensor;
const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;

function checkSavedIndices(plan: IndexPlan): void {
  for (const s of plan.saved) if (s.t._version !== s.v) throw versionError(s.t, s.v, s.t.gradFn);
}

function gather(src: Tensor, plan: IndexPlan): Tensor {
  const out = Tensor.empty('index', plan.outShape, src.dtype);
  const s = src.dataSync(), d = out.dataSync(), off = plan.offsets;
  for (let i = 0; i < off.length; i++) d[i] = s[off[i]];
  return out;
}

/** torch's checks on index_put's values: the same dtype, and a shape that broadcasts to the result. */
export function checkValues(op: string, dst: Tensor, values: Tensor, plan: IndexPlan): void {
  if (values.dtype !== dst.dtype) {
    throw new ArgumentError(op, `Index put requires the source and destination dtypes match, got ${scalarTypeName(dst.dtype)} for the destination and ${scalarTypeName(values.dtype)} for the source.`);
  }
  if (!broadcastsTo(values.shape, plan.outShape)) {
    throw new ShapeError(op, `shape mismatch: value tensor of shape ${fmt(values.shape)} cannot be broadcast to indexing result of shape ${fmt(plan.outShape)}`);
  }
}

/**
 * A copy of `base` (or zeros of the plan's source shape) with `values`, broadcast to the indexing
 * result, written at the plan's offsets in row-major order (a repeated index keeps the last value,
 * as torch's sequential CPU kernel does) or added when accumulating.
 */
function put(op: string, base: Tensor | null, values: Tensor, p: PutParams): Tensor {
  const out = Tensor.empty(op, p.plan.srcShape, values.dtype);
  if (base !== null) out.dataSync().set(base.dataSync());
  const reads = stridedOffsets(p.plan.outShape, broadcastStrides(values.shape, p.plan.outShape));
  const d = out.dataSync(), v = values.dataSync(), off = p.plan.offsets;
  if (p.accumulate) for (let i = 0; i < off.length; i++) d[off[i]] += v[reads[i]];
  else for (let i = 0; i < off.length; i++) d[off[i]] = v[reads[i]];
  return p.accumulate ? fitIntegers(op, out) : out;
}

export const Index: OpDef<IndexPlan> = defineOp<IndexPlan>({
  name: 'IndexBackward0', doc: 'self[indices] (advanced indexing); d/dself = grad accumulated into zeros at indices',
  formulas: ['index_backward(zeros_like(self), indices, grad)'], saves: SAVE_EXTRA,
  forward: ([a], plan) => gather(T(a), plan),
  backward: (g, n) => {
    checkSavedIndices(n.params);
    return [run(IndexPutImpl, [null, g], n.params)];
  },
});

export const IndexPutImpl: OpDef<IndexPlan> = defineOp<IndexPlan>({
  name: 'IndexPutImplBackward0', doc: 'zeros with grad accumulated at indices (the VJP of index); d/dgrad = gradgrad[indices]',
  formulas: ['(zeros: no gradient)', 'grad.index(indices)'], saves: SAVE_EXTRA,
  forward: ([, g], plan) => put('index_backward', null, T(g), { plan, accumulate: true }),
  backward: (gg, n) => {
    checkSavedIndices(n.params);
    return [null, run(Index, [gg], n.params)];
  },
});

export const IndexPut: OpDef<PutParams> = defineOp<PutParams>({
  name: 'IndexPutBackward0', doc: 'self with values put (or added) at indices; d/dself = grad (zeros at indices unless accumulating), d/dvalues = grad[indices]',
  formulas: ['accumulate ? grad : grad.index_put(indices, zeros_like(values))', 'grad.index(indices)'], saves: SAVE_EXTRA,
  forward: ([a, v], p) => put('index_put', T(a), T(v), p),
  backward: (g, n) => {
    const p = n.params;
    checkSavedIndices(p.plan);
    const values = T(n.input(1));
    let gSelf: Tensor | null = null;
    if (n.edge(0) !== null) gSelf = p.accumulate ? g : run(IndexPut, [g, Tensor.empty('index_put', values.shape, g.dtype)], { plan: p.plan, accumulate: false });
    return [gSelf, n.edge(1) === null ? null : run(Index, [g], p.plan)];
  },
});
