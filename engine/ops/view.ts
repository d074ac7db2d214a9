/**
 * Shape ops. view/reshape/squeeze/unsqueeze/alias/transpose/t/permute/expand are views, as in torch:
 * they share their input's storage and its root base's version counter (view-place.ts). Their torch
 * strides are remembered, so a later reshape knows, as torch does, whether it can be a view
 * (ReshapeAliasBackward0, torch 1.13's _reshape_alias) or must copy (UnsafeViewBackward0 over
 * CloneBackward0).
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { Operand } from './define';
import { contiguousStrides, fmtShape, inferShape, normDim, viewStrides } from '../shape';
import type { Shape } from '../shape';
import { ArgumentError, ShapeError } from '../errors';
import { charge, chargeCompute } from '../limits';
import { permutedPlace, placeOf, viewAt } from './view-place';

const T = (x: Operand): Tensor => x as Tensor;

export const denseStrides = (shape: Shape): number[] => contiguousStrides(shape);

/**
 * A view of x with a new shape over the same elements (and torch strides `vstrides`). A strided x
 * whose own layout cannot be viewed so (its root's torch strides are not row-major, e.g. a clone of
 * a transposed tensor, while torch's strides allow the view) gets a copy: values right, not shared.
 */
function share(x: Tensor, shape: Shape, vstrides: readonly number[] | null, differentiable = true): Tensor {
  const p = placeOf(x);
  const st = x._place() === null ? contiguousStrides(shape) : viewStrides(x.shape, p.strides, shape);
  if (st === null) return new Tensor(x.dataSync().slice(), shape, x.dtype);
  return viewAt(x, shape, { storage: p.storage, offset: p.offset, strides: st }, vstrides, differentiable);
}

/** x with its dims permuted by `perm`: a view (torch strides `vstrides`). */
function permuted(x: Tensor, perm: readonly number[], vstrides: number[]): Tensor {
  return viewAt(x, perm.map((p) => x.shape[p]), permutedPlace(x, perm), vstrides, true);
}

/** x over the same storage with a new shape, when torch's strides allow it. */
function viewForward(x: Tensor, shape: Shape): Tensor {
  const st = viewStrides(x.shape, x.strides(), shape);
  if (st === null) throw new ShapeError('view', 'view size is not compatible with input tensor\'s size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.');
  return share(x, shape, st);
}
export const View = defineOp<Shape>({
  name: 'ViewBackward0', doc: 'view with a new shape; d/dself = grad.reshape(self.sizes())', formulas: ['grad.reshape(self.sizes())'], saves: 0,
  forward: ([a], shape) => viewForward(T(a), shape),
  backward: (g, n) => [reshape(g, T(n.input(0)).shape)],
});
/**
 * torch 1.13's reshape when it can be a view: `_reshape_alias` (ReshapeAliasBackward0), the same view
 * as `view` under another grad_fn name (torch 2 records ViewBackward0 there).
 */
export const ReshapeAlias = defineOp<Shape>({
  name: 'ReshapeAliasBackward0', doc: 'reshape as a view; d/dself = grad.reshape(self.sizes())', formulas: ['grad.reshape(self.sizes())'], saves: 0,
  forward: ([a], shape) => viewForward(T(a), shape),
  backward: (g, n) => [reshape(g, T(n.input(0)).shape)],
});
/** A new tensor object over the same storage (torch.alias; getitem that selects everything). */
export const Alias = defineOp({
  name: 'AliasBackward0', doc: 'same values, new tensor; d/dself = grad', formulas: ['grad'], saves: 0,
  forward: ([a]) => share(T(a), T(a).shape, T(a)._torchStrides()),
  backward: (g) => [g],
});
export const UnsafeView = defineOp<Shape>({
  name: 'UnsafeViewBackward0', doc: 'view of a fresh copy; d/dself = grad.reshape(self.sizes())', formulas: ['grad.reshape(self.sizes())'], saves: 0,
  // torch's _unsafe_view is not a view: in-place ops on it rebase its own history
  forward: ([a], shape) => share(T(a), shape, null, false),
  backward: (g, n) => [reshape(g, T(n.input(0)).shape)],
});
export const Clone = defineOp<boolean>({
  name: 'CloneBackward0', doc: 'copy; d/dself = grad', formulas: ['grad'], saves: 0,
  forward: ([a], contiguous) => {
    const x = T(a);
    charge('clone', x.numel());
    const out = new Tensor(x.dataSync().slice(), x.shape, x.dtype);
    out._setTorchStrides(contiguous ? null : x._torchStrides());
    return out;
  },
  backward: (g) => [g],
});
const squeezeDef = (name: string) =>
  defineOp<readonly number[]>({
    name, doc: 'remove size-1 dims; d/dself = grad.reshape(self.sizes())', formulas: ['grad.unsqueeze_to(self.sizes())'], saves: 0,
    forward: ([a], dims) => {
      const x = T(a), st = x.strides();
      const keep = x.shape.map((_, i) => i).filter((i) => !dims.includes(i));
      return share(x, keep.map((i) => x.shape[i]), keep.map((i) => st[i]));
    },
    backward: (g, n) => [reshape(g, T(n.input(0)).shape)],
  });
export const SqueezeAll = squeezeDef('SqueezeBackward0');
export const SqueezeDim = squeezeDef('SqueezeBackward1');
/** squeeze of one dim as recorded inside composites (matmul 1-D@2-D, linear on 1-D input). */
export const SqueezeInternal = squeezeDef('SqueezeBackward3');
export const Unsqueeze = defineOp<number>({
  name: 'UnsqueezeBackward0', doc: 'insert a size-1 dim; d/dself = grad.squeeze(dim)', formulas: ['grad.squeeze(dim)'], saves: 0,
  forward: ([a], d) => {
    const x = T(a), st = x.strides().slice(), shape = x.shape.slice();
    st.splice(d, 0, d < x.shape.length ? x.shape[d] * st[d] : 1);
    shape.splice(d, 0, 1);
    return share(x, shape, st);
  },
  backward: (g, n) => [squeeze(g, n.params)],
});
export const Transpose = defineOp<readonly [number, number]>({
  name: 'TransposeBackward0', doc: 'swap two dims; d/dself = grad.transpose(dim0, dim1)', formulas: ['grad.transpose(dim0, dim1)'], saves: 0,
  forward: ([a], [d0, d1]) => {
    const x = T(a), perm = x.shape.map((_, i) => (i === d0 ? d1 : i === d1 ? d0 : i)), st = x.strides();
    return permuted(x, perm, perm.map((p) => st[p]));
  },
  backward: (g, n) => [transpose(g, n.params[0], n.params[1])],
});
export const TOp = defineOp({
  name: 'TBackward0', doc: 'matrix transpose; d/dself = grad.t()', formulas: ['grad.t()'], saves: 0,
  forward: ([a]) => {
    const x = T(a), perm = x.shape.length === 2 ? [1, 0] : x.shape.map((_, i) => i), st = x.strides();
    return permuted(x, perm, perm.map((p) => st[p]));
  },
  backward: (g) => [t(g)],
});
export const Permute = defineOp<readonly number[]>({
  name: 'PermuteBackward0', doc: 'reorder dims; d/dself = grad.permute(inverse(dims))', formulas: ['grad.permute(inverse(dims))'], saves: 0,
  forward: ([a], perm) => {
    const x = T(a), st = x.strides();
    return permuted(x, perm, perm.map((p) => st[p]));
  },
  backward: (g, n) => {
    const inv = new Array<number>(n.params.length);
    n.params.forEach((p, i) => (inv[p] = i));
    return [permute(g, inv)];
  },
});
export const Expand = defineOp<Shape>({
  name: 'ExpandBackward0', doc: 'broadcast to a size; d/dself = grad summed over the broadcast dims', formulas: ['grad.sum_to(self.sizes())'], saves: 0,
  forward: ([a], shape) => {
    const x = T(a), off = shape.length - x.shape.length, st = x.strides(), p = placeOf(x);
    // a new or broadcast dim reads the same element again: stride 0
    const bc = (s: number, i: number): boolean => i < off || (x.shape[i - off] === 1 && s !== 1);
    const place = { storage: p.storage, offset: p.offset, strides: shape.map((s, i) => (bc(s, i) ? 0 : p.strides[i - off])) };
    return viewAt(x, shape, place, shape.map((s, i) => (bc(s, i) ? 0 : st[i - off])), true);
  },
  // autograd sums the gradient back to the input's shape (define.ts)
  backward: (g) => [g],
});

/** `(2, 3)` or `([2, 3])` → [2, 3] */
export function shapeArg(args: readonly (number | readonly number[])[]): number[] {
  return args.length === 1 && typeof args[0] !== 'number' ? [...args[0]] : (args as number[]);
}

export function view(x: Tensor, shape: Shape): Tensor {
  return run(View, [x], inferShape('view', shape, x.dataSync().length));
}
/** torch.reshape: a view when torch's strides allow it, else clone + _unsafe_view. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const s = inferShape('reshape', shape, x.dataSync().length);
  if (viewStrides(x.shape, x.strides(), s) !== null) return run(ReshapeAlias, [x], s);
  return run(UnsafeView, [run(Clone, [x], true)], s);
}
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return run(SqueezeAll, [x], x.shape.map((_, i) => i).filter((i) => x.shape[i] === 1));
  const d = normDim('squeeze', dim, x.shape.length);
  return run(SqueezeDim, [x], x.shape[d] === 1 ? [d] : []);
}
export function unsqueeze(x: Tensor, dim: number): Tensor {
  return run(Unsqueeze, [x], normDim('unsqueeze', dim, x.shape.length + 1));
}
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  return run(Transpose, [x], [normDim('transpose', dim0, x.shape.length), normDim('transpose', dim1, x.shape.length)] as const);
}
export function t(x: Tensor): Tensor {
  if (x.shape.length > 2) throw new ArgumentError('t', `t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
  return run(TOp, [x], undefined);
}
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  const nd = x.shape.length;
  const perm = dims.map((d) => normDim('permute', d, nd));
  if (perm.length !== nd || new Set(perm).size !== nd) throw new ArgumentError('permute', `number of dims don't match in permute (got ${fmtShape(dims)} for a tensor of ${nd} dims)`);
  return run(Permute, [x], perm);
}
export function expand(x: Tensor, size: Shape): Tensor {
  const off = size.length - x.shape.length;
  if (off < 0) throw new ShapeError('expand', `the number of sizes provided (${size.length}) must be greater or equal to the number of dimensions in the tensor (${x.shape.length})`);
  const shape = size.map((s, i) => (s === -1 && i >= off ? x.shape[i - off] : s));
  for (let i = 0; i < x.shape.length; i++) {
    if (x.shape[i] !== 1 && x.shape[i] !== shape[i + off]) {
      throw new ShapeError('expand', `The expanded size of the tensor (${shape[i + off]}) must match the existing size (${x.shape[i]}) at non-singleton dimension ${i + off}.  Target sizes: ${fmtShape(size)}.  Tensor sizes: ${fmtShape(x.shape)}`);
    }
  }
  return run(Expand, [x], shape);
}
export function clone(x: Tensor): Tensor {
  return run(Clone, [x], false);
}
export function contiguous(x: Tensor): Tensor {
  return x.isContiguous() ? x : run(Clone, [x], true);
}
/** A tensor sharing storage with x, outside the graph. */
export function detach(x: Tensor): Tensor {
  return share(x, x.shape, x._torchStrides(), false);
}
/**
 * torch's `x.data`: a tensor over x's storage, outside the graph, with a version counter of its own,
 * so in-place changes through it (`w.data.sub_(g.mul(lr))`) neither fail a later backward nor show in
 * x's `_version` (they are what the idiom is for, and as unchecked as in torch).
 */
export function dataOf(x: Tensor): Tensor {
  const p = x._place();
  const t = new Tensor(p === null ? x._sharedStorage() : null, x.shape, x.dtype);
  if (p !== null) t._setPlace(p);
  t._setTorchStrides(x._torchStrides());
  return t;
}
/** torch's `x.data = y`: x takes y's storage (shared from now on); shape and dtype must match. */
export function setData(x: Tensor, y: Tensor): void {
  if (!(y instanceof Tensor)) throw new ArgumentError('data', 'assigned value must be a Tensor');
  if (y.dtype !== x.dtype) throw new ArgumentError('data', `assigned tensor has dtype ${y.dtype}, the tensor is ${x.dtype} (Gradlens keeps a tensor's dtype)`);
  if (y.shape.length !== x.shape.length || y.shape.some((d, i) => d !== x.shape[i])) {
    throw new ShapeError('data', `assigned tensor has shape ${fmtShape(y.shape)}, the tensor has ${fmtShape(x.shape)} (Gradlens keeps a tensor's shape)`);
  }
  // (x would have to become a strided view; Gradlens keeps x dense rather than silently copy)
  if (y._place() !== null) throw new ArgumentError('data', 'assigned tensor is a non-contiguous view; assign y.contiguous() (a copy) instead');
  x._setStorage(y._sharedStorage());
}
export function alias(x: Tensor): Tensor {
  return run(Alias, [x], undefined);
}

/** Work units (engine/limits) per element of `tolist`: a JS array slot costs ~13 conv taps (66 ns vs 5 ns). */
const TOLIST_UNITS_PER_ELEMENT = 20;

/** Nested JS arrays (booleans for bool tensors), like torch's tolist(). */
export function toNested(x: Tensor): unknown {
  chargeCompute('tolist', TOLIST_UNITS_PER_ELEMENT * x.shape.reduce((a, b) => a * b, 1));
  const conv = (v: number): number | boolean => (x.dtype === 'bool' ? v !== 0 : v);
  if (x.shape.length === 0) return conv(x.dataSync()[0]);
  const build = (dim: number, off: number): unknown[] => {
    const n = x.shape[dim];
    const stride = x.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const r = new Array<unknown>(n);
    for (let i = 0; i < n; i++) r[i] = dim === x.shape.length - 1 ? conv(x.dataSync()[off + i]) : build(dim + 1, off + i * stride);
    return r;
  };
  return build(0, 0);
}
