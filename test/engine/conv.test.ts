import * as assert from 'assert';
import { F, fromFlat } from '../../engine/index';
import { values } from './gradcheck/harness';

/**
 * conv2d checked against an independent formulation: im2col (one column per output pixel, zero
 * where the receptive field leaves the padded input) followed by a plain matrix product.
 */
function im2colConv(x: number[], xs: number[], w: number[], ws: number[], stride: number, pad: number, dil: number): { out: number[]; shape: number[] } {
  const [n, c, h, wd] = xs;
  const [co, , kh, kw] = ws;
  const oh = Math.floor((h + 2 * pad - dil * (kh - 1) - 1) / stride) + 1;
  const ow = Math.floor((wd + 2 * pad - dil * (kw - 1) - 1) / stride) + 1;
  const out: number[] = [];
  for (let b = 0; b < n; b++) {
    // cols[row = (ci, i, j)][col = (p, q)]
    const cols: number[][] = [];
    for (let ci = 0; ci < c; ci++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const row: number[] = [];
      for (let p = 0; p < oh; p++) for (let q = 0; q < ow; q++) {
        const r = p * stride + i * dil - pad, s = q * stride + j * dil - pad;
        row.push(r >= 0 && r < h && s >= 0 && s < wd ? x[((b * c + ci) * h + r) * wd + s] : 0);
      }
      cols.push(row);
    }
    for (let o = 0; o < co; o++) for (let col = 0; col < oh * ow; col++) {
      let acc = 0;
      for (let k = 0; k < cols.length; k++) acc += w[o * cols.length + k] * cols[k][col];
      out.push(acc);
    }
  }
  return { out, shape: [n, co, oh, ow] };
}

const CONFIGS = [
  { xs: [2, 3, 7, 6], ws: [4, 3, 3, 2], stride: 1, pad: 0, dil: 1 },
  { xs: [1, 2, 8, 9], ws: [3, 2, 3, 3], stride: 2, pad: 1, dil: 2 },
  { xs: [2, 1, 5, 5], ws: [2, 1, 2, 3], stride: 3, pad: 2, dil: 1 },
  { xs: [1, 2, 6, 4], ws: [1, 2, 1, 1], stride: 1, pad: 1, dil: 3 },
];

describe('conv2d / conv1d against im2col + matmul', () => {
  CONFIGS.forEach((k, idx) => {
    it(`x ${k.xs.join('x')}, w ${k.ws.join('x')}, stride ${k.stride}, padding ${k.pad}, dilation ${k.dil}`, () => {
      const x = values(k.xs.reduce((a, b) => a * b, 1), 10 + idx);
      const w = values(k.ws.reduce((a, b) => a * b, 1), 20 + idx);
      const ref = im2colConv(x, k.xs, w, k.ws, k.stride, k.pad, k.dil);
      const y = F.conv2d(fromFlat(x, k.xs, { dtype: 'float64' }), fromFlat(w, k.ws, { dtype: 'float64' }), null, k.stride, k.pad, k.dil);
      assert.deepStrictEqual(y.shape, ref.shape);
      ref.out.forEach((v, i) => assert.ok(Math.abs(y.dataSync()[i] - v) < 1e-12, `element ${i}: ${y.dataSync()[i]} vs ${v}`));
    });
  });

  it('conv1d matches the 1-d formula y[b,o,q] = bias[o] + Σ w[o,c,j] x[b,c,q·s + j·d - p]', () => {
    const [n, c, len, co, k, s, p, d] = [2, 3, 9, 4, 3, 2, 1, 2];
    const x = values(n * c * len, 31), w = values(co * c * k, 32), b = values(co, 33);
    const y = F.conv1d(fromFlat(x, [n, c, len], { dtype: 'float64' }), fromFlat(w, [co, c, k], { dtype: 'float64' }), fromFlat(b, [co], { dtype: 'float64' }), s, p, d);
    const outLen = Math.floor((len + 2 * p - d * (k - 1) - 1) / s) + 1;
    assert.deepStrictEqual(y.shape, [n, co, outLen]);
    for (let bi = 0; bi < n; bi++) for (let o = 0; o < co; o++) for (let q = 0; q < outLen; q++) {
      let v = b[o];
      for (let ci = 0; ci < c; ci++) for (let j = 0; j < k; j++) {
        const at = q * s + j * d - p;
        if (at >= 0 && at < len) v += w[(o * c + ci) * k + j] * x[(bi * c + ci) * len + at];
      }
      assert.ok(Math.abs(y.dataSync()[(bi * co + o) * outLen + q] - v) < 1e-12);
    }
  });
});
