/**
 * Splitting and ordering: split / chunk (SplitBackward0, or SplitWithSizesBackward0 for a list of
 * sizes), unbind (UnbindBackward0), sort / argsort (SortBackward0) and topk (TopkBackward0). torch
 * records one node with several outputs; here each piece is its own node of that name, whose
 * backward writes the piece's gradient into zeros of the input's shape.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { normDim } from '../shape';
import { ArgumentError } from '../errors';
import { Select, SelectBackwardOp, Slice, SliceBackwardOp } from './indexing';
import type { SelectParams, SliceParams } from './indexing';
import { chargeRead } from './reduction';
import { scatter } from './scatter';

const T = (x: Operand): Tensor => x as Tensor;

const pieceDef = (name: string): OpDef<SliceParams> => defineOp<SliceParams>({
  name, formulas: ['the piece\'s gradient in zeros of self\'s shape'], saves: 0,
  forward: ([a], p) => Slice.forward([a], p),
  backward: (g, n) => [run(SliceBackwardOp, [g], n.params)],
});
export const SplitPiece = pieceDef('SplitBackward0');
export const SplitWithSizesPiece = pieceDef('SplitWithSizesBackward0');
export const UnbindPiece: OpDef<SelectParams> = defineOp<SelectParams>({
  name: 'UnbindBackward0', formulas: ['stack of the pieces\' gradients (zeros for unused ones)'], saves: 0,
  forward: ([a], p) => Select.forward([a], p),
  backward: (g, n) => [run(SelectBackwardOp, [g], n.params)],
});

function pieces(op: OpDef<SliceParams>, x: Tensor, dim: number, sizes: readonly number[]): Tensor[] {
  let start = 0;
  return sizes.map((len) => {
    const t = run(op, [x], { dim, start, step: 1, len, inShape: x.shape });
    start += len;
    return t;
  });
}

/** torch.split: pieces of splitSize along dim (the last may be smaller), or of the listed sizes. */
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  if (x.shape.length === 0) throw new ArgumentError('split', 'split expects at least a 1-dimensional tensor');
  const d = normDim('split', dim, x.shape.length), n = x.shape[d];
  if (typeof splitSize !== 'number') {
    const total = splitSize.reduce((a, b) => a + b, 0);
    if (!splitSize.every((s) => Number.isInteger(s) && s >= 0) || total !== n) {
      throw new ArgumentError('split', `split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=${JSON.stringify(splitSize)}`);
    }
    return pieces(SplitWithSizesPiece, x, d, splitSize);
  }
  if (!Number.isInteger(splitSize) || splitSize < 0 || (splitSize === 0 && n !== 0)) throw new ArgumentError('split', `split_size can only be 0 if dimension size is 0, but got split_size ${splitSize}`);
  const sizes: number[] = [];
  for (let s = 0; s < n; s += splitSize) sizes.push(Math.min(splitSize, n - s));
  return pieces(SplitPiece, x, d, sizes);
}
/** torch.chunk: split with size ceil(n / chunks), so possibly fewer than `chunks` pieces. */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new ArgumentError('chunk', `chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  if (x.shape.length === 0) throw new ArgumentError('chunk', 'chunk expects at least a 1-dimensional tensor');
  const d = normDim('chunk', dim, x.shape.length);
  return split(x, Math.max(1, Math.ceil(x.shape[d] / chunks)), d);
}
/** torch.unbind: the slices along dim, that dim removed. */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = normDim('unbind', dim, x.shape.length);
  return Array.from({ length: x.shape[d] }, (_, index) => run(UnbindPiece, [x], { dim: d, index, inShape: x.shape }));
}

// ---- sort / topk ----
export interface PickParams { dim: number; indices: Tensor }

/** The lines along dim: `outer` blocks of `n` elements, `inner` apart. */
function lines(shape: readonly number[], dim: number): { outer: number; n: number; inner: number } {
  const n = shape.length === 0 ? 1 : shape[dim];
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = shape.slice(0, dim).reduce((a, b) => a * b, 1);
  return { outer, n, inner };
}

/** Values picked along dim at `indices`; the gradient goes back to the picked positions. */
const pickDef = (name: string): OpDef<PickParams> => defineOp<PickParams>({
  name, formulas: ['zeros_like(self).scatter(dim, indices, grad)'], saves: 0,
  forward: ([a], p) => {
    const x = T(a), out = Tensor.empty('sort', p.indices.shape, x.dtype);
    const { n: size } = lines(x.shape, p.dim), { n, inner } = lines(p.indices.shape, p.dim);
    for (let k = 0; k < out.dataSync().length; k++) {
      const j = k % inner, o = Math.floor(k / (inner * n));
      out.dataSync()[k] = x.dataSync()[(o * size + p.indices.dataSync()[k]) * inner + j];
    }
    return out;
  },
  backward: (g, n) => [scatter(Tensor.empty('sort', T(n.input(0)).shape, g.dtype), n.params.dim, n.params.indices, g)],
});
export const Sort = pickDef('SortBackward0');
export const Topk = pickDef('TopkBackward0');

/**
 * Per line along dim, the first `k` positions in sorted order (stable): ascending with NaN last, or
 * descending with NaN first, as torch orders NaN above every number.
 */
function order(op: string, x: Tensor, dim: number, descending: boolean, k: number): Tensor {
  chargeRead(op, x);
  const { outer, n, inner } = lines(x.shape, dim);
  const shape = x.shape.length === 0 ? [] : x.shape.map((s, i) => (i === dim ? k : s));
  const out = Tensor.empty(op, shape, 'int64');
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (i: number): number => x.dataSync()[(o * n + i) * inner + j];
      idx.sort((a, b) => {
        const va = at(a), vb = at(b);
        const nanA = va !== va, nanB = vb !== vb;
        if (nanA !== nanB) return (nanA ? 1 : -1) * (descending ? -1 : 1);
        const c = nanA || va === vb ? 0 : va < vb ? -1 : 1;
        return (c === 0 ? a - b : descending ? -c : c);
      });
      for (let i = 0; i < k; i++) out.dataSync()[(o * k + i) * inner + j] = idx[i];
      idx.sort((a, b) => a - b);
    }
  }
  return out;
}

/** torch.sort: { values, indices } along dim (-1), ascending unless descending. */
export function sort(x: Tensor, dim = -1, descending = false): { values: Tensor; indices: Tensor } {
  const d = normDim('sort', dim, x.shape.length);
  const indices = order('sort', x, d, descending, x.shape.length === 0 ? 1 : x.shape[d]);
  return { values: run(Sort, [x], { dim: d, indices }), indices };
}
export function argsort(x: Tensor, dim = -1, descending = false): Tensor {
  const d = normDim('argsort', dim, x.shape.length);
  return order('argsort', x, d, descending, x.shape.length === 0 ? 1 : x.shape[d]);
}
/** torch.topk: the k largest (or smallest) along dim (-1), sorted. */
export function topk(x: Tensor, k: number, dim = -1, largest = true): { values: Tensor; indices: Tensor } {
  const d = normDim('topk', dim, x.shape.length);
  const n = x.shape.length === 0 ? 1 : x.shape[d];
  if (!Number.isInteger(k) || k < 0 || k > n) throw new ArgumentError('topk', `selected index k out of range (k = ${k}, dimension size ${n})`);
  const indices = order('topk', x, d, largest, k);
  return { values: run(Topk, [x], { dim: d, indices }), indices };
}
