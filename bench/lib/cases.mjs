// @ts-check
// Workload definitions shared by every engine: the cases, how each is measured, and the
// deterministic inputs (every engine process regenerates the same data from the same seeds).

/** @typedef {import('./types.js').Workload} Workload */
/** @typedef {import('./types.js').CaseSpec} CaseSpec */
/** @typedef {import('./types.js').NestedNumbers} NestedNumbers */
/** A value an engine returns: a number, nested arrays of numbers, or a typed array. @typedef {NestedNumbers | ArrayBufferView} Numbers */

export const WORKLOADS = /** @type {const} */ (['W1', 'W2', 'W3', 'W4']);

/** A workload named on a command line. @param {string | undefined} name @returns {Workload} */
export function workloadOf(name) {
  const w = WORKLOADS.find((x) => x === name);
  if (w === undefined) throw new Error(`unknown workload ${JSON.stringify(name)} (expected one of ${WORKLOADS.join(', ')})`);
  return w;
}
export const MODES = /** @type {const} */ (['fwd', 'fwdbwd']);

export const W1_N = 1_000_000;
export const W2_SIZES = [64, 128, 256, 512];
export const W3_DIMS = { batch: 64, input: 784, hidden: 128, classes: 10 };
export const W4_SIZES = [1_000, 10_000, 1_000_000];
export const W4_MUL = 1.0001;
export const W4_ADD = 0.5;
export const W4_X0 = 0.5;

/** @param {Workload} workload @returns {CaseSpec[]} */
export function casesOf(workload) {
  /** @type {CaseSpec[]} */
  const out = [];
  for (const mode of MODES) {
    switch (workload) {
      case 'W1':
        out.push({ workload, mode, size: W1_N, label: 'n=1e6', metric: 'ms', work: W1_N });
        break;
      case 'W2':
        // forward n³ multiply-adds; backward two more matmuls of the same size (dA = G·Bᵀ, dB = Aᵀ·G)
        for (const n of W2_SIZES) {
          out.push({ workload, mode, size: n, label: `n=${n}`, metric: 'gflops', work: (mode === 'fwd' ? 2 : 6) * n ** 3 });
        }
        break;
      case 'W3':
        out.push({ workload, mode, size: W3_DIMS.batch, label: 'batch 64, 784-128-10', metric: 'ms', work: 0 });
        break;
      case 'W4':
        for (const n of W4_SIZES) out.push({ workload, mode, size: n, label: `${n.toLocaleString('en-US')} nodes`, metric: 'nsPerNode', work: n });
        break;
    }
  }
  // run sizes in ascending order so a too-slow engine can be cut off by extrapolation
  return out.sort((x, y) => x.size - y.size || MODES.indexOf(x.mode) - MODES.indexOf(y.mode));
}

/**
 * Uniform values in [lo, hi) from a 32-bit LCG: identical on every machine and engine.
 * @param {number} len @param {number} seed @param {number} [lo] @param {number} [hi] @returns {Float64Array}
 */
export function uniform(len, seed, lo = -1, hi = 1) {
  const out = new Float64Array(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + (hi - lo) * (s / 4294967296);
  }
  return out;
}

/** Inputs of W1: a, b, c of length n. */
export function w1Data() {
  return { a: uniform(W1_N, 1), b: uniform(W1_N, 2), c: uniform(W1_N, 3) };
}

/** Inputs of W2: A, B of n×n, row-major. @param {number} n */
export function w2Data(n) {
  return { A: uniform(n * n, 10 + n), B: uniform(n * n, 20 + n) };
}

/** Inputs of W3: x[64×784] in [0,1), Glorot-scaled weights, biases, integer labels. */
export function w3Data() {
  const { batch, input, hidden, classes } = W3_DIMS;
  const r1 = 1 / Math.sqrt(input), r2 = 1 / Math.sqrt(hidden);
  const labels = Int32Array.from(uniform(batch, 36, 0, classes), Math.floor);
  return {
    x: uniform(batch * input, 31, 0, 1),
    W1: uniform(input * hidden, 32, -r1, r1), b1: uniform(hidden, 33, -r1, r1),
    W2: uniform(hidden * classes, 34, -r2, r2), b2: uniform(classes, 35, -r2, r2),
    labels,
  };
}

/**
 * Row-major flat array to nested arrays (for engines that only take nested data).
 * @param {Float64Array} flat @param {readonly number[]} shape @returns {NestedNumbers[]}
 */
export function nested(flat, shape) {
  if (shape.length === 1) return Array.from(flat);
  const [rows, ...rest] = shape;
  const stride = rest.reduce((p, d) => p * d, 1);
  /** @type {NestedNumbers[]} */
  const out = [];
  for (let i = 0; i < rows; i++) out.push(nested(flat.subarray(i * stride, (i + 1) * stride), rest));
  return out;
}

/** Flattens nested arrays / typed arrays to one Float64Array. @param {Numbers} x @returns {Float64Array} */
export function flat(x) {
  if (typeof x === 'number') return Float64Array.of(x);
  if (ArrayBuffer.isView(x)) return Float64Array.from(/** @type {ArrayLike<number>} */ (/** @type {unknown} */ (x)));
  return Float64Array.from(/** @type {number[]} */ (/** @type {unknown[]} */ (x).flat(Infinity)));
}

/**
 * The digest that is compared across engines: the loss (or the sum of the output), then for each
 * gradient its sum and its sum of absolute values.
 * @param {number} loss @param {readonly Numbers[]} [grads] @returns {number[]}
 */
export function digest(loss, grads = []) {
  const out = [loss];
  for (const g of grads) {
    const v = flat(g);
    let s = 0, sa = 0;
    for (let i = 0; i < v.length; i++) { s += v[i]; sa += Math.abs(v[i]); }
    out.push(s, sa);
  }
  return out;
}

/** Sum of all values of a flat array (the fwd digest of W2's output). @param {Numbers} x @returns {number} */
export function total(x) {
  const v = flat(x);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}
