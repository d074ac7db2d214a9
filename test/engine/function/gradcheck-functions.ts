/**
 * The functions of test/fixtures/oracle/generate/gradcheck_verdicts.py by name: its extra Functions
 * (wrong or non-differentiable backwards) written here with the same ops, the rest from functions.ts.
 */
import { F, autograd, fromFlat } from '../../../engine/index';
import type { FunctionCtx, Tensor } from '../../../engine/index';
import { FUNCTIONS } from './functions';

type T = Tensor;
const saved = (ctx: FunctionCtx): T => ctx.savedTensors[0];
const p3 = (x: T): T => x.pow(3).mul(5).sub(x.mul(3)).mul(0.5);

class LegendreWrong extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T {
    ctx.saveForBackward(x);
    return p3(x);
  }
  static override backward(ctx: FunctionCtx, g: T): T {
    return g.mul(1.5).mul(saved(ctx).pow(2).mul(5).sub(2));
  }
}

class LegendreDetached extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T {
    ctx.saveForBackward(x);
    return p3(x);
  }
  static override backward(ctx: FunctionCtx, g: T): T {
    return g.mul(1.5).mul(saved(ctx).detach().pow(2).mul(5).sub(1));
  }
}

class ExpOff extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T {
    const r = x.exp();
    ctx.saveForBackward(r);
    return r;
  }
  static override backward(ctx: FunctionCtx, g: T): T {
    return g.mul(saved(ctx)).mul(1.01);
  }
}

class ScaleShiftWrongW extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T, k: number, w: T): T {
    ctx.k = k;
    return x.mul(k).add(w);
  }
  static override backward(ctx: FunctionCtx, g: T): (T | null)[] {
    return [g.mul(ctx.k as number), null, g.mul(2)];
  }
}

class SinCosWrong extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T[] {
    ctx.saveForBackward(x);
    return [x.sin(), x.cos()];
  }
  static override backward(ctx: FunctionCtx, a: T, b: T): T {
    const x = saved(ctx);
    return a.mul(x.cos()).add(b.mul(x.sin()));
  }
}

class SumIgnoresGrad extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T {
    ctx.saveForBackward(x);
    return x.sum();
  }
  static override backward(ctx: FunctionCtx): T {
    return saved(ctx).mul(0).add(1);
  }
}

const f = (name: string) => (...a: unknown[]): unknown => FUNCTIONS[name].apply(...a);

/** By the names the fixture uses. */
export const GRADCHECK_FNS: Record<string, (...a: never[]) => unknown> = {
  LegendrePolynomial3: f('LegendrePolynomial3'),
  LegendreWrong: (x: T) => LegendreWrong.apply(x),
  LegendreDetached: (x: T) => LegendreDetached.apply(x),
  Exp: f('Exp'),
  ExpOff: (x: T) => ExpOff.apply(x),
  ScaleShift: f('ScaleShift'),
  ScaleShiftWrongW: (x: T, k: number, w: T) => ScaleShiftWrongW.apply(x, k, w),
  SinCos: f('SinCos'),
  SinCosWrong: (x: T) => SinCosWrong.apply(x),
  WithMask: f('WithMask'),
  DoubleOfClone: (x: T) => FUNCTIONS.Double.apply(x.clone()),
  Square: f('Square'),
  Broadcast: f('Broadcast'),
  SumIgnoresGrad: (x: T) => SumIgnoresGrad.apply(x),
  mulSin: (x: T, y: T) => x.mul(y).sin(),
  mm: (x: T, y: T) => x.mm(y),
  abs: (x: T) => x.abs(),
  relu: (x: T) => x.relu(),
  detachedTwice: (x: T) => x.detach().mul(2),
  tanh: (x: T) => x.tanh(),
  sigmoid: (x: T) => x.sigmoid(),
  gelu: (x: T) => F.gelu(x),
  geluTanh: (x: T) => F.gelu(x, { approximate: 'tanh' }),
  leakyRelu: (x: T) => F.leakyRelu(x, 0.2),
  softplus: (x: T) => F.softplus(x, { beta: 2, threshold: 3 }),
  softmax: (x: T) => F.softmax(x, 1),
  logSoftmax: (x: T) => F.logSoftmax(x, 1),
  mseLoss: (x: T, y: T) => F.mseLoss(x, y),
  smoothL1Loss: (x: T, y: T) => F.smoothL1Loss(x, y, { beta: 0.5 }),
  huberLoss: (x: T, y: T) => F.huberLoss(x, y, { delta: 0.5 }),
  binaryCrossEntropy: (x: T, y: T) => F.binaryCrossEntropy(x, y),
  nllLoss: (x: T) => F.nllLoss(x, fromFlat([2, 0], [2], { dtype: 'int64' })),
  batchNormTrain: (x: T, g: T) => F.batchNorm(x, null, null, g, null, true),
  batchNormEval: (x: T, g: T) => F.batchNorm(x, fromFlat([0.2, -0.1, 0.4], [3]), fromFlat([0.5, 1.5, 0.8], [3]), g, null, false),
};
