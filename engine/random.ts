/**
 * Seeded random numbers, identical on every machine: xoshiro128** (32-bit integer math only),
 * seeded through splitmix32; doubles take 53 random bits; randn is Box-Muller.
 * The generator state is the library's one piece of random state (torch.manual_seed).
 */
import { Tensor } from './tensor';
import type { CreateOptions, SizeArgs } from './creation-args';
import { dtypeOption, parseSize } from './creation-args';
import { isFloating } from './dtype';
import { ArgumentError } from './errors';

const state = new Uint32Array(4);

/** Reseed the generator (torch.manual_seed). */
export function manualSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new ArgumentError('manualSeed', `seed must be a finite number, got ${seed}`);
  // splitmix32 over the low and high 32 bits of the seed
  let x = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b9);
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[i] = (z ^ (z >>> 16)) >>> 0;
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
}
manualSeed(0);

/** Next 32 random bits (xoshiro128**). */
function nextU32(): number {
  const s = state;
  const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Uniform in [0, 1) with 53 random bits. */
export function randomDouble(): number {
  const a = nextU32() >>> 5, b = nextU32() >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

/** Checked size and options; the samplers fill floating dtypes only (torch: not implemented for integers). */
function sizeFor(op: string, args: SizeArgs): [number[], CreateOptions | undefined] {
  const [shape, opts] = parseSize(op, args);
  const dtype = dtypeOption(opts);
  if (!isFloating(dtype)) throw new ArgumentError(op, `argument 'dtype' must be a floating point dtype, got ${dtype}`);
  return [shape, opts];
}
function finish(t: Tensor, opts?: CreateOptions): Tensor {
  if (opts?.requiresGrad) t.requiresGrad = true;
  return t;
}

/** Uniform [0, 1) samples: rand(2, 3) or rand([2, 3], { dtype }). */
export function rand(...args: SizeArgs): Tensor {
  const [shape, opts] = sizeFor('rand', args);
  const t = Tensor.empty('rand', shape, dtypeOption(opts));
  for (let i = 0; i < t.dataSync().length; i++) t.dataSync()[i] = randomDouble();
  return finish(t, opts);
}

/** Standard normal samples (Box-Muller: both values of each pair are used). */
export function randn(...args: SizeArgs): Tensor {
  const [shape, opts] = sizeFor('randn', args);
  const t = Tensor.empty('randn', shape, dtypeOption(opts));
  const d = t.dataSync();
  for (let i = 0; i < d.length; i += 2) {
    const u1 = 1 - randomDouble(); // (0, 1]: log stays finite
    const u2 = randomDouble();
    const r = Math.sqrt(-2 * Math.log(u1));
    d[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < d.length) d[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return finish(t, opts);
}

/** Random integers in [low, high) (int64). */
export function randint(low: number, high: number, shape: readonly number[]): Tensor {
  for (const [name, v] of [['low', low], ['high', high]] as const) {
    if (!Number.isSafeInteger(v)) throw new ArgumentError('randint', `argument '${name}' must be an integer (at most 2^53 - 1 in magnitude), got ${String(v)}`);
  }
  if (low >= high) throw new ArgumentError('randint', `random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  if (!Array.isArray(shape)) throw new ArgumentError('randint', `argument 'size' must be a list of integers, got ${String(shape)}`);
  const t = Tensor.empty('randint', parseSize('randint', [shape])[0], 'int64');
  for (let i = 0; i < t.dataSync().length; i++) t.dataSync()[i] = low + Math.floor(randomDouble() * (high - low));
  return t;
}
