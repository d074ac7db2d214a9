/**
 * mse_loss, nll_loss and binary_cross_entropy_with_logits with torch's reductions.
 * mse_loss's and nll_loss's backwards are kernels (backward-kernel.ts): with createGraph they record
 * MseLossBackwardBackward0 over (grad, self, target) and NllLossBackwardBackward0 over (grad, self),
 * as torch 1.13. Backwards are tensor expressions (linear in grad), so they can be differentiated again.
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH, SAVE_OTHER, SAVE_SELF } from '../define';
import type { OpDef } from '../define';
import { backwardKernel } from '../backward-kernel';
import { zerosLike } from '../../creation';
import { ArgumentError, ShapeError } from '../../errors';
import { broadcastShapes, fmtShape, numelOf } from '../../shape';
import { scalarTypeName } from '../../dtype';
import { T, constantTensor, floatDtype } from './util';
import { noGrad } from '../../grad-mode';

export type Reduction = 'mean' | 'sum' | 'none';
export interface ReductionOptions {
  reduction?: Reduction;
}

export function reductionOf(op: string, o: ReductionOptions | undefined): Reduction {
  const r = o?.reduction ?? 'mean';
  if (r !== 'mean' && r !== 'sum' && r !== 'none') throw new ArgumentError(op, `${String(r)} is not a valid value for reduction`);
  return r;
}

/** A kernel's backward reads all three of its inputs (grad, self, target). */
const SAVE_ALL3 = 7;

/** Apply a reduction to an elementwise loss (kernel side; the graph node is the loss op itself). */
export function reduceForward(op: string, loss: Tensor, r: Reduction): Tensor {
  if (r === 'none') return loss;
  const out = Tensor.empty(op, [], loss.dtype);
  let s = 0;
  for (let i = 0; i < loss.dataSync().length; i++) s += loss.dataSync()[i];
  out.dataSync()[0] = r === 'sum' ? s : s / loss.dataSync().length;
  return out;
}

/** grad of a reduced loss, broadcastable against the elementwise loss: grad/N for mean. */
export function gradScale(g: Tensor, r: Reduction, n: number): Tensor {
  return r === 'mean' ? g.div(n) : g;
}

export function elementwise(op: string, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  // broadcast copies are kernel-side scratch: not recorded in the graph
  const [ea, eb] = noGrad(() => [a.expand(shape).contiguous(), b.expand(shape).contiguous()]);
  const out = Tensor.empty(op, shape, floatDtype(a.dtype));
  for (let i = 0; i < out.dataSync().length; i++) out.dataSync()[i] = f(ea.dataSync()[i], eb.dataSync()[i]);
  return out;
}

/**
 * mse_loss_backward(go, self, target) = 2 (self - target) go [/ N]. With gg the gradient arriving:
 * d/dgo = 2 (self - target) gg [/ N] (summed to go's shape), d/dself = 2 gg go [/ N], d/dtarget = -that.
 */
export const MseLossBackward: OpDef<Reduction> = backwardKernel<Reduction>({
  name: 'MseLossBackwardBackward0', formulas: ['2 * (self - target) * grad [/ N]', '2 * grad * grad_output [/ N]', '-2 * grad * grad_output [/ N]'], saves: SAVE_ALL3,
  compute: ([g, x, t], r) => {
    const diff = T(x).sub(T(t));
    return diff.mul(2).mul(gradScale(T(g), r, diff.numel()));
  },
  backward: (gg, n) => {
    const go = T(n.input(0)), x = T(n.input(1)), t = T(n.input(2)), r = n.params;
    const numel = numelOf(broadcastShapes('mse_loss', x.shape, t.shape));
    const gx = gradScale(gg.mul(go).mul(2), r, numel);
    return [gradScale(x.sub(t).mul(2).mul(gg), r, numel), gx, n.edge(2) === null ? null : gx.neg()];
  },
});

/** mse_loss(self, target) = reduce((self - target)²); d/dself = 2 (self - target) grad / N, d/dtarget = the same with the two swapped (torch's order) */
export const MseLoss = defineOp<Reduction>({
  name: 'MseLossBackward0', doc: 'reduce((self - target)^2); d/dself = 2*(self - target)*grad [/N], d/dtarget = -d/dself',
  formulas: ['2 * (self - target) * grad [/ N]', '-2 * (self - target) * grad [/ N]'], saves: SAVE_BOTH,
  forward: ([x, t], r) => reduceForward('mse_loss', elementwise('mse_loss', T(x), T(t), (a, b) => (a - b) * (a - b)), r),
  backward: (g, n) => {
    const x = n.input(0), t = n.input(1);
    return [n.edge(0) === null ? null : run(MseLossBackward, [g, x, t], n.params), n.edge(1) === null ? null : run(MseLossBackward, [g, t, x], n.params)];
  },
});

/**
 * torch's stable form: (1 - t) x + m + log(e^{-m} + e^{-x-m}), m = max(-x, 0).
 * d/dself = (sigmoid(self) - target) grad / N, d/dtarget = -self grad / N
 */
export const BinaryCrossEntropyWithLogits = defineOp<Reduction>({
  name: 'BinaryCrossEntropyWithLogitsBackward0',
  doc: 'reduce((1-target)*self + log(1 + exp(-self))); d/dself = (sigmoid(self) - target)*grad [/N], d/dtarget = -self*grad [/N]',
  formulas: ['(sigmoid(self) - target) * grad [/ N]', '-self * grad [/ N]'], saves: SAVE_BOTH,
  forward: ([x, t], r) => reduceForward('binary_cross_entropy_with_logits', elementwise('binary_cross_entropy_with_logits', T(x), T(t), (a, b) => {
    const m = Math.max(-a, 0);
    return (1 - b) * a + m + Math.log(Math.exp(-m) + Math.exp(-a - m));
  }), r),
  backward: (g, n) => {
    const x = T(n.input(0)), t = T(n.input(1));
    const numel = broadcastShapes('binary_cross_entropy_with_logits', x.shape, t.shape).reduce((a, b) => a * b, 1);
    // torch multiplies by grad and divides by N last: ((σ(x) - t)·g)/N, not (σ(x) - t)·(g/N), which rounds twice
    const mean = (v: Tensor): Tensor => (n.params === 'mean' ? v.div(numel) : v);
    return [mean(x.sigmoid().sub(t).mul(g)), n.edge(1) === null ? null : mean(x.neg().mul(g))];
  },
});

export interface NllParams {
  target: Tensor;
  reduction: Reduction;
  ignoreIndex: number;
  /** Per-class weights (C), or null for all ones. */
  weight: Tensor | null;
}

/** The weight of class c (1 without weights). */
const classWeight = (p: NllParams, c: number): number => (p.weight === null ? 1 : p.weight.dataSync()[c]);

/** Rows of an nll input: [N, C] -> N rows, [C] -> one row (with a 0-d target). Mismatches in torch 1.13's words. */
function nllGeometry(x: Tensor, target: Tensor): { rows: number; classes: number } {
  const targetBatch = target.shape.length === 0 ? 0 : target.shape[0];
  if (x.shape.length === 2 && targetBatch !== x.shape[0]) throw new ShapeError('nll_loss', `Expected input batch_size (${x.shape[0]}) to match target batch_size (${targetBatch}).`);
  if (x.shape.length === 1 && target.shape.length !== 0) throw new ShapeError('nll_loss', `size mismatch (got input: ${fmtShape(x.shape)}, target: ${fmtShape(target.shape)})`);
  if (x.shape.length === 2 && target.shape.length === 1) return { rows: x.shape[0], classes: x.shape[1] };
  if (x.shape.length === 1) return { rows: 1, classes: x.shape[0] };
  throw new ShapeError('nll_loss', `expected input [N, C] with target [N], or input [C] with a 0-d target; got input ${fmtShape(x.shape)} and target ${fmtShape(target.shape)}`);
}

/** The geometry, after checking every target is a class index or ignore_index. */
function checkedGeometry(x: Tensor, p: NllParams): { rows: number; classes: number } {
  const geo = nllGeometry(x, p.target);
  for (let i = 0; i < geo.rows; i++) {
    const c = p.target.dataSync()[i];
    if (c !== p.ignoreIndex && (!Number.isInteger(c) || c < 0 || c >= geo.classes)) throw new ArgumentError('nll_loss', `Target ${c} is out of bounds.`);
  }
  return geo;
}

/** -1 (or -1/count for mean) at each row's target class: d loss / d input before multiplying by grad. */
function nllPick(x: Tensor, p: NllParams): Tensor {
  const { rows, classes } = checkedGeometry(x, p);
  // mean divides by the total weight of the targets that are not ignore_index
  let total = 0;
  for (let i = 0; i < rows; i++) if (p.target.dataSync()[i] !== p.ignoreIndex) total += classWeight(p, p.target.dataSync()[i]);
  const pick = constantTensor('nll_loss', x.shape, floatDtype(x.dtype), () => 0);
  for (let i = 0; i < rows; i++) {
    const c = p.target.dataSync()[i];
    if (c !== p.ignoreIndex) pick.dataSync()[i * classes + c] = p.reduction === 'mean' ? -classWeight(p, c) / total : -classWeight(p, c);
  }
  return pick;
}

/**
 * nll_loss_backward(go, self, target) = -go at each row's target (÷ count for mean): linear in go,
 * constant in self. d/dgo = nll_loss(gg, target) (the loss itself, applied to gg), d/dself = 0.
 */
export const NllLossBackward: OpDef<NllParams> = backwardKernel<NllParams>({
  name: 'NllLossBackwardBackward0', formulas: ['nll_loss(grad, target, weight, reduction, ignore_index)', 'zeros_like(grad)'], saves: SAVE_OTHER,
  compute: ([g, xIn], p) => {
    const x = T(xIn);
    // 'none' on [N, C]: grad is [N], one per row
    const gb = p.reduction === 'none' && x.shape.length === 2 ? T(g).unsqueeze(1) : T(g);
    return nllPick(x, p).mul(gb);
  },
  backward: (gg, n) => [run(NllLoss, [gg], n.params), zerosLike(T(n.input(1)))],
});

/** nll_loss(self, target) = -self[i, target_i] reduced; d/dself = -grad at each target (÷ count for mean) */
export const NllLoss = defineOp<NllParams>({
  name: 'NllLossBackward0', doc: '-self[i, target[i]] reduced; d/dself[i, target[i]] = -grad [/ count]',
  formulas: ['-grad at [i, target[i]] [/ count]'], saves: SAVE_SELF,
  forward: ([x], p) => {
    const self = T(x);
    const { rows, classes } = checkedGeometry(self, p);
    const perRow = Tensor.empty('nll_loss', self.shape.length === 2 ? [rows] : [], floatDtype(self.dtype));
    let sum = 0;
    let count = 0;
    for (let i = 0; i < rows; i++) {
      const c = p.target.dataSync()[i];
      const ignored = c === p.ignoreIndex;
      perRow.dataSync()[i] = ignored ? 0 : -classWeight(p, c) * self.dataSync()[i * classes + c];
      sum += perRow.dataSync()[i];
      if (!ignored) count += classWeight(p, c);
    }
    if (p.reduction === 'none') return perRow;
    const out = Tensor.empty('nll_loss', [], perRow.dtype);
    // mean divides by the total weight of the targets that are not ignore_index (0/0 = nan when all are)
    out.dataSync()[0] = p.reduction === 'sum' ? sum : sum / count;
    return out;
  },
  backward: (g, n) => [run(NllLossBackward, [g, n.input(0)], n.params)],
});

export function mseLoss(input: Tensor, target: Tensor, options?: ReductionOptions): Tensor {
  return run(MseLoss, [input, target], reductionOf('mse_loss', options));
}

export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options?: ReductionOptions): Tensor {
  return run(BinaryCrossEntropyWithLogits, [input, target], reductionOf('binary_cross_entropy_with_logits', options));
}

export interface NllOptions extends ReductionOptions {
  ignoreIndex?: number;
  /** A weight per class (a 1-d tensor of C elements). */
  weight?: Tensor | null;
}
export function nllLoss(input: Tensor, target: Tensor, options?: NllOptions): Tensor {
  nllGeometry(input, target); // torch checks the batch sizes before the target's dtype
  if (target.dtype !== 'int64') throw new ArgumentError('nll_loss', `expected scalar type Long but found ${scalarTypeName(target.dtype)}`);
  const weight = options?.weight ?? null;
  const classes = input.shape.length === 1 ? input.shape[0] : input.shape[1];
  if (weight !== null && (!(weight instanceof Tensor) || weight.shape.length !== 1 || weight.shape[0] !== classes)) {
    throw new ArgumentError('nll_loss', `weight tensor should be defined either for all ${classes} classes or no classes`);
  }
  return run(NllLoss, [input], { target, reduction: reductionOf('nll_loss', options), ignoreIndex: options?.ignoreIndex ?? -100, weight: weight === null ? null : weight.detach() });
}
