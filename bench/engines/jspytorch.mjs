// @ts-check
// js-pytorch 0.7.2, CPU path (nested JS arrays, float64). It has no tanh: W1 and W3 use
// tanh(u) = (e^{2u} − 1)/(e^{2u} + 1) from its exp/sub/add/div (its pow backward is wrong for n ≠ 2,
// so 1/x is avoided). Its sum() reduces the last axis only; its backward is recursive.
import { readFileSync } from 'node:fs';
import { torch } from 'js-pytorch';
import { W3_DIMS, W4_ADD, W4_MUL, W4_X0, w1Data, w2Data, w3Data, digest, nested, total, flat } from '../lib/cases.mjs';

/** @typedef {import('../lib/types.js').Mode} Mode */
/** @typedef {import('../lib/types.js').Prepared} Prepared */
/** A js-pytorch tensor (the peer is typed as any: bench/types/js-pytorch.d.ts). @typedef {any} JsTensor */


/** @returns {Promise<import('../lib/types.js').Engine>} */
export async function load() {
  // its exports map hides package.json, so read it from the install folder
  const pkg = new URL('../node_modules/js-pytorch/package.json', import.meta.url);
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  const notes = ['no tanh: composed as (e^{2u}−1)/(e^{2u}+1)', 'recursive backward'];
  return { info: { name: 'js-pytorch', dtype: 'float64', version, notes }, prepare };
}

/** @param {JsTensor} u @returns {JsTensor} */
const tanh = (u) => {
  const e = u.mul(2).exp();
  return e.sub(1).div(e.add(1));
};

/** Sum over every axis (its sum() reduces only the last one). @param {JsTensor} t @returns {JsTensor} */
function sumAll(t) {
  let s = t;
  while (s.shape.length > 1 || s.shape[0] > 1) s = s.shape.length > 1 ? s.sum(-1) : s.sum(-1);
  return s;
}

/** @param {JsTensor} t @returns {number} */
const scalar = (t) => flat(t.data)[0];

/**
 * Runs forward (and backward), resetting the leaves' gradients and recorded children first, as a user would.
 * @param {JsTensor[]} leaves @param {() => JsTensor} forward @param {Mode} mode @returns {Prepared}
 */
function runner(leaves, forward, mode) {
  return {
    run(want) {
      for (const l of leaves) l.zero_grad();
      const loss = forward();
      if (mode === 'fwd') return want ? digest(scalar(loss)) : undefined;
      loss.backward();
      return want ? digest(scalar(loss), leaves.map((l) => flat(l.grad))) : undefined;
    },
  };
}

/** @param {import('../lib/types.js').CaseSpec} spec @returns {Prepared} */
function prepare(spec) {
  switch (spec.workload) {
    case 'W1': {
      const { a, b, c } = w1Data();
      const [ta, tb, tc] = [a, b, c].map((v) => torch.tensor(Array.from(v), true));
      return runner([ta, tb, tc], () => sumAll(tanh(ta.mul(tb).add(tc)).mul(ta)), spec.mode);
    }
    case 'W2': {
      const n = spec.size, { A, B } = w2Data(n);
      const [ta, tb] = [A, B].map((v) => torch.tensor(nested(v, [n, n]), true));
      if (spec.mode === 'fwd') {
        return {
          run(want) {
            for (const l of [ta, tb]) l.zero_grad();
            const out = ta.matmul(tb);
            return want ? digest(total(out.data)) : undefined;
          },
        };
      }
      return runner([ta, tb], () => sumAll(ta.matmul(tb)), spec.mode);
    }
    case 'W3': {
      const { batch, input, hidden, classes } = W3_DIMS;
      const d = w3Data();
      const x = torch.tensor(nested(d.x, [batch, input]), false);
      const y = torch.tensor(Array.from(d.labels), false);
      const params = [
        torch.tensor(nested(d.W1, [input, hidden]), true), torch.tensor(Array.from(d.b1), true),
        torch.tensor(nested(d.W2, [hidden, classes]), true), torch.tensor(Array.from(d.b2), true),
      ];
      const ce = new torch.nn.CrossEntropyLoss();
      const [W1, b1, W2, b2] = params;
      return runner(params, () => sumAll(ce.forward(tanh(x.matmul(W1).add(b1)).matmul(W2).add(b2), y)), spec.mode);
    }
    case 'W4': {
      const x0 = torch.tensor([W4_X0], true);
      const forward = () => {
        let x = x0;
        for (let i = 0; i < spec.size; i++) x = x.mul(W4_MUL).add(W4_ADD);
        return sumAll(x);
      };
      return runner([x0], forward, spec.mode);
    }
  }
}
