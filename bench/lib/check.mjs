// @ts-check
// Cross-engine result check: every engine's digest (loss, then sum and sum of |·| of each
// gradient) must match the baseline's, within float64 or float32 tolerance.

export const TOLERANCE = { float64: 1e-8, float32: 3e-3 };
const F32_MAX = 3.4028234663852886e38;

/**
 * @param {import('./types.js').Digest} got @param {import('./types.js').Digest} ref @param {import('./types.js').Dtype} dtype
 * @returns {string|null} null when equal within tolerance, else the first difference
 */
export function compareDigests(got, ref, dtype) {
  if (!got || !ref) return 'no digest';
  if (got.length !== ref.length) return `digest has ${got.length} entries, baseline ${ref.length}`;
  // scale: a sum of gradients may cancel to ~0, so compare against the magnitude of the group
  const scale = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 0) * 1e-6;
  const tol = TOLERANCE[dtype];
  for (let i = 0; i < ref.length; i++) {
    // a float32 engine overflows where float64 does not (W4 at 1e6 nodes reaches ~1e47): Infinity,
    // which JSON carries as null, is the correct float32 result there
    if (dtype === 'float32' && (got[i] === null || !Number.isFinite(got[i])) && Math.abs(ref[i]) > F32_MAX) continue;
    const err = Math.abs(got[i] - ref[i]);
    if (!(err <= tol * (Math.abs(ref[i]) + scale))) {
      return `${i === 0 ? 'loss' : `gradient digest ${i}`}: ${got[i]} vs baseline ${ref[i]}`;
    }
  }
  return null;
}
