/**
 * Products and running sums along a dim: cumsum, cumprod, prod. Integer and bool inputs give int64
 * (torch's rule for these ops). Backward with tensor ops where the formula is smooth, so createGraph
 * works; at zero inputs (where grad * result / self is 0/0) the gradient is the product of the other
 * factors, computed directly, and a second derivative there is refused rather than guessed.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { isFloating } from '../dtype';
import type { Dtype } from '../dtype';
import { normDim } from '../shape';
import { ArgumentError } from '../errors';
import { isGradEnabled } from '../grad-mode';
import { chargeRead } from './reduction';
import { SAVE_OUT, SAVE_SELF } from './saves';
import * as V from './view';
import { flip } from './rearrange';

const T = (x: Operand): Tensor => x as Tensor;
const scanDtype = (d: Dtype): Dtype => (isFloating(d) ? d : 'int64');

/** The lines along `dim`: `outer` blocks of `n` elements `inner` apart. */
function lines(shape: readonly number[], dim: number): { outer: number; n: number; inner: number } {
  let outer = 1, inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i];
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  return { outer, n: shape.length === 0 ? 1 : shape[dim], inner };
}

/** Calls f(base, n, inner) for every line (base: flat index of its first element). */
function eachLine(shape: readonly number[], dim: number, f: (base: number, n: number, stride: number) => void): void {
  const { outer, n, inner } = lines(shape, dim);
  for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) f(o * n * inner + j, n, inner);
}

function scanForward(op: string, x: Tensor, dim: number, product: boolean): Tensor {
  const out = Tensor.empty(op, x.shape, scanDtype(x.dtype));
  const s = x.dataSync(), o = out.dataSync();
  eachLine(x.shape, dim, (b, n, st) => {
    let acc = product ? 1 : 0;
    for (let k = 0; k < n; k++) o[b + k * st] = acc = product ? acc * s[b + k * st] : acc + s[b + k * st];
  });
  return out;
}

function hasZero(x: Tensor): boolean {
  for (let i = 0; i < x.dataSync().length; i++) if (x.dataSync()[i] === 0) return true;
  return false;
}
function refuseSecondOrder(op: string): void {
  if (isGradEnabled()) throw new ArgumentError(op, 'the second derivative at an input with zeros is not supported');
}

export const Cumsum: OpDef<number> = defineOp<number>({
  name: 'CumsumBackward0', formulas: ['grad.flip(dim).cumsum(dim).flip(dim)'], saves: 0,
  forward: ([a], dim) => scanForward('cumsum', T(a), dim, false),
  backward: (g, n) => [flip(run(Cumsum, [flip(g, n.params)], n.params), n.params)],
});

/** d out_j / d x_i = prod_{k <= j, k != i} x_k, summed against grad over j >= i (any zeros). */
function cumprodGradDirect(g: Tensor, x: Tensor, dim: number): Tensor {
  const out = Tensor.empty('cumprod', x.shape, g.dtype);
  const s = x.dataSync(), gd = g.dataSync();
  eachLine(x.shape, dim, (b, n, st) => {
    for (let i = 0; i < n; i++) {
      let acc = 0, p = 1;
      for (let k = 0; k < i; k++) p *= s[b + k * st];
      for (let j = i; j < n; j++) {
        if (j > i) p *= s[b + j * st];
        acc += gd[b + j * st] * p;
      }
      out.dataSync()[b + i * st] = acc;
    }
  });
  return out;
}
export const Cumprod: OpDef<number> = defineOp<number>({
  name: 'CumprodBackward0', formulas: ['reversed_cumsum(grad * result, dim) / self (no zeros)'], saves: SAVE_SELF | SAVE_OUT,
  forward: ([a], dim) => scanForward('cumprod', T(a), dim, true),
  backward: (g, n) => {
    const x = T(n.input(0)), dim = n.params;
    if (!hasZero(x)) return [flip(run(Cumsum, [flip(g.mul(n.out!), dim)], dim), dim).div(x)];
    refuseSecondOrder('cumprod');
    return [cumprodGradDirect(g, x, dim)];
  },
});

export interface ProdParams { dim: number | null; keepdim: boolean }
function prodForward(x: Tensor, p: ProdParams): Tensor {
  if (p.dim === null) {
    const out = Tensor.empty('prod', [], scanDtype(x.dtype));
    let acc = 1;
    for (let i = 0; i < x.dataSync().length; i++) acc *= x.dataSync()[i];
    out.dataSync()[0] = acc;
    return out;
  }
  const dim = p.dim;
  // keepdim or not, the line (o, j) lands at flat index o * inner + j: the order eachLine visits
  const shape = p.keepdim ? x.shape.map((s, i) => (i === dim ? 1 : s)) : x.shape.filter((_, i) => i !== dim);
  const out = Tensor.empty('prod', shape, scanDtype(x.dtype));
  let k = 0;
  eachLine(x.shape, dim, (b, n, st) => {
    let acc = 1;
    for (let i = 0; i < n; i++) acc *= x.dataSync()[b + i * st];
    out.dataSync()[k++] = acc;
  });
  return out;
}
/** Product of the other elements of each line (exact at zeros). */
function othersProduct(x: Tensor, dim: number | null): Tensor {
  const out = Tensor.empty('prod', x.shape, x.dtype);
  const flat = dim === null;
  eachLine(flat ? [x.dataSync().length] : x.shape, flat ? 0 : dim, (b, n, st) => {
    for (let i = 0; i < n; i++) {
      let p = 1;
      for (let k = 0; k < n; k++) if (k !== i) p *= x.dataSync()[b + k * st];
      out.dataSync()[b + i * st] = p;
    }
  });
  return out;
}
const prodDef = (name: string): OpDef<ProdParams> => defineOp<ProdParams>({
  name, formulas: ['grad * result / self (the product of the others at zeros)'], saves: SAVE_SELF | SAVE_OUT,
  forward: ([a], p) => prodForward(T(a), p),
  backward: (g, n) => {
    const x = T(n.input(0)), p = n.params;
    const keep = (t: Tensor): Tensor => (p.dim === null || p.keepdim || x.shape.length === 0 ? t : V.unsqueeze(t, p.dim));
    const ge = V.expand(keep(g), x.shape);
    if (!hasZero(x)) return [ge.mul(V.expand(keep(n.out!), x.shape)).div(x)];
    refuseSecondOrder('prod');
    return [ge.mul(othersProduct(x, p.dim))];
  },
});
export const ProdAll = prodDef('ProdBackward0');
export const ProdDim = prodDef('ProdBackward1');

export function cumsum(x: Tensor, dim: number): Tensor {
  chargeRead('cumsum', x);
  return run(Cumsum, [x], normDim('cumsum', dim, x.shape.length));
}
export function cumprod(x: Tensor, dim: number): Tensor {
  chargeRead('cumprod', x);
  return run(Cumprod, [x], normDim('cumprod', dim, x.shape.length));
}
/** x.prod() (all elements) or x.prod(dim, keepdim). */
export function prod(x: Tensor, dim?: number, keepdim = false): Tensor {
  chargeRead('prod', x);
  if (dim === undefined || dim === null) return run(ProdAll, [x], { dim: null, keepdim: false });
  return run(ProdDim, [x], { dim: normDim('prod', dim, x.shape.length), keepdim });
}
