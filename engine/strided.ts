/**
 * Strided views: where a view's elements are in the storage it shares with its base, reading them
 * row-major, writing through them, and the one counter that tells a view's cached row-major copy
 * that some storage was written since it was made.
 *
 * Element i of a view (row-major multi-index (i_0, ..., i_k)) is `storage[offset + Σ i_d * strides[d]]`,
 * as torch's as_strided. Strides are in elements of the storage, which is its root base's dense
 * row-major array (so they are torch's strides whenever the root is contiguous).
 */
import type { Storage } from './dtype';
import { allocStorage } from './dtype';
import type { Dtype } from './dtype';
import { contiguousStrides, numelOf, stridedOffsets } from './shape';
import type { Shape } from './shape';
import { gatherStrided } from './ops/ewise';
import { AutogradError } from './errors';
import { charge } from './limits';

/** A view's place in the storage it shares: the storage, the first element's offset, strides per dim. */
export interface Place {
  readonly storage: Storage;
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * Storage writes so far. Every in-place write into a storage is preceded by `beforeWrite`
 * (engine/lazy/node.ts), which counts it here; a view's row-major copy made at another count may be
 * stale. One counter for all storages (module state, like grad mode): a write anywhere costs the
 * views one fresh gather on their next read, which is cheaper than tracking views per storage.
 */
const writes = { n: 0 };

/** A storage is about to be written in place (see `writes`). */
export function noteWrite(): void {
  writes.n++;
}
/** The current write count: a copy made at this count is current until the next write. */
export function writeCount(): number {
  return writes.n;
}

/** The view's elements, row-major, in a fresh array (charged to the element budget: an expand may be huge). */
export function gather(p: Place, shape: Shape, dtype: Dtype): Storage {
  const n = numelOf(shape);
  charge('view', n);
  const out = allocStorage(dtype, n);
  // one element broadcast everywhere (the gradient of a full sum, expanded): a fill
  if (p.strides.every((s) => s === 0)) out.fill(p.storage[p.offset]);
  else gatherStrided(p.storage, p.offset, p.strides, out, shape);
  return out;
}

/** The storage index of every element of the view, row-major (as_strided's index map). */
export function positions(p: Place, shape: Shape): Int32Array {
  const at = stridedOffsets(shape, p.strides);
  for (let i = 0; i < at.length; i++) at[i] += p.offset;
  return at;
}

/** A dense tensor's place: its whole storage, row-major. */
export function densePlace(storage: Storage, shape: Shape): Place {
  return { storage, offset: 0, strides: contiguousStrides(shape) };
}

/** True when two elements of the view are one storage element (a stride 0 on a dim of size > 1: expand). */
export function overlaps(shape: Shape, strides: readonly number[]): boolean {
  for (let d = 0; d < shape.length; d++) if (strides[d] === 0 && shape[d] > 1) return true;
  return false;
}

/** torch's assert_no_internal_overlap, for an in-place op writing through `strides`. */
export function checkNoOverlap(op: string, shape: Shape, strides: readonly number[]): void {
  if (overlaps(shape, strides)) {
    throw new AutogradError(op, 'unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.');
  }
}

/** Write `values` (row-major, the view's shape) through the view into its storage. */
export function scatter(p: Place, shape: Shape, values: Storage): void {
  const at = positions(p, shape), s = p.storage;
  for (let i = 0; i < at.length; i++) s[at[i]] = values[i];
}
