/** Float arrays whose every element the caller writes before reading any (no zero-fill needed). */
import type { FloatArray } from '../kernels/gemm';

/** Node's Buffer, when present: uninitialised memory. */
const unsafeAlloc = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer?.allocUnsafeSlow;

/**
 * A float array of `len` elements with unspecified contents: skips the zero-fill of a fresh typed
 * array, which for large arrays costs as much as a sweep (small ones are allocated as usual).
 */
export function uninitialised(f32: boolean, len: number): FloatArray {
  if (unsafeAlloc === undefined || len < 1024) return f32 ? new Float32Array(len) : new Float64Array(len);
  const b = unsafeAlloc(len * (f32 ? 4 : 8));
  return f32 ? new Float32Array(b.buffer, b.byteOffset, len) : new Float64Array(b.buffer, b.byteOffset, len);
}
