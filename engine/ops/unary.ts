/** Unary elementwise ops and their derivatives; plus clamp and where. */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import { SAVE_OUT, SAVE_SELF } from './saves';
import type { Operand } from './define';
import { binaryInto, binaryKernel, unaryForward, unaryKernel } from './binary';
import type { BinaryKernel } from './ewise';
import { isGradEnabled } from '../grad-mode';
import type { TensorLike } from './binary';
import { binaryDtype } from './binary';
import { noGrad } from '../grad-mode';
import { broadcastShapes, broadcastStrides, stridedOffsets } from '../shape';
import { ArgumentError } from '../errors';
import type { UnaryKernel } from './ewise';
import { tapeUnary } from '../tape-record';
import { TapeOp } from '../tape-ops';

const T = (x: Operand): Tensor => x as Tensor;
/** A constant (non-recorded) tensor computed from x by kernel k, in x's dtype. */
const constant = (op: string, k: UnaryKernel, x: Tensor): Tensor => noGrad(() => unaryForward(op, k, x, 'same'));

const kExp = unaryKernel('exp');
const kLog = unaryKernel('log');
const kSqrt = unaryKernel('sqrt');
const kAbs = unaryKernel('abs');
const kSin = unaryKernel('sin');
const kCos = unaryKernel('cos');
const kTanh = unaryKernel('tanh');
const kSigmoid = unaryKernel('sigmoid');
const kRelu = unaryKernel('relu');
const kSign = unaryKernel('sign');
const kPositive = unaryKernel('positive');

/**
 * Fused backward kernels (x = grad, y = saved tensor), used when no graph of the gradient is
 * recorded: one pass instead of one per elementary op (torch has fused *_backward kernels too).
 */
const gExp = binaryKernel('mul');
const gLog = binaryKernel('logBackward');
const gSqrt = binaryKernel('sqrtBackward');
const gAbs = binaryKernel('absBackward');
const gSin = binaryKernel('sinBackward');
const gCos = binaryKernel('cosBackward');
const gTanh = binaryKernel('tanhBackward');
const gSigmoid = binaryKernel('sigmoidBackward');
const gRelu = binaryKernel('reluBackward');
/** The fused VJP when grad mode is off (plain backward), else the composable formula (createGraph). */
function vjp(own: boolean, op: string, k: BinaryKernel, g: Tensor, y: Tensor, formula: () => Tensor): Tensor {
  return isGradEnabled() ? formula() : binaryInto(op, k, g, y, own);
}

export const Exp = defineOp({
  name: 'ExpBackward0', doc: 'e^self; d/dself = grad*result', formulas: ['grad * result'], saves: SAVE_OUT,
  forward: ([a]) => unaryForward('exp', kExp, T(a)),
  backward: (g, n, own) => [vjp(own, 'exp', gExp, g, n.out!, () => g.mul(n.out!))],
});
export const Log = defineOp({
  name: 'LogBackward0', doc: 'ln(self); d/dself = grad/self', formulas: ['grad / self'], saves: SAVE_SELF,
  forward: ([a]) => unaryForward('log', kLog, T(a)),
  backward: (g, n, own) => [vjp(own, 'log', gLog, g, T(n.input(0)), () => g.div(T(n.input(0))))],
});
export const Sqrt = defineOp({
  name: 'SqrtBackward0', doc: 'sqrt(self); d/dself = grad/(2*result)', formulas: ['grad / (2 * result)'], saves: SAVE_OUT,
  forward: ([a]) => unaryForward('sqrt', kSqrt, T(a)),
  backward: (g, n, own) => [vjp(own, 'sqrt', gSqrt, g, n.out!, () => g.div(n.out!.mul(2)))],
});
export const Abs = defineOp({
  name: 'AbsBackward0', doc: '|self|; d/dself = grad*sgn(self) (0 at 0)', formulas: ['grad * self.sgn()'], saves: SAVE_SELF,
  forward: ([a]) => unaryForward('abs', kAbs, T(a), 'same'),
  backward: (g, n, own) => [vjp(own, 'abs', gAbs, g, T(n.input(0)), () => g.mul(constant('abs', kSign, T(n.input(0)))))],
});
export const Sin = defineOp({
  name: 'SinBackward0', doc: 'sin(self); d/dself = grad*cos(self)', formulas: ['grad * self.cos()'], saves: SAVE_SELF,
  forward: ([a]) => unaryForward('sin', kSin, T(a)),
  backward: (g, n, own) => [vjp(own, 'sin', gSin, g, T(n.input(0)), () => g.mul(T(n.input(0)).cos()))],
});
export const Cos = defineOp({
  name: 'CosBackward0', doc: 'cos(self); d/dself = -grad*sin(self)', formulas: ['grad * -self.sin()'], saves: SAVE_SELF,
  forward: ([a]) => unaryForward('cos', kCos, T(a)),
  backward: (g, n, own) => [vjp(own, 'cos', gCos, g, T(n.input(0)), () => g.mul(T(n.input(0)).sin().neg()))],
});
export const Tanh = defineOp({
  name: 'TanhBackward0', doc: 'tanh(self); d/dself = grad*(1-result^2)', formulas: ['grad * (1 - result^2)'], saves: SAVE_OUT,
  forward: ([a]) => unaryForward('tanh', kTanh, T(a)),
  backward: (g, n, own) => [vjp(own, 'tanh', gTanh, g, n.out!, () => g.mul(n.out!.mul(n.out!).neg().add(1)))],
});
export const Sigmoid = defineOp({
  name: 'SigmoidBackward0', doc: 'sigmoid(self); d/dself = grad*result*(1-result)', formulas: ['grad * result * (1 - result)'], saves: SAVE_OUT,
  forward: ([a]) => unaryForward('sigmoid', kSigmoid, T(a)),
  backward: (g, n, own) => [vjp(own, 'sigmoid', gSigmoid, g, n.out!, () => g.mul(n.out!.mul(n.out!.neg().add(1))))],
});
export const Relu = defineOp({
  name: 'ReluBackward0', doc: 'max(self, 0); d/dself = grad*[result>0]', formulas: ['grad * (result > 0)'], saves: SAVE_OUT,
  forward: ([a]) => unaryForward('relu', kRelu, T(a), 'same'),
  backward: (g, n, own) => [vjp(own, 'relu', gRelu, g, n.out!, () => g.mul(constant('relu', kPositive, n.out!)))],
});

export interface ClampParams {
  min: number | null;
  max: number | null;
}
/** clamp(self, min, max); d/dself = grad where min <= self <= max (inclusive, as torch 1.13). */
export const Clamp = defineOp<ClampParams>({
  name: 'ClampBackward1', doc: 'clamp(self, min, max); d/dself = grad*[min <= self <= max]', formulas: ['grad * (min <= self <= max)'], saves: SAVE_SELF,
  forward: ([a], p) => {
    const x = T(a);
    const out = Tensor.empty('clamp', x.shape, x.dtype);
    const lo = p.min ?? -Infinity, hi = p.max ?? Infinity, s = x.data, o = out.data;
    for (let i = 0; i < s.length; i++) o[i] = s[i] !== s[i] ? s[i] : Math.min(Math.max(s[i], lo), hi);
    return out;
  },
  backward: (g, n) => {
    const x = T(n.input(0));
    const m = Tensor.empty('clamp', x.shape, g.dtype);
    const lo = n.params.min ?? -Infinity, hi = n.params.max ?? Infinity;
    for (let i = 0; i < x.data.length; i++) m.data[i] = x.data[i] >= lo && x.data[i] <= hi ? 1 : 0;
    return [g.mul(m)];
  },
});

/** where(cond, self, other): the gradient goes to self where cond holds, to other elsewhere. */
export const Where = defineOp<Tensor>({
  name: 'WhereBackward0', doc: 'where(cond, self, other); d/dself = grad*cond, d/dother = grad*!cond', formulas: ['where(cond, grad, 0)', 'where(cond, 0, grad)'], saves: 0,
  forward: ([a, b], cond) => whereForward(cond, a as TensorLike, b as TensorLike),
  backward: (g, n) => [
    n.edge(0) === null ? null : where(n.params, g, 0),
    n.edge(1) === null ? null : where(n.params, 0, g),
  ],
});

function whereForward(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const sa = typeof a === 'number' ? [] : a.shape, sb = typeof b === 'number' ? [] : b.shape;
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, sa), sb);
  const out = Tensor.empty('where', shape, binaryDtype(a, b, 'same'));
  const ic = offsets(cond.shape, shape), ia = offsets(sa, shape), ib = offsets(sb, shape);
  const da = typeof a === 'number' ? null : a.data, db = typeof b === 'number' ? null : b.data;
  for (let i = 0; i < out.data.length; i++) {
    out.data[i] = cond.data[ic[i]] !== 0 ? (da === null ? (a as number) : da[ia[i]]) : db === null ? (b as number) : db[ib[i]];
  }
  return out;
}

/** Flat source offset of every output element when `shape` is broadcast to `out`. */
function offsets(shape: readonly number[], out: readonly number[]): Int32Array {
  return stridedOffsets(out, broadcastStrides(shape, out));
}

export const exp = (a: Tensor): Tensor => tapeUnary(TapeOp.Exp, a) ?? run(Exp, [a], undefined);
export const log = (a: Tensor): Tensor => tapeUnary(TapeOp.Log, a) ?? run(Log, [a], undefined);
export const sqrt = (a: Tensor): Tensor => tapeUnary(TapeOp.Sqrt, a) ?? run(Sqrt, [a], undefined);
export const abs = (a: Tensor): Tensor => tapeUnary(TapeOp.Abs, a) ?? run(Abs, [a], undefined);
export const sin = (a: Tensor): Tensor => tapeUnary(TapeOp.Sin, a) ?? run(Sin, [a], undefined);
export const cos = (a: Tensor): Tensor => tapeUnary(TapeOp.Cos, a) ?? run(Cos, [a], undefined);
export const tanh = (a: Tensor): Tensor => tapeUnary(TapeOp.Tanh, a) ?? run(Tanh, [a], undefined);
export const sigmoid = (a: Tensor): Tensor => tapeUnary(TapeOp.Sigmoid, a) ?? run(Sigmoid, [a], undefined);
export const relu = (a: Tensor): Tensor => tapeUnary(TapeOp.Relu, a) ?? run(Relu, [a], undefined);
export function clamp(a: Tensor, min?: number | null, max?: number | null): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) throw new ArgumentError('clamp', 'At least one of \'min\' or \'max\' must not be None');
  return run(Clamp, [a], { min: min ?? null, max: max ?? null });
}
/** where(cond, a, b); either value may be a number (it takes a slot with no gradient edge). */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (cond.dtype !== 'bool') throw new ArgumentError('where', `expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype}`);
  return run(Where, [a, b] as Operand[], cond);
}
