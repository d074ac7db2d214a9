/**
 * Binary arithmetic: add sub rsub mul div reciprocal pow neg maximum minimum.
 * Vocabulary of the formulas (derivatives.yaml): grad = incoming gradient, self/other = inputs,
 * result = output. Broadcast gradients are summed back centrally (define.ts).
 */
import type { Tensor } from '../tensor';
import { defineOp, run } from './define';
import { SAVE_BOTH, SAVE_OUT, SAVE_SELF } from './saves';
import type { Operand } from './define';
import { binaryForward, binaryInto, binaryKernel, unaryForward, unaryKernel } from './binary';
import type { TensorLike } from './binary';
import { ArgumentError } from '../errors';
import { isGradEnabled, noGrad } from '../grad-mode';
import { tapeBinary, tapeUnary } from '../tape-record';
import { TapeOp } from '../tape-ops';

const kAdd = binaryKernel('add');
const kSub = binaryKernel('sub');
const kMul = binaryKernel('mul');
const kDiv = binaryKernel('div');
const kPow = binaryKernel('pow');
const kMax = binaryKernel('maximum');
const kMin = binaryKernel('minimum');
const kMaxMask = binaryKernel('maximumMask');
const kMinMask = binaryKernel('minimumMask');
const kNeg = unaryKernel('neg');
const kRecip = unaryKernel('reciprocal');

const T = (x: Operand): Tensor => x as Tensor;
/** Scale an operand by alpha without recording (alpha = 1 is the common, free case). */
function scaled(b: TensorLike, alpha: number): TensorLike {
  if (alpha === 1) return b;
  return typeof b === 'number' ? b * alpha : binaryForward('add', kMul, b, alpha);
}

/** self + alpha*other. d/dself = grad, d/dother = alpha*grad */
export const Add = defineOp<number>({
  name: 'AddBackward0', doc: 'self + alpha*other; d/dself = grad, d/dother = alpha*grad',
  formulas: ['grad', 'grad * alpha'], saves: 0,
  forward: ([a, b], alpha) => binaryForward('add', kAdd, T(a), scaled(b as TensorLike, alpha)),
  backward: (g, n) => [g, n.edge(1) === null ? null : n.params === 1 ? g : g.mul(n.params)],
});

/** self - alpha*other. d/dself = grad, d/dother = -alpha*grad */
export const Sub = defineOp<number>({
  name: 'SubBackward0', doc: 'self - alpha*other; d/dself = grad, d/dother = -alpha*grad',
  formulas: ['grad', '-grad * alpha'], saves: 0,
  forward: ([a, b], alpha) => binaryForward('sub', kSub, T(a), scaled(b as TensorLike, alpha)),
  backward: (g, n) => [g, n.edge(1) === null ? null : n.params === 1 ? g.neg() : g.mul(-n.params)],
});

/** other - self for a number `other` (number - tensor). d/dself = -grad */
export const Rsub = defineOp<number>({
  name: 'RsubBackward1', doc: 'other - self (other a number); d/dself = -grad',
  formulas: ['-grad'], saves: 0,
  forward: ([a], c) => binaryForward('rsub', kSub, c, T(a)),
  backward: (g) => [g.neg()],
});

/** self * other. d/dself = grad*other, d/dother = grad*self */
export const Mul = defineOp({
  name: 'MulBackward0', doc: 'self * other; d/dself = grad*other, d/dother = grad*self',
  formulas: ['grad * other', 'grad * self'], saves: SAVE_BOTH, savedOnlyFor: [1, 0],
  forward: ([a, b]) => binaryForward('mul', kMul, a as TensorLike, b as TensorLike),
  backward: (g, n, own) => {
    const a = n.input(0) as TensorLike, b = n.input(1) as TensorLike;
    if (isGradEnabled()) return [n.edge(0) === null ? null : g.mul(b), n.edge(1) === null ? null : g.mul(a)];
    // the second product may overwrite an owned g: the first has already read it
    const ga = n.edge(0) === null ? null : n.edge(1) === null ? binaryInto('mul', kMul, g, b, own) : binaryForward('mul', kMul, g, b);
    return [ga, n.edge(1) === null ? null : binaryInto('mul', kMul, g, a, own)];
  },
});

/** self * a number, as torch's C++ formulas record it (Tensor.mul(Scalar)): one slot. */
export const MulScalar = defineOp<number>({
  name: 'MulBackward1', doc: 'self * scalar (inside derivative formulas); d/dself = grad*scalar',
  formulas: ['grad * other'], saves: 0,
  forward: ([a], s) => binaryForward('mul', kMul, T(a), s),
  backward: (g, n) => [g.mul(n.params)],
});

/** self / other. d/dself = grad/other, d/dother = -grad*self/other² */
export const Div = defineOp({
  name: 'DivBackward0', doc: 'self / other; d/dself = grad/other, d/dother = -grad*self/other^2',
  formulas: ['grad / other', '-grad * self / (other * other)'], saves: SAVE_BOTH, savedOnlyFor: [1, -1],
  forward: ([a, b]) => binaryForward('div', kDiv, T(a), b as TensorLike, 'float'),
  backward: (g, n) => {
    const a = T(n.input(0)), b = n.input(1) as TensorLike;
    return [n.edge(0) === null ? null : g.div(b), n.edge(1) === null ? null : g.neg().mul(a).div(T(b).mul(b))];
  },
});

/** 1 / self. d/dself = -grad * result² */
export const Reciprocal = defineOp({
  name: 'ReciprocalBackward0', doc: '1/self; d/dself = -grad*result^2',
  formulas: ['-grad * result * result'], saves: SAVE_OUT,
  forward: ([a]) => unaryForward('reciprocal', kRecip, T(a)),
  backward: (g, n) => [g.neg().mul(n.out!.mul(n.out!))],
});

/** self ** exponent (a number). d/dself = grad * exponent * self^(exponent-1) */
export const PowScalar = defineOp<number>({
  name: 'PowBackward0', doc: 'self^exponent (number exponent); d/dself = grad*exponent*self^(exponent-1)',
  formulas: ['grad * exponent * self.pow(exponent - 1)'], saves: SAVE_SELF,
  forward: ([a], e) => binaryForward('pow', kPow, T(a), e),
  backward: (g, n) => [n.params === 0 ? g.mul(0) : g.mul(mulScalar(T(n.input(0)).pow(n.params - 1), n.params))],
});

/** self ** exponent (tensor exponent). d/dself = grad*other*self^(other-1), d/dother = grad*result*log(self) */
export const PowTensor = defineOp({
  name: 'PowBackward1', doc: 'self^other; d/dself = grad*other*self^(other-1), d/dother = grad*result*log(self)',
  formulas: ['grad * other * self.pow(other - 1)', 'grad * result * self.log()'], saves: SAVE_BOTH | SAVE_OUT,
  forward: ([a, b]) => binaryForward('pow', kPow, a as TensorLike, b as TensorLike),
  backward: (g, n) => {
    const a = n.input(0) as TensorLike, b = T(n.input(1));
    const ga = n.edge(0) === null ? null : g.mul(b).mul(T(a).pow(b.sub(1)));
    const lnA = typeof a === 'number' ? Math.log(a) : a.log();
    const gb = n.edge(1) === null ? null : g.mul(n.out!).mul(lnA);
    return [ga, gb];
  },
});

/** -self. d/dself = -grad */
export const Neg = defineOp({
  name: 'NegBackward0', doc: '-self; d/dself = -grad', formulas: ['-grad'], saves: 0,
  forward: ([a]) => unaryForward('neg', kNeg, T(a), 'same'),
  backward: (g) => [g.neg()],
});

/** max(self, other) elementwise. The gradient goes to the larger input (half each on a tie). */
export const Maximum = defineOp({
  name: 'MaximumBackward0', doc: 'maximum(self, other); d/dself = grad*[self>other] (+grad/2 on ties), d/dother likewise',
  formulas: ['grad * (self > other)', 'grad * (other > self)'], saves: SAVE_BOTH,
  forward: ([a, b]) => binaryForward('maximum', kMax, T(a), T(b)),
  backward: (g, n) => {
    const a = T(n.input(0)), b = T(n.input(1));
    return [g.mul(noGrad(() => binaryForward('maximum', kMaxMask, a, b))), g.mul(noGrad(() => binaryForward('maximum', kMaxMask, b, a)))];
  },
});

/** min(self, other) elementwise. The gradient goes to the smaller input (half each on a tie). */
export const Minimum = defineOp({
  name: 'MinimumBackward0', doc: 'minimum(self, other); d/dself = grad*[self<other] (+grad/2 on ties), d/dother likewise',
  formulas: ['grad * (self < other)', 'grad * (other < self)'], saves: SAVE_BOTH,
  forward: ([a, b]) => binaryForward('minimum', kMin, T(a), T(b)),
  backward: (g, n) => {
    const a = T(n.input(0)), b = T(n.input(1));
    return [g.mul(noGrad(() => binaryForward('minimum', kMinMask, a, b))), g.mul(noGrad(() => binaryForward('minimum', kMinMask, b, a)))];
  },
});

function bothNumbers(op: string): never {
  throw new ArgumentError(op, 'expected at least one tensor operand, got two numbers');
}

/** a + alpha*b; a number on the left is `b.__radd__(a)`: the tensor takes slot 0. */
export function add(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? bothNumbers('add') : (alpha === 1 ? tapeBinary(TapeOp.Add, b, a) : null) ?? run(Add, [b, a * alpha], 1);
  return (alpha === 1 ? tapeBinary(TapeOp.Add, a, b) : null) ?? run(Add, [a, b], alpha);
}
/** a - alpha*b; number - tensor is torch.rsub (RsubBackward1, one slot). */
export function sub(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? bothNumbers('sub') : alpha === 1 ? tapeUnary(TapeOp.Rsub, b, a) ?? run(Rsub, [b], a) : run(Rsub, [mul(b, alpha)], a);
  return (alpha === 1 ? tapeBinary(TapeOp.Sub, a, b) : null) ?? run(Sub, [a, b], alpha);
}
/** a * b; a number on the left is `b.__rmul__(a)`: the tensor takes slot 0. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? bothNumbers('mul') : tapeBinary(TapeOp.Mul, b, a) ?? run(Mul, [b, a], undefined);
  return tapeBinary(TapeOp.Mul, a, b) ?? run(Mul, [a, b], undefined);
}
/** a / b; number / tensor is `b.reciprocal() * a` (MulBackward0 over ReciprocalBackward0), as torch 1.13. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  if (typeof a === 'number') return typeof b === 'number' ? bothNumbers('div') : mul(reciprocal(b), a);
  return tapeBinary(TapeOp.Div, a, b) ?? run(Div, [a, b], undefined);
}
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === 'number') return typeof a === 'number' ? bothNumbers('pow') : tapeUnary(TapeOp.Pow, a, b) ?? run(PowScalar, [a], b);
  return run(PowTensor, [a, b], undefined);
}
/** Tensor.mul(Scalar) as recorded inside derivative formulas (MulBackward1). */
export function mulScalar(a: Tensor, s: number): Tensor {
  return run(MulScalar, [a], s);
}
export function neg(a: Tensor): Tensor {
  return tapeUnary(TapeOp.Neg, a) ?? run(Neg, [a], undefined);
}
export function reciprocal(a: Tensor): Tensor {
  return tapeUnary(TapeOp.Reciprocal, a) ?? run(Reciprocal, [a], undefined);
}
export function maximum(a: Tensor, b: Tensor): Tensor {
  return run(Maximum, [a, b], undefined);
}
export function minimum(a: Tensor, b: Tensor): Tensor {
  return run(Minimum, [a, b], undefined);
}
