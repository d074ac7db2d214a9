/**
 * torch.index_put / Tensor.index_put_ (IndexPutBackward0): write `values` (broadcast to the shape
 * `x.index(indices)` would have) at the indexed positions, or add them when `accumulate`.
 * As in torch's Python API, `indices` holds one Tensor (int64 or bool) per leading dim; `values` is a
 * tensor of x's dtype. A number is also accepted as values (Python's `x[indices] = 2.0`).
 */
import { Tensor } from '../tensor';
import { run } from './define';
import { isGradEnabled } from '../grad-mode';
import { ArgumentError } from '../errors';
import { IndexPut, checkValues } from './advanced';
import type { PutParams } from './advanced';
import { planIndex } from './index-plan';
import { checkLeaf, commit, previous, rebaseHistory } from './inplace';
import { toTensor } from '../creation';
import { storedValue } from '../creation-args';

function params(op: string, x: Tensor, indices: unknown, values: Tensor, accumulate: unknown): PutParams {
  if (!Array.isArray(indices)) throw new ArgumentError(op, `argument 'indices' must be an array of index tensors, got ${typeof indices}`);
  if (indices.length === 0) throw new ArgumentError(op, "argument 'indices' must hold at least one index tensor");
  if (indices.length > x.shape.length) throw new ArgumentError(op, `too many indices for tensor of dimension ${x.shape.length} (got ${indices.length})`);
  indices.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new ArgumentError(op, `expected Tensor as element ${i} in argument 'indices', but got ${t === null ? 'null' : typeof t}`);
  });
  if (typeof accumulate !== 'boolean') throw new ArgumentError(op, `argument 'accumulate' must be a boolean, got ${typeof accumulate}`);
  const plan = planIndex(op, x, indices as Tensor[]);
  checkValues(op, x, values, plan);
  return { plan, accumulate };
}

function valuesTensor(op: string, x: Tensor, values: unknown): Tensor {
  if (values instanceof Tensor) return values;
  if (typeof values === 'number') return toTensor(storedValue(op, x.dtype, values, " (argument 'values')"), x.dtype);
  throw new ArgumentError(op, `argument 'values' must be a Tensor or a number, got ${values === null ? 'null' : typeof values}`);
}

/** torch.index_put(x, indices, values, accumulate): a new tensor; x is unchanged. */
export function indexPut(x: Tensor, indices: readonly Tensor[], values: Tensor | number, accumulate = false): Tensor {
  const v = valuesTensor('index_put', x, values);
  return run(IndexPut, [x, v], params('index_put', x, indices, v, accumulate));
}

/**
 * x.index_put_(indices, values, accumulate): in place, with torch's autograd rules (inplace.ts):
 * refused on a leaf that requires grad, the version bumped, and x's history rebased onto an
 * IndexPutBackward0 whose first input is x's previous value.
 */
export function indexPut_<T extends Tensor>(x: T, indices: readonly Tensor[], values: Tensor | number, accumulate = false): T {
  const op = 'index_put_';
  const v = valuesTensor(op, x, values);
  const p = params(op, x, indices, v, accumulate);
  checkLeaf(op, x);
  const needsGraph = isGradEnabled() && (x.requiresGrad || v.requiresGrad);
  const prev = needsGraph ? previous(x, false) : x;
  commit(op, x, IndexPut.forward([prev, v], p));
  if (needsGraph) rebaseHistory(IndexPut, [prev, v], p, x);
  return x;
}
