/**
 * Arithmetic: add sub mul div pow neg reciprocal maximum minimum, as PyTorch's Python operators
 * dispatch them (a number on either side). Each is an entry of the op table (table.ts), which holds
 * its expression and derivatives; these functions only pick the entry for the operands.
 */
import type { Tensor } from '../tensor';
import { binaryOp, opHandle, scalarOp, unaryOp } from './derive';
import { chained, chainedPair } from '../tape-record';
import type { TensorLike } from './binary';
import { ArgumentError } from '../errors';
import { isFloating } from '../dtype';
import { checkNegatable, checkSubtractable } from './operands';

// The entries, resolved once: one constant each, read per call without a lookup by name.
const ADD = opHandle('add'), SUB = opHandle('sub'), MUL = opHandle('mul'), DIV = opHandle('div');
const RSUB = opHandle('rsub'), POW = opHandle('powTensor'), POW_SCALAR = opHandle('powScalar'), MUL_SCALAR = opHandle('mulScalar');
const DIV_SCALAR = opHandle('divScalar');

function bothNumbers(op: string): never {
  throw new ArgumentError(op, 'expected at least one tensor operand, got two numbers');
}

// A tensor on the left tries `chained`/`chainedPair` first (tape-record.ts): an op continuing a chain
// of scalar ops on the current segment records there without the general dispatch.

/** a + alpha*b; a number on the left is `b.__radd__(a)`: the tensor takes slot 0. */
export function add(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  if (alpha === 1 && typeof a !== 'number') return (typeof b === 'number' ? chained(ADD, a, b) : chainedPair(ADD, a, b)) ?? binaryOp(ADD, a, b);
  if (typeof a === 'number') return typeof b === 'number' ? bothNumbers('add') : binaryOp(ADD, b, a * alpha);
  return binaryOp(ADD, a, b, alpha);
}
/** a - alpha*b; number - tensor is torch.rsub (RsubBackward1, one slot). */
export function sub(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  checkSubtractable('sub', a, b);
  if (alpha === 1 && typeof a !== 'number') return (typeof b === 'number' ? chained(SUB, a, b) : chainedPair(SUB, a, b)) ?? binaryOp(SUB, a, b);
  if (typeof a === 'number') return typeof b === 'number' ? bothNumbers('sub') : scalarOp(RSUB, alpha === 1 ? b : mul(b, alpha), a);
  return binaryOp(SUB, a, b, alpha);
}
/** a * b; a number on the left is `b.__rmul__(a)`: the tensor takes slot 0. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  if (typeof a !== 'number') return (typeof b === 'number' ? chained(MUL, a, b) : chainedPair(MUL, a, b)) ?? binaryOp(MUL, a, b);
  return typeof b === 'number' ? bothNumbers('mul') : binaryOp(MUL, b, a);
}
/** a / b; number / tensor is `b.reciprocal() * a` (MulBackward0 over ReciprocalBackward0), as torch 1.13. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  if (typeof a !== 'number') return (typeof b === 'number' ? chained(DIV, a, b) : chainedPair(DIV, a, b)) ?? binaryOp(DIV, a, b);
  return typeof b === 'number' ? bothNumbers('div') : mul(reciprocal(b), a);
}
/** a ** b: a number exponent records PowBackward0 (one slot), a tensor exponent PowBackward1. */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === 'number') return typeof a === 'number' ? bothNumbers('pow') : chained(POW_SCALAR, a, b) ?? scalarOp(POW_SCALAR, a, b);
  return binaryOp(POW, a, b);
}
/** Tensor.mul(Scalar) as recorded inside derivative formulas (MulBackward1). */
export function mulScalar(a: Tensor, s: number): Tensor {
  return scalarOp(MUL_SCALAR, a, s);
}
/** Tensor.div(Scalar) as recorded inside derivative formulas (DivBackward1). */
export function divScalar(a: Tensor, s: number): Tensor {
  return scalarOp(DIV_SCALAR, a, s);
}
export function neg(a: Tensor): Tensor {
  checkNegatable('neg', a);
  return unaryOp('neg', a);
}
export function reciprocal(a: Tensor): Tensor {
  return unaryOp('reciprocal', a);
}
export function maximum(a: Tensor, b: Tensor): Tensor {
  return binaryOp('maximum', a, b);
}
export function minimum(a: Tensor, b: Tensor): Tensor {
  return binaryOp('minimum', a, b);
}

/**
 * fmod / remainder with a tensor or number divisor (a number records the one-slot *Backward0). An
 * integer division by zero is refused, as torch raises ZeroDivisionError there.
 */
function modOp(op: 'fmod' | 'remainder', a: Tensor, b: TensorLike): Tensor {
  const intDivisor = typeof b === 'number' ? Number.isInteger(b) : !isFloating(b.dtype);
  if (!isFloating(a.dtype) && intDivisor && (typeof b === 'number' ? b === 0 : b.dataSync().includes(0))) throw new ArgumentError(op, 'ZeroDivisionError');
  return typeof b === 'number' ? scalarOp(op === 'fmod' ? 'fmodScalar' : 'remainderScalar', a, b) : binaryOp(op, a, b);
}
export const fmod = (a: Tensor, b: TensorLike): Tensor => modOp('fmod', a, b);
export const remainder = (a: Tensor, b: TensorLike): Tensor => modOp('remainder', a, b);
