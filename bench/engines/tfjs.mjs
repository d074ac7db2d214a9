// @ts-check
// TensorFlow.js 4.22 (the union package: tfjs-core alone registers no gradients) on its CPU backend
// or on the WASM backend (SIMD on, threads off: its pthread worker cannot start under Node).
// float32 only. Constants of the scalar graph are created once, outside the timed region.
import { createRequire } from 'node:module';
import path from 'node:path';
import { W1_N, W3_DIMS, W4_ADD, W4_MUL, W4_X0, w1Data, w2Data, w3Data, digest } from '../lib/cases.mjs';

const require = createRequire(import.meta.url);

/** @typedef {import('../lib/types.js').CaseSpec} CaseSpec */
/** @typedef {import('../lib/types.js').Mode} Mode */
/** @typedef {import('../lib/types.js').Prepared} Prepared */
/** The tfjs module (a peer, typed as any: bench/types/peer.d.ts). @typedef {any} Tf */
/** A tfjs tensor. @typedef {any} TfTensor */

/** @param {'cpu'|'wasm'} backend @returns {Promise<import('../lib/types.js').Engine>} */
export async function load(backend) {
  const tf = require('@tensorflow/tfjs');
  const notes = ['float32 (tfjs has no float64)'];
  if (backend === 'wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
    wasm.setWasmPaths(dist);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    notes.push('WASM SIMD on, 1 thread');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
  if (backend === 'wasm') notes.push(`SIMD ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') ? 'available' : 'NOT available'}`);
  const version = require('@tensorflow/tfjs/package.json').version;
  return { info: { name: `tfjs-${backend}`, dtype: 'float32', version, notes }, prepare: (spec) => prepare(tf, spec) };
}

/** @param {Tf} tf @param {CaseSpec} spec @returns {Prepared} */
function prepare(tf, spec) {
  /** @param {ArrayLike<number>} arr @param {number[]} shape @returns {TfTensor} */
  const f32 = (arr, shape) => tf.tensor(Float32Array.from(arr), shape, 'float32');
  /**
   * Runs `vg` (a tf.valueAndGrads function) or a forward function in a tidy scope, digesting on request.
   * @param {TfTensor[]} inputs @param {(...xs: TfTensor[]) => TfTensor} forward @param {Mode} mode @returns {Prepared}
   */
  const runner = (inputs, forward, mode) => {
    const vg = tf.valueAndGrads(forward);
    const held = inputs;
    return {
      run(want) {
        return tf.tidy(() => {
          if (mode === 'fwd') {
            const v = forward(...held);
            const loss = v.dataSync()[0];
            return want ? digest(loss) : undefined;
          }
          const { value, grads } = vg(held);
          const loss = value.dataSync()[0];
          for (const g of grads) g.dataSync();
          return want ? digest(loss, grads.map(/** @param {TfTensor} g */ (g) => g.dataSync())) : undefined;
        });
      },
      dispose() { tf.dispose(held); },
    };
  };
  switch (spec.workload) {
    case 'W1': {
      const { a, b, c } = w1Data();
      const t = [f32(a, [W1_N]), f32(b, [W1_N]), f32(c, [W1_N])];
      return runner(t, (/** @type {TfTensor} */ a, /** @type {TfTensor} */ b, /** @type {TfTensor} */ c) => tf.sum(tf.mul(tf.tanh(tf.add(tf.mul(a, b), c)), a)), spec.mode);
    }
    case 'W2': {
      const n = spec.size, { A, B } = w2Data(n);
      const t = [f32(A, [n, n]), f32(B, [n, n])];
      if (spec.mode === 'fwd') {
        return {
          run(want) {
            return tf.tidy(() => {
              const out = tf.matMul(t[0], t[1]).dataSync();
              return want ? digest(out.reduce(/** @param {number} s @param {number} v */ (s, v) => s + v, 0)) : undefined;
            });
          },
          dispose() { tf.dispose(t); },
        };
      }
      return runner(t, (/** @type {TfTensor} */ a, /** @type {TfTensor} */ b) => tf.sum(tf.matMul(a, b)), spec.mode);
    }
    case 'W3': {
      const { batch, input, hidden, classes } = W3_DIMS;
      const d = w3Data();
      const x = f32(d.x, [batch, input]);
      const onehot = tf.oneHot(tf.tensor1d(d.labels, 'int32'), classes).toFloat();
      const params = [f32(d.W1, [input, hidden]), f32(d.b1, [hidden]), f32(d.W2, [hidden, classes]), f32(d.b2, [classes])];
      /** @param {TfTensor} W1 @param {TfTensor} b1 @param {TfTensor} W2 @param {TfTensor} b2 */
      const forward = (W1, b1, W2, b2) => {
        const h = tf.tanh(tf.add(tf.matMul(x, W1), b1));
        return tf.losses.softmaxCrossEntropy(onehot, tf.add(tf.matMul(h, W2), b2));
      };
      return runner(params, forward, spec.mode);
    }
    case 'W4': {
      const k = tf.scalar(W4_MUL), c = tf.scalar(W4_ADD);
      const x0 = tf.tensor1d([W4_X0]);
      /** @param {TfTensor} x */
      const forward = (x) => {
        let y = x;
        for (let i = 0; i < spec.size; i++) y = tf.add(tf.mul(y, k), c);
        return tf.sum(y);
      };
      return runner([x0], forward, spec.mode);
    }
  }
}
