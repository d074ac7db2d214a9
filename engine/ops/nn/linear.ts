/**
 * F.linear(x, W, b) = x Wᵀ + b, decomposed as torch 1.13's at::linear so the graph matches:
 * 2-d input with bias -> addmm(b, x, W.t()) (AddmmBackward0, next [b, x, TBackward0]);
 * contiguous 3-d input with bias -> view(addmm(b, x.view(-1, in), W.t()), [B, L, out]);
 * otherwise matmul(x, W.t()) (+ b as AddBackward0).
 */
import type { Tensor } from '../../tensor';
import { ShapeError } from '../../errors';
import { fmtShape } from '../../shape';
import { addmm } from '../matmul';

export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (weight.shape.length !== 2 && weight.shape.length !== 1) throw new ShapeError('linear', `expected a 1-D or 2-D weight, got ${fmtShape(weight.shape)}`);
  const wt = weight.t();
  const b = bias ?? null;
  if (b !== null && x.shape.length === 2) return addmm(b, x, wt);
  if (b !== null && x.shape.length === 3 && x.isContiguous()) {
    const [batch, len, inF] = x.shape;
    const r = addmm(b, x.view([batch * len, inF]), wt);
    return r.view([batch, len, r.shape[1]]);
  }
  const out = x.matmul(wt);
  return b === null ? out : out.add(b);
}
