/**
 * conv1d / conv2d (groups = 1) as one ConvolutionBackward0 node with next [input, weight, bias].
 * Its backward uses the adjoint ops below, whose own backwards use conv and each other, so
 * gradients of every order exist (see conv-kernels.ts).
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH, SAVE_SELF } from '../define';
import { noGrad } from '../../grad-mode';
import type { OpDef } from '../define';
import { ArgumentError, ShapeError } from '../../errors';
import { fmtShape } from '../../shape';
import { T, floatDtype } from './util';
import { convForward, convInputGrad, convWeightGrad } from './conv-kernels';
import type { ConvGeometry } from './conv-kernels';
import { chargeCompute } from '../../limits';

/** OpDef.saves bit of input 2 (the weight of a gradient kernel over grad, input, weight). */
const SAVE_WEIGHT = 4;

export interface ConvParams {
  /** 1 for conv1d ([N, C, L]), 2 for conv2d ([N, C, H, W]). */
  spatial: 1 | 2;
  stride: number;
  padding: number;
  dilation: number;
  inputShape: readonly number[];
  weightShape: readonly number[];
}

function outSize(op: string, size: number, k: number, p: ConvParams): number {
  const o = Math.floor((size + 2 * p.padding - p.dilation * (k - 1) - 1) / p.stride) + 1;
  if (o <= 0) throw new ShapeError(op, `calculated output size ${o} is too small (input size ${size}, padded by ${p.padding}, kernel ${k}, dilation ${p.dilation})`);
  return o;
}

/** The 2-d geometry of a conv; a 1-d conv is height 1 with no padding, stride or dilation there. */
function geometry(p: ConvParams): ConvGeometry {
  const [n, cin] = p.inputShape;
  const cout = p.weightShape[0];
  const op = p.spatial === 1 ? 'conv1d' : 'conv2d';
  const h = p.spatial === 1 ? 1 : p.inputShape[2];
  const w = p.inputShape[p.inputShape.length - 1];
  const kh = p.spatial === 1 ? 1 : p.weightShape[2];
  const kw = p.weightShape[p.weightShape.length - 1];
  const vertical = p.spatial === 2;
  return {
    n, cin, h, w, cout, kh, kw,
    sh: vertical ? p.stride : 1, sw: p.stride,
    ph: vertical ? p.padding : 0, pw: p.padding,
    dh: vertical ? p.dilation : 1, dw: p.dilation,
    oh: vertical ? outSize(op, h, kh, p) : 1, ow: outSize(op, w, kw, p),
  };
}

function outputShape(p: ConvParams, g: ConvGeometry): number[] {
  return p.spatial === 1 ? [g.n, g.cout, g.ow] : [g.n, g.cout, g.oh, g.ow];
}

/** Multiply-adds of one pass of the direct kernels (conv and both adjoints visit the same taps). */
function chargeTaps(op: string, g: ConvGeometry): ConvGeometry {
  chargeCompute(op, g.n * g.cout * g.cin * g.kh * g.kw * g.oh * g.ow);
  return g;
}

function conv(x: Tensor, w: Tensor, b: Tensor | null, p: ConvParams): Tensor {
  const g = chargeTaps(p.spatial === 1 ? 'conv1d' : 'conv2d', geometry(p));
  const y = Tensor.empty('convolution', outputShape(p, g), floatDtype(x.dtype));
  convForward(g, x.dataSync(), w.dataSync(), b === null ? null : b.dataSync(), y.dataSync());
  return y;
}

// The three gradients of a convolution are torch 1.13's one ConvolutionBackwardBackward0 node over
// (grad, input, weight) under createGraph; here one node per gradient (as for torch's other
// multi-output nodes, pieces.ts), each with torch's name and those three inputs. A gradient that
// does not depend on an input is null there (torch: undefined, i.e. zeros).

/** gx = adjointₓ(grad, w). d/dgrad = conv(upstream, w), d/dw = adjoint_w(upstream, grad) */
export const ConvInputGrad: OpDef<ConvParams> = defineOp<ConvParams>({
  name: 'ConvolutionBackwardBackward0', doc: 'input gradient of a convolution; d/dgrad = conv(grad_in, weight), d/dweight = weight_grad(grad_in, grad)',
  formulas: ['conv(grad, weight)', '0', 'weight_grad(grad, grad_output)'], saves: SAVE_SELF | SAVE_WEIGHT,
  forward: ([grad, , w], p) => {
    const g = chargeTaps('convolution_backward', geometry(p));
    const gx = Tensor.empty('convolution_backward', p.inputShape, floatDtype(T(grad).dtype));
    convInputGrad(g, T(grad).dataSync(), T(w).dataSync(), gx.dataSync());
    return gx;
  },
  backward: (up, n) => {
    const grad = T(n.input(0)), w = T(n.input(2));
    return [
      n.edge(0) === null ? null : run(Convolution, [up, w, null], n.params),
      null,
      n.edge(2) === null ? null : run(ConvWeightGrad, [grad, up, w], n.params),
    ];
  },
});

/** gw = adjoint_w(x, grad). d/dgrad = conv(x, upstream), d/dx = adjointₓ(grad, upstream) */
export const ConvWeightGrad: OpDef<ConvParams> = defineOp<ConvParams>({
  name: 'ConvolutionBackwardBackward0', doc: 'weight gradient of a convolution; d/dinput = input_grad(grad, grad_in), d/dgrad = conv(input, grad_in)',
  formulas: ['conv(input, grad)', 'input_grad(grad_output, grad)', '0'], saves: SAVE_BOTH,
  forward: ([grad, x], p) => {
    const g = chargeTaps('convolution_backward', geometry(p));
    const gw = Tensor.empty('convolution_backward', p.weightShape, floatDtype(T(x).dtype));
    convWeightGrad(g, T(x).dataSync(), T(grad).dataSync(), gw.dataSync());
    return gw;
  },
  backward: (up, n) => {
    const grad = T(n.input(0)), x = T(n.input(1));
    return [
      n.edge(0) === null ? null : run(Convolution, [x, up, null], n.params),
      n.edge(1) === null ? null : run(ConvInputGrad, [grad, x, up], n.params),
      null,
    ];
  },
});

const spatialDims = (p: ConvParams): number[] => (p.spatial === 1 ? [0, 2] : [0, 2, 3]);

/** gb = grad summed over batch and space. d/dgrad = upstream broadcast back over them */
export const ConvBiasGrad: OpDef<ConvParams> = defineOp<ConvParams>({
  name: 'ConvolutionBackwardBackward0', doc: 'bias gradient of a convolution; d/dgrad = grad_in broadcast over batch and space',
  formulas: ['grad.expand(grad_output.sizes())', '0', '0'], saves: 0,
  forward: ([grad], p) => noGrad(() => T(grad).sum(spatialDims(p))),
  backward: (up, n) => {
    const shape = outputShape(n.params, geometry(n.params));
    const kept = shape.map((d, i) => (i === 1 ? d : 1));
    return [n.edge(0) === null ? null : up.reshape(kept).expand(shape), null, null];
  },
});

/** conv(input, weight) + bias; d/dinput = input_grad(grad, weight), d/dweight = weight_grad(input, grad), d/dbias = Σ grad */
export const Convolution: OpDef<ConvParams> = defineOp<ConvParams>({
  name: 'ConvolutionBackward0', doc: 'conv(input, weight) + bias; d/dinput = input_grad(grad, weight), d/dweight = weight_grad(input, grad), d/dbias = grad summed over batch and space',
  formulas: ['input_grad(grad, weight)', 'weight_grad(input, grad)', 'grad.sum(batch and spatial dims)'], saves: SAVE_BOTH,
  forward: ([x, w, b], p) => conv(T(x), T(w), b as Tensor | null, p),
  backward: (g, n) => {
    const x = n.input(0), w = n.input(1);
    return [
      n.edge(0) === null ? null : run(ConvInputGrad, [g, x, w], n.params),
      n.edge(1) === null ? null : run(ConvWeightGrad, [g, x, w], n.params),
      n.edge(2) === null ? null : run(ConvBiasGrad, [g, x, w], n.params),
    ];
  },
});

function checkInt(op: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new ArgumentError(op, `${name} must be an integer >= ${min}, got ${v}`);
}

export function convNd(spatial: 1 | 2, x: Tensor, w: Tensor, b: Tensor | null | undefined, stride: number, padding: number, dilation: number): Tensor {
  const op = spatial === 1 ? 'conv1d' : 'conv2d';
  const rank = spatial + 2;
  if (x.shape.length !== rank) throw new ShapeError(op, `expected a ${rank}-d input ([N, C${spatial === 1 ? ', L' : ', H, W'}]), got ${fmtShape(x.shape)}`);
  if (w.shape.length !== rank) throw new ShapeError(op, `expected a ${rank}-d weight, got ${fmtShape(w.shape)}`);
  if (w.shape[1] !== x.shape[1]) {
    throw new ShapeError(op, `Given groups=1, weight of size ${fmtShape(w.shape)}, expected input${fmtShape(x.shape)} to have ${w.shape[1]} channels, but got ${x.shape[1]} channels instead`);
  }
  if (b && (b.shape.length !== 1 || b.shape[0] !== w.shape[0])) throw new ShapeError(op, `expected bias of shape [${w.shape[0]}], got ${fmtShape(b.shape)}`);
  checkInt(op, 'stride', stride, 1);
  checkInt(op, 'padding', padding, 0);
  checkInt(op, 'dilation', dilation, 1);
  const p: ConvParams = { spatial, stride, padding, dilation, inputShape: x.shape, weightShape: w.shape };
  return run(Convolution, [x, w, b ?? null], p);
}
