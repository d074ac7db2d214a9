/** Gradient-check samples for the ops ports reach for (issue 16): casts, triangles, masks, scans, sorting, shape ops. */
import type { Tensor } from '../../../engine/index';
import type { GradSample } from './harness';
import { leaf } from './harness';

const unary = (shape: number[], seed: number, f: (x: Tensor) => Tensor, opts: Parameters<typeof leaf>[2] = {}): GradSample => ({
  inputs: () => [leaf(shape, seed, opts)],
  fn: (xs) => f(xs[0]),
});

export const EXTRA_SAMPLES = {
  // float64 -> float32: inputs within 1e-9 of 0, so that x ± EPS rounds to float32 with a relative
  // error near 2^-24 (well inside the check's tolerance); elsewhere float32 rounding would swamp it
  toCopy: unary([2, 3], 71, (x) => x.float().double(), { lo: -1e-9, hi: 1e-9 }),
} satisfies Record<string, GradSample>;
