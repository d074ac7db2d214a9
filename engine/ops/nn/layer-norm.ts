/**
 * layer_norm over the trailing `normalizedShape` dims: y = (x - mean) * rstd * weight + bias,
 * rstd = 1/sqrt(var + eps) with the biased variance (÷N). One NativeLayerNormBackward0 node with
 * next [x, weight, bias] (null slots for an absent affine), as torch records it; its backward is a
 * kernel of its own (layer-norm-backward.ts).
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH } from '../define';
import { ShapeError } from '../../errors';
import { fmtShape } from '../../shape';
import { T, floatDtype } from './util';
import { layerNormGrads } from './layer-norm-backward';

export interface LayerNormParams {
  /** The trailing dims normalised over. */
  dims: number[];
  eps: number;
}

function forward(x: Tensor, w: Tensor | null, b: Tensor | null, p: LayerNormParams): Tensor {
  const out = Tensor.empty('layer_norm', x.shape, floatDtype(x.dtype));
  let m = 1;
  for (const d of p.dims) m *= x.shape[d];
  const rows = m === 0 ? 0 : x.dataSync().length / m;
  const s = x.dataSync();
  for (let r = 0; r < rows; r++) {
    const base = r * m;
    let mean = 0;
    for (let i = 0; i < m; i++) mean += s[base + i];
    mean /= m;
    let v = 0;
    for (let i = 0; i < m; i++) v += (s[base + i] - mean) * (s[base + i] - mean);
    const rstd = 1 / Math.sqrt(v / m + p.eps);
    for (let i = 0; i < m; i++) {
      let y = (s[base + i] - mean) * rstd;
      if (w !== null) y *= w.dataSync()[i];
      if (b !== null) y += b.dataSync()[i];
      out.dataSync()[base + i] = y;
    }
  }
  return out;
}

/**
 * d/dx = L(grad * weight), d/dweight = Σ grad x̂, d/dbias = Σ grad (layer-norm-backward.ts), through
 * the kernel node torch records under createGraph (NativeLayerNormBackwardBackward0).
 */
export const NativeLayerNorm = defineOp<LayerNormParams>({
  name: 'NativeLayerNormBackward0',
  formulas: ['rstd * (ĝ - mean(ĝ) - x̂ * mean(ĝ * x̂)), ĝ = grad * weight', 'sum(grad * x̂)', 'sum(grad)'],
  saves: SAVE_BOTH,
  forward: ([x, w, b], p) => forward(T(x), w as Tensor | null, b as Tensor | null, p),
  backward: (g, n) => layerNormGrads(g, T(n.input(0)), n.input(1) as Tensor | null, n.input(2) as Tensor | null, n.params, [0, 1, 2].map((i) => n.edge(i) !== null)),
});

export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.shape.length - k);
  if (k === 0 || k > x.shape.length || tail.some((d, i) => d !== normalizedShape[i])) {
    throw new ShapeError('layer_norm', `Given normalized_shape=${fmtShape(normalizedShape)}, expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size ${fmtShape(x.shape)}`);
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t && (t.shape.length !== k || t.shape.some((d, i) => d !== normalizedShape[i]))) {
      throw new ShapeError('layer_norm', `expected ${name} of shape ${fmtShape(normalizedShape)}, got ${fmtShape(t.shape)}`);
    }
  }
  const dims = Array.from({ length: k }, (_, i) => x.shape.length - k + i);
  return run(NativeLayerNorm, [x, weight ?? null, bias ?? null], { dims, eps });
}
