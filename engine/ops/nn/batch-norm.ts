/**
 * batch_norm over every dim but the channels (dim 1): y = (x - mean) * invstd * weight + bias per
 * channel, invstd = 1/sqrt(var + eps). In training the statistics are the batch's (biased variance)
 * and the running ones, when given, move towards them (unbiased variance), written in place without
 * a version bump, as torch 1.13's CPU kernel does; otherwise the running statistics are used. One
 * NativeBatchNormBackward0 node with next [input, weight, bias] (null slots for an absent affine).
 */
import { Tensor } from '../../tensor';
import { defineOp, run, SAVE_BOTH } from '../define';
import { ArgumentError, ShapeError } from '../../errors';
import { fmtShape } from '../../shape';
import { allocStorage } from '../../dtype';
import { writeValues } from '../inplace';
import { T, floatDtype } from './util';
import { batchNormBackward } from './batch-norm-backward';

export interface BatchNormParams {
  training: boolean;
  momentum: number;
  eps: number;
  /** Used in evaluation (and read by backward then); updated in training when given. */
  runningMean: Tensor | null;
  runningVar: Tensor | null;
}

/** The input as channels × (everything else): element (n, c, s) is at (n * C + c) * S + s. */
interface Layout {
  n: number;
  c: number;
  s: number;
}

function layoutOf(x: Tensor): Layout {
  let s = 1;
  for (let i = 2; i < x.shape.length; i++) s *= x.shape[i];
  return { n: x.shape[0], c: x.shape[1], s };
}

/** Per channel: the mean and the sum of squared deviations over its n * s elements. */
function batchStats(d: ArrayLike<number>, l: Layout): { mean: Float64Array; varSum: Float64Array } {
  const mean = new Float64Array(l.c), varSum = new Float64Array(l.c);
  const count = l.n * l.s;
  for (let c = 0; c < l.c; c++) {
    let sum = 0;
    for (let n = 0; n < l.n; n++) for (let i = 0, at = (n * l.c + c) * l.s; i < l.s; i++) sum += d[at + i];
    const m = sum / count;
    let v = 0;
    for (let n = 0; n < l.n; n++) for (let i = 0, at = (n * l.c + c) * l.s; i < l.s; i++) v += (d[at + i] - m) * (d[at + i] - m);
    mean[c] = m;
    varSum[c] = v;
  }
  return { mean, varSum };
}

/** running = momentum * batch + (1 - momentum) * running, torch's order of operations. */
function moveRunning(op: string, running: Tensor, batch: Float64Array, momentum: number): void {
  const old = running.dataSync();
  const next = allocStorage(running.dtype, old.length);
  for (let c = 0; c < old.length; c++) next[c] = momentum * batch[c] + (1 - momentum) * old[c];
  writeValues(op, running, next);
}

function forward(x: Tensor, w: Tensor | null, b: Tensor | null, p: BatchNormParams): Tensor {
  const l = layoutOf(x), d = x.dataSync();
  const out = Tensor.empty('batch_norm', x.shape, floatDtype(x.dtype));
  let mean: ArrayLike<number>, invstd: Float64Array;
  if (p.training) {
    const stats = batchStats(d, l), count = l.n * l.s;
    mean = stats.mean;
    invstd = stats.varSum.map((v) => 1 / Math.sqrt(v / count + p.eps));
    if (p.runningMean !== null) moveRunning('batch_norm', p.runningMean, stats.mean, p.momentum);
    if (p.runningVar !== null) moveRunning('batch_norm', p.runningVar, stats.varSum.map((v) => v / (count - 1)), p.momentum);
  } else {
    mean = T(p.runningMean).dataSync();
    invstd = Float64Array.from(T(p.runningVar).dataSync(), (v) => 1 / Math.sqrt(v + p.eps));
  }
  const o = out.dataSync(), wd = w?.dataSync(), bd = b?.dataSync();
  for (let c = 0; c < l.c; c++) {
    // torch's CPU kernel: y = x * alpha + beta
    const alpha = wd === undefined ? invstd[c] : invstd[c] * wd[c];
    const beta = (bd === undefined ? 0 : bd[c]) - mean[c] * alpha;
    for (let n = 0; n < l.n; n++) for (let i = 0, at = (n * l.c + c) * l.s; i < l.s; i++) o[at + i] = d[at + i] * alpha + beta;
  }
  return out;
}

/**
 * x̂ = (x - mean) invstd, ĝ = grad * weight, sums and means over every dim but 1:
 * training: d/dx = invstd (ĝ - mean(ĝ) - x̂ mean(ĝ x̂)); evaluation: d/dx = ĝ invstd (running
 * statistics are constants); d/dweight = Σ grad x̂, d/dbias = Σ grad. Each a backward kernel
 * (batch-norm-backward.ts): with createGraph, NativeBatchNormBackwardBackward0 as in torch.
 */
export const NativeBatchNorm = defineOp<BatchNormParams>({
  name: 'NativeBatchNormBackward0',
  formulas: ['training: invstd * (ĝ - mean(ĝ) - x̂ * mean(ĝ * x̂)); eval: ĝ * invstd; ĝ = grad * weight', 'sum(grad * x̂)', 'sum(grad)'],
  saves: SAVE_BOTH,
  forward: ([x, w, b], p) => forward(T(x), w as Tensor | null, b as Tensor | null, p),
  backward: (g, n) => batchNormBackward(g, T(n.input(0)), n.input(1) as Tensor | null, n.params, [n.edge(0) !== null, n.edge(1) !== null, n.edge(2) !== null]),
});

function checkChannels(name: string, t: Tensor | null, c: number): void {
  if (t !== null && (t.shape.length !== 1 || t.shape[0] !== c)) {
    throw new ShapeError('batch_norm', `${name} should contain ${c} elements not ${t.shape.length === 1 ? t.shape[0] : fmtShape(t.shape)}`);
  }
}

/**
 * torch.nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum,
 * eps), positional as in torch.
 */
export function batchNorm(
  input: Tensor, runningMean: Tensor | null | undefined, runningVar: Tensor | null | undefined,
  weight?: Tensor | null, bias?: Tensor | null, training = false, momentum = 0.1, eps = 1e-5,
): Tensor {
  if (!(input instanceof Tensor)) throw new ArgumentError('batch_norm', `argument 'input' must be a Tensor, got ${typeof input}`);
  for (const [name, v] of [['training', training], ['momentum', momentum], ['eps', eps]] as const) {
    const want = name === 'training' ? 'boolean' : 'number';
    if (typeof v !== want) throw new ArgumentError('batch_norm', `argument '${name}' must be a ${want}, got ${typeof v}`);
  }
  if (input.shape.length < 2) throw new ShapeError('batch_norm', `expected an input with a batch and a channel dim, got input of size ${fmtShape(input.shape)}`);
  const rm = runningMean ?? null, rv = runningVar ?? null;
  if (!training && (rm === null || rv === null)) throw new ArgumentError('batch_norm', `${rm === null ? 'running_mean' : 'running_var'} must be defined in evaluation mode`);
  const c = input.shape[1];
  checkChannels('running_mean', rm, c);
  checkChannels('running_var', rv, c);
  checkChannels('weight', weight ?? null, c);
  checkChannels('bias', bias ?? null, c);
  if (training && input.shape[0] * layoutOf(input).s === 1) {
    throw new ArgumentError('batch_norm', `Expected more than 1 value per channel when training, got input size torch.Size([${input.shape.join(", ")}])`);
  }
  return run(NativeBatchNorm, [input, weight ?? null, bias ?? null], { training, momentum, eps, runningMean: rm, runningVar: rv });
}
