/**
 * Making views: a new tensor over its base's storage at a place (engine/strided.ts), dense when
 * the place is the whole storage row-major, strided otherwise. The view ops (view.ts, indexing.ts)
 * compute the place from their input's: a dense tensor is its storage row-major, a strided view
 * its own place.
 */
import { Tensor } from '../tensor';
import { densePlace, gather } from '../strided';
import type { Place } from '../strided';
import { isContiguousStrides, numelOf } from '../shape';
import type { Shape } from '../shape';

/** Where x's elements are: its place if strided, else its whole storage row-major. */
export function placeOf(x: Tensor): Place {
  // a compact slot hands out its storage so that savers see writes through the view (tensor-state.ts)
  return x._place() ?? densePlace(x._sharedStorage(), x.shape);
}

/**
 * A tensor of `shape` over x's storage at `p`, sharing the version counter of x's root base.
 * `torchStrides`: the strides torch reports (null: contiguous). `differentiable`: made by a view op
 * (its history then follows in-place changes of the base, tensor-state.ts), not by detach or `.data`.
 */
export function viewAt(x: Tensor, shape: Shape, p: Place, torchStrides: readonly number[] | null, differentiable: boolean): Tensor {
  const whole = p.offset === 0 && p.storage.length === numelOf(shape) && isContiguousStrides(shape, p.strides);
  const t = new Tensor(whole ? p.storage : null, shape, x.dtype);
  if (!whole) t._setPlace(p);
  t._setViewBase(x._viewBase() ?? x);
  t._setTorchStrides(torchStrides === null || isContiguousStrides(shape, torchStrides) ? null : [...torchStrides]);
  if (differentiable) t._markView();
  return t;
}

/**
 * t's values in a dense tensor of its own (t itself when it is not strided): for a gradient the
 * backward may then sum into in place (engine/walk-state.ts), as it could into the copy the view
 * ops made before views shared storage.
 */
export function ownedDense(t: Tensor): Tensor {
  const p = t._place();
  if (p === null) return t;
  const d = new Tensor(gather(p, t.shape, t.dtype), t.shape, t.dtype);
  d._setTorchStrides(t._torchStrides());
  return d;
}

/** x's place with its dims taken in `perm` order (transpose, permute, t). */
export function permutedPlace(x: Tensor, perm: readonly number[]): Place {
  const p = placeOf(x);
  return { storage: p.storage, offset: p.offset, strides: perm.map((d) => p.strides[d]) };
}
