// @ts-check
// The gradlens engine as a user runs it: the built library (out/engine/index.js), float64,
// inputs made from flat Float64Arrays with fromFlat, PyTorch-style calls, backward(), .grad.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { W1_N, W3_DIMS, W4_ADD, W4_MUL, W4_X0, w1Data, w2Data, w3Data, digest, total } from '../lib/cases.mjs';

const require = createRequire(import.meta.url);

/** @typedef {import('../lib/types.js').CaseSpec} CaseSpec */
/** @typedef {import('../lib/types.js').Mode} Mode */
/** @typedef {import('../lib/types.js').Prepared} Prepared */
/** The built library, loaded with require() from out/ (untyped here: the bench runs what the build made). @typedef {any} Gradlens */
/** A tensor of the built library. @typedef {any} GradlensTensor */

/** @returns {Promise<import('../lib/types.js').Engine>} */
export async function load() {
  const g = require('../../out/engine/index.js');
  g.setDefaultDtype('float64');
  const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  return { info: { name: 'gradlens', dtype: 'float64', version, notes: [] }, prepare: (spec) => prepare(g, spec) };
}

/** @param {Gradlens} g @param {CaseSpec} spec @returns {Prepared} */
function prepare(g, spec) {
  /** @param {Float64Array} data @param {number[]} shape @returns {GradlensTensor} */
  const leaf = (data, shape) => g.fromFlat(data, shape, { requiresGrad: true, dtype: 'float64' });
  /**
   * Clears the leaves' .grad (as a training loop does), runs forward (and backward), digests on request.
   * @param {GradlensTensor[]} leaves @param {() => GradlensTensor} forward @param {Mode} mode @returns {Prepared}
   */
  const runner = (leaves, forward, mode) => ({
    run(want) {
      for (const l of leaves) l.zeroGrad();
      const loss = forward();
      // read the loss on every run: the engine defers large elementwise results until read (engine/lazy)
      if (mode === 'fwd') {
        const value = loss.item();
        return want ? digest(value) : undefined;
      }
      loss.backward();
      return want ? digest(loss.item(), leaves.map((l) => l.grad.dataSync())) : undefined;
    },
  });
  switch (spec.workload) {
    case 'W1': {
      const { a, b, c } = w1Data();
      const [ta, tb, tc] = [leaf(a, [W1_N]), leaf(b, [W1_N]), leaf(c, [W1_N])];
      return runner([ta, tb, tc], () => ta.mul(tb).add(tc).tanh().mul(ta).sum(), spec.mode);
    }
    case 'W2': {
      const n = spec.size, { A, B } = w2Data(n);
      const [ta, tb] = [leaf(A, [n, n]), leaf(B, [n, n])];
      if (spec.mode === 'fwd') {
        return {
          run(want) {
            const out = ta.matmul(tb);
            return want ? digest(total(out.dataSync())) : undefined;
          },
        };
      }
      return runner([ta, tb], () => ta.matmul(tb).sum(), spec.mode);
    }
    case 'W3': {
      const { batch, input, hidden, classes } = W3_DIMS;
      const d = w3Data();
      const x = g.fromFlat(d.x, [batch, input], { dtype: 'float64' });
      const y = g.fromFlat(d.labels, [batch], { dtype: 'int64' });
      const params = [leaf(d.W1, [input, hidden]), leaf(d.b1, [hidden]), leaf(d.W2, [hidden, classes]), leaf(d.b2, [classes])];
      const [W1, b1, W2, b2] = params;
      return runner(params, () => (g.F ?? g.functional).crossEntropy(x.matmul(W1).add(b1).tanh().matmul(W2).add(b2), y), spec.mode);
    }
    case 'W4': {
      const x0 = g.tensor(W4_X0, { requiresGrad: true, dtype: 'float64' });
      const forward = () => {
        let x = x0;
        for (let i = 0; i < spec.size; i++) x = x.mul(W4_MUL).add(W4_ADD);
        return x.sum();
      };
      return runner([x0], forward, spec.mode);
    }
  }
}
