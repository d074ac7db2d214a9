import * as assert from 'assert';
import { erf, normalCdf, normalPdf } from '../../engine/special';

/** Reference values from CPython's math.erf (the C library's erf), an independent implementation. */
const ERF_TABLE: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [1e-30, 1.1283791670955127e-30],
  [1e-9, 1.1283791670955127e-9],
  [0.1, 0.1124629160182849],
  [-0.3, -0.3286267594591274],
  [0.5, 0.5204998778130465],
  [0.84, 0.7651427114549946],
  [0.85, 0.7706680576083526],
  [-0.9, -0.7969082124228322],
  [1, 0.8427007929497149],
  [1.2, 0.9103139782296353],
  [1.3, 0.9340079449406524],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [-2.2, -0.9981371537020182],
  [2.5, 0.999593047982555],
  [2.9, 0.9999589021219005],
  [3, 0.9999779095030014],
  [4, 0.9999999845827421],
  [5, 0.9999999999984626],
  [5.9, 0.9999999999999999],
  [6, 1],
];

describe('special: erf', () => {
  for (const [x, expected] of ERF_TABLE) {
    it(`erf(${x}) matches libm to 1e-15 relative`, () => {
      const got = erf(x);
      assert.ok(Math.abs(got - expected) <= 1e-15 * Math.abs(expected) + 1e-300, `erf(${x}) = ${got}, expected ${expected}`);
    });
  }

  it('is odd and saturates, and passes NaN through', () => {
    for (const x of [0.2, 1.1, 2.7, 3.3]) assert.strictEqual(erf(-x), -erf(x));
    assert.strictEqual(erf(Infinity), 1);
    assert.strictEqual(erf(-40), -1);
    assert.ok(Number.isNaN(erf(NaN)));
  });

  it('has derivative 2/sqrt(pi) exp(-x^2) (central differences)', () => {
    for (const x of [-2.1, -0.7, 0.3, 0.9, 1.4, 3.1]) {
      const h = 1e-6;
      const fd = (erf(x + h) - erf(x - h)) / (2 * h);
      const exact = (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x);
      assert.ok(Math.abs(fd - exact) < 1e-8, `x=${x}: fd ${fd} vs ${exact}`);
    }
  });

  it('normal cdf/pdf: Phi(0)=1/2, Phi(1.96)~0.975, pdf(0)=1/sqrt(2 pi)', () => {
    assert.strictEqual(normalCdf(0), 0.5);
    assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 1e-15);
    assert.ok(Math.abs(normalPdf(0) - 1 / Math.sqrt(2 * Math.PI)) < 1e-16);
  });
});
