/**
 * Pooling windows over the last two dims of a [..., H, W] tensor, as torch 1.13 lays them out:
 * output size floor-or-ceil((L + 2 pad - dil (k - 1) - 1) / stride) + 1, less one in ceil mode when the
 * last window would start in the right padding; the argument checks with torch's messages.
 */
import { ArgumentError, ShapeError } from '../../errors';
import { fmtShape } from '../../shape';

export type Pair = readonly [number, number];

export interface PoolGeometry {
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly dilation: Pair;
  readonly ceilMode: boolean;
  /** Input and output spatial sizes. */
  readonly inSize: Pair;
  readonly outSize: Pair;
}

/** An int or a pair of ints (torch's `_pair`), each checked. */
export function pairOf(op: string, name: string, v: unknown, min: number): Pair {
  const p = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? v : null;
  if (p === null || !p.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    throw new ArgumentError(op, `argument '${name}' must be an int or a pair of ints, got ${JSON.stringify(v)}`);
  }
  if (p.some((x) => (x as number) < min)) throw new ArgumentError(op, `${name} should be ${min === 0 ? 'non-negative' : 'greater than zero'}, but got ${name}=${fmtShape(p as number[])}`);
  return [p[0] as number, p[1] as number];
}

/** Output length of one dim (torch's pooling_output_shape). */
function outLength(op: string, len: number, k: number, pad: number, stride: number, dil: number, ceil: boolean): number {
  const span = len + 2 * pad - dil * (k - 1) - 1;
  let out = Math.floor((span + (ceil ? stride - 1 : 0)) / stride) + 1;
  // the last window must start inside the input or the left padding
  if (ceil && (out - 1) * stride >= len + pad) out--;
  if (out < 1) throw new ShapeError(op, `Output size is too small (input ${len}, kernel ${k}, stride ${stride}, padding ${pad}, dilation ${dil})`);
  return out;
}

/** Checks the input's rank (3 or 4: [C, H, W] or [N, C, H, W]) and the padding, and sizes the output. */
export function poolGeometry(op: string, shape: readonly number[], kernel: Pair, stride: Pair, padding: Pair, dilation: Pair, ceilMode: boolean): PoolGeometry {
  if (shape.length !== 3 && shape.length !== 4) throw new ShapeError(op, `non-empty 3D or 4D (batch mode) tensor expected for input, got ${fmtShape(shape)}`);
  for (let d = 0; d < 2; d++) {
    // max pooling bounds the padding by the dilated kernel, average pooling by the kernel
    const limit = op.startsWith('max') ? ((kernel[d] - 1) * dilation[d] + 1) / 2 : kernel[d] / 2;
    if (padding[d] > limit) throw new ArgumentError(op, `pad should be at most half of ${op.startsWith('max') ? 'effective ' : ''}kernel size, but got pad=${padding[d]}, kernel_size=${kernel[d]}${op.startsWith('max') ? ` and dilation=${dilation[d]}` : ''}`);
  }
  const inSize: Pair = [shape[shape.length - 2], shape[shape.length - 1]];
  const outSize: Pair = [0, 1].map((d) => outLength(op, inSize[d], kernel[d], padding[d], stride[d], dilation[d], ceilMode)) as unknown as Pair;
  return { kernel, stride, padding, dilation, ceilMode, inSize, outSize };
}

/** The output shape: the input's with the last two dims replaced. */
export function pooledShape(shape: readonly number[], out: Pair): number[] {
  return [...shape.slice(0, -2), out[0], out[1]];
}

/** The planes (every dim before the last two, multiplied). */
export function planesOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length - 2; i++) n *= shape[i];
  return n;
}
