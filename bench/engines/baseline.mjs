// @ts-check
// The limit: hand-written Float64Array code per workload — fused loops, the register-blocked
// pure-JS gemm kernel (gemmJs of engine/kernels/gemm.ts, built to out/; the engine's gemm uses a
// WebAssembly SIMD kernel where available), a hand-derived backward, preallocated buffers, and a
// flat typed-array tape for the scalar graph.
import { createRequire } from 'node:module';
import { W1_N, W3_DIMS, W4_ADD, W4_MUL, W4_X0, w1Data, w2Data, w3Data, digest, total } from '../lib/cases.mjs';

const require = createRequire(import.meta.url);
const { gemmJs: gemm } = require('../../out/engine/kernels/gemm.js');

/** @typedef {import('../lib/types.js').Mode} Mode */
/** @typedef {import('../lib/types.js').Prepared} Prepared */

/** @type {import('../lib/types.js').EngineInfo} */
const info = {
  name: 'baseline', dtype: 'float64', version: 'hand-written',
  notes: ['pure JS; matmul is the register-blocked gemmJs of engine/kernels/gemm.ts (the engine itself uses its WebAssembly SIMD gemm where available)'],
};

/** @returns {Promise<import('../lib/types.js').Engine>} */
export async function load() {
  return { info, prepare };
}

/** @param {import('../lib/types.js').CaseSpec} spec @returns {Prepared} */
function prepare(spec) {
  switch (spec.workload) {
    case 'W1': return w1(spec.mode);
    case 'W2': return w2(spec.size, spec.mode);
    case 'W3': return w3(spec.mode);
    case 'W4': return w4(spec.size, spec.mode);
  }
}

/**
 * L = Σ tanh(a·b + c)·a;  dL/da = t + a·b·(1−t²), dL/db = a²·(1−t²), dL/dc = a·(1−t²). One fused pass.
 * @param {Mode} mode @returns {Prepared}
 */
function w1(mode) {
  const { a, b, c } = w1Data();
  const ga = new Float64Array(W1_N), gb = new Float64Array(W1_N), gc = new Float64Array(W1_N);
  if (mode === 'fwd') {
    return {
      run(want) {
        let s = 0;
        for (let i = 0; i < W1_N; i++) s += Math.tanh(a[i] * b[i] + c[i]) * a[i];
        return want ? digest(s) : undefined;
      },
    };
  }
  return {
    run(want) {
      let s = 0;
      for (let i = 0; i < W1_N; i++) {
        const ai = a[i], t = Math.tanh(ai * b[i] + c[i]);
        s += t * ai;
        const du = ai * (1 - t * t);
        ga[i] = t + du * b[i]; gb[i] = du * ai; gc[i] = du;
      }
      return want ? digest(s, [ga, gb, gc]) : undefined;
    },
  };
}

/**
 * C = A·B; with L = ΣC the upstream gradient G is all ones, and dA = G·Bᵀ, dB = Aᵀ·G (general gemms).
 * @param {number} n @param {Mode} mode @returns {Prepared}
 */
function w2(n, mode) {
  const { A, B } = w2Data(n);
  const C = new Float64Array(n * n), G = new Float64Array(n * n);
  const dA = new Float64Array(n * n), dB = new Float64Array(n * n);
  return {
    run(want) {
      gemm(n, n, n, A, 0, false, B, 0, false, C, 0, false);
      if (mode === 'fwd') return want ? digest(total(C)) : undefined;
      let s = 0;
      for (let i = 0; i < n * n; i++) s += C[i];
      G.fill(1);
      gemm(n, n, n, G, 0, false, B, 0, true, dA, 0, false);
      gemm(n, n, n, A, 0, true, G, 0, false, dB, 0, false);
      return want ? digest(s, [dA, dB]) : undefined;
    },
  };
}

/**
 * h = tanh(x·W1 + b1), z = h·W2 + b2, L = mean_b(logsumexp(z_b) − z_b[y_b]).
 * dz = (softmax(z) − onehot(y)) / B; dW2 = hᵀ·dz; db2 = Σ_b dz; dh = dz·W2ᵀ; du = dh·(1−h²);
 * dW1 = xᵀ·du; db1 = Σ_b du.
 * @param {Mode} mode @returns {Prepared}
 */
function w3(mode) {
  const { batch: B, input: I, hidden: H, classes: K } = W3_DIMS;
  const { x, W1, b1, W2, b2, labels } = w3Data();
  const h = new Float64Array(B * H), z = new Float64Array(B * K);
  const dz = new Float64Array(B * K), dh = new Float64Array(B * H);
  const dW1 = new Float64Array(I * H), db1 = new Float64Array(H), dW2 = new Float64Array(H * K), db2 = new Float64Array(K);
  return {
    run(want) {
      gemm(B, H, I, x, 0, false, W1, 0, false, h, 0, false);
      for (let r = 0, o = 0; r < B; r++) for (let j = 0; j < H; j++, o++) h[o] = Math.tanh(h[o] + b1[j]);
      gemm(B, K, H, h, 0, false, W2, 0, false, z, 0, false);
      let loss = 0;
      for (let r = 0; r < B; r++) {
        const o = r * K;
        let mx = -Infinity;
        for (let j = 0; j < K; j++) { z[o + j] += b2[j]; if (z[o + j] > mx) mx = z[o + j]; }
        let se = 0;
        for (let j = 0; j < K; j++) { const e = Math.exp(z[o + j] - mx); dz[o + j] = e; se += e; }
        loss += mx + Math.log(se) - z[o + labels[r]];
        for (let j = 0; j < K; j++) dz[o + j] /= se * B;
        dz[o + labels[r]] -= 1 / B;
      }
      loss /= B;
      if (mode === 'fwd') return want ? digest(loss) : undefined;
      gemm(H, K, B, h, 0, true, dz, 0, false, dW2, 0, false);
      colSum(dz, B, K, db2);
      gemm(B, H, K, dz, 0, false, W2, 0, true, dh, 0, false);
      for (let i = 0; i < B * H; i++) dh[i] *= 1 - h[i] * h[i];
      gemm(I, H, B, x, 0, true, dh, 0, false, dW1, 0, false);
      colSum(dh, B, H, db1);
      return want ? digest(loss, [dW1, db1, dW2, db2]) : undefined;
    },
  };
}

/** out[j] = Σ_r m[r, j] of a row-major rows×cols matrix. @param {Float64Array} m @param {number} rows @param {number} cols @param {Float64Array} out */
function colSum(m, rows, cols, out) {
  out.fill(0);
  for (let r = 0, o = 0; r < rows; r++) for (let j = 0; j < cols; j++, o++) out[j] += m[o];
}

const OP_LEAF = 0, OP_MUL_CONST = 1, OP_ADD_CONST = 2;

/**
 * Scalar graph on a flat tape: one slot per node (op code, input slot, constant, value, grad).
 * Forward records x ← x·1.0001 (+0.5) as two nodes per step; backward walks the tape in reverse:
 * d(x·k)/dx = k, d(x + k)/dx = 1. The final sum of a scalar is the identity.
 * @param {number} steps @param {Mode} mode @returns {Prepared}
 */
function w4(steps, mode) {
  const cap = 2 * steps + 1;
  const op = new Uint8Array(cap), arg = new Int32Array(cap);
  const k = new Float64Array(cap), val = new Float64Array(cap), grad = new Float64Array(cap);
  return {
    run(want) {
      let len = 0;
      op[0] = OP_LEAF; val[0] = W4_X0; len = 1;
      let x = 0;
      for (let i = 0; i < steps; i++) {
        op[len] = OP_MUL_CONST; arg[len] = x; k[len] = W4_MUL; val[len] = val[x] * W4_MUL; x = len++;
        op[len] = OP_ADD_CONST; arg[len] = x; k[len] = W4_ADD; val[len] = val[x] + W4_ADD; x = len++;
      }
      const loss = val[x];
      if (mode === 'fwd') return want ? digest(loss) : undefined;
      grad.fill(0, 0, len);
      grad[x] = 1;
      for (let i = len - 1; i > 0; i--) {
        const g = grad[i];
        if (op[i] === OP_MUL_CONST) grad[arg[i]] += g * k[i];
        else grad[arg[i]] += g;
      }
      return want ? digest(loss, [grad.subarray(0, 1)]) : undefined;
    },
  };
}
