import * as assert from 'assert';
import { manualSeed, rand, randn } from '../../../engine/index';

/**
 * An independent BigInt reference of the documented generator (splitmix32 seeding, xoshiro128**,
 * 53-bit doubles), so any change in the engine's stream is caught value by value.
 */
function reference(seed: number, count: number): number[] {
  const M = (1n << 32n) - 1n;
  const mul = (a: bigint, b: bigint) => (a * b) & M;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  let x = BigInt(seed >>> 0);
  const s: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9n) & M;
    let z = x;
    z = mul(z ^ (z >> 16n), 0x85ebca6bn);
    z = mul(z ^ (z >> 13n), 0xc2b2ae35n);
    s.push(z ^ (z >> 16n));
  }
  const next = (): bigint => {
    const r = mul(rotl(mul(s[1], 5n), 7n), 9n);
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return r;
  };
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = next() >> 5n, b = next() >> 6n;
    out.push(Number((a << 26n) + b) / 2 ** 53);
  }
  return out;
}

describe('engine/random', () => {
  it('rand follows the reference generator exactly (float64)', () => {
    manualSeed(42);
    const r = rand([5], { dtype: 'float64' });
    assert.deepStrictEqual([...r.dataSync()], reference(42, 5));
  });

  it('the same seed gives the same values; another seed does not', () => {
    manualSeed(7);
    const a = randn(3, 4);
    manualSeed(7);
    const b = randn(3, 4);
    assert.deepStrictEqual([...a.dataSync()], [...b.dataSync()]);
    manualSeed(8);
    assert.notDeepStrictEqual([...randn(3, 4).dataSync()], [...a.dataSync()]);
  });

  it('randn is Box-Muller over the uniform stream and looks standard normal', () => {
    manualSeed(3);
    const u = reference(3, 2);
    const z = randn([2], { dtype: 'float64' });
    const r = Math.sqrt(-2 * Math.log(1 - u[0]));
    assert.strictEqual(z.dataSync()[0], r * Math.cos(2 * Math.PI * u[1]));
    assert.strictEqual(z.dataSync()[1], r * Math.sin(2 * Math.PI * u[1]));
    const big = randn([20000], { dtype: 'float64' });
    let m = 0, v = 0;
    for (const x of big.dataSync()) m += x / big.dataSync().length;
    for (const x of big.dataSync()) v += (x - m) ** 2 / big.dataSync().length;
    assert.ok(Math.abs(m) < 0.03 && Math.abs(v - 1) < 0.05, `mean ${m}, var ${v}`);
  });

  it('rand is in [0, 1) and can require grad', () => {
    manualSeed(1);
    const t = rand([1000], { requiresGrad: true });
    assert.ok(t.requiresGrad && t.isLeaf);
    for (const x of t.dataSync()) assert.ok(x >= 0 && x < 1);
  });
});
