/**
 * Recycled storage for fused-loop outputs. A leaf's gradient buffer made by a plain backward dies
 * when `.grad` is cleared or replaced, unless someone could still hold it: the engine knows when
 * nobody can -- the gradient tensor was created and stored as `.grad` by the engine (no onStep hook
 * saw it), `.grad` was not read since, and no deferred value reads its storage. Such buffers are
 * kept here (bounded) and handed to the next fused loop, which overwrites every element: a
 * training step then reuses last step's gradient memory instead of faulting in fresh pages.
 */
import type { FloatArray } from '../kernels/gemm';
import { hasReaders } from './node';
import type { Tensor } from '../tensor';

/** Gradient tensors the engine made and alone holds (weakly: nothing is kept alive). */
const engineMade = new WeakSet<object>();
/** Buffers fused loops wrote (only their sizes are asked for again). */
const fusedOutputs = new WeakSet<FloatArray>();
/** Module state: the free buffers (oldest first) and their total size. */
const pool = { free: [] as FloatArray[], bytes: 0 };
/** A few steps' worth of large outputs; the oldest buffer goes first when full. */
const MAX_BUFFERS = 16;
const MAX_BYTES = 128 << 20;
/** Smaller buffers are cheap to allocate: not worth keeping. */
const MIN_ELEMENTS = 1024;

/** A gradient the engine just stored as `.grad`, referenced nowhere else. */
export function markEngineMade(g: object): void {
  engineMade.add(g);
}

/** Storage of a `.grad` being dropped unseen: recycle it if nothing else can reach it. */
export function release(g: Tensor): void {
  if (!engineMade.has(g)) return;
  engineMade.delete(g);
  const d = g._storage();
  if (g._deferred() !== null || g._viewBase() !== null || !(d instanceof Float64Array || d instanceof Float32Array)) return;
  if (d.length < MIN_ELEMENTS || !fusedOutputs.has(d) || hasReaders(d) || d.byteLength > MAX_BYTES) return;
  const free = pool.free;
  while (free.length >= MAX_BUFFERS || pool.bytes + d.byteLength > MAX_BYTES) pool.bytes -= free.shift()!.byteLength;
  free.push(d);
  pool.bytes += d.byteLength;
}

/** A fused loop's output: may come back to the pool (see release). */
export function fusedOutput(d: FloatArray): void {
  if (d.length >= MIN_ELEMENTS) fusedOutputs.add(d);
}

/** A free buffer of exactly this type and length (its contents are stale), or null. */
export function reuse(f32: boolean, len: number): FloatArray | null {
  const free = pool.free;
  for (let i = free.length - 1; i >= 0; i--) {
    const d = free[i];
    if (d.length === len && d instanceof Float32Array === f32) {
      free[i] = free[free.length - 1];
      free.pop();
      pool.bytes -= d.byteLength;
      return d;
    }
  }
  return null;
}
