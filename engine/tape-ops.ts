/**
 * The ops the scalar tape (tape.ts) records, one code each: the forward of one element, which
 * inputs backward reads, and the OpDef whose Node the tape builds when someone reads `gradFn`.
 * The forwards are the kernels' scalar expressions (ops/arith.ts, ops/unary.ts, ops/reduce.ts),
 * so a taped result is bit-identical to the object path's; tape.test.ts checks it per op.
 */
import type { OpDef } from './ops/define';
import type { Tensor } from './tensor';
import { Add, Div, Mul, Neg, PowScalar, Reciprocal, Rsub, Sub } from './ops/arith';
import { Abs, Cos, Exp, Log, Relu, Sigmoid, Sin, Sqrt, Tanh } from './ops/unary';
import { MeanAll, SumAll, reduction } from './ops/reduce';
import { SAVE_BOTH, SAVE_OUT, SAVE_SELF } from './ops/saves';

/**
 * Op codes (a const enum: inlined, so the backward sweep switches on literals). Add..Div: input 1 is
 * a number (kept in the tape's constant) or a tensor of the same shape and dtype. Neg..Pow: unary
 * (pow keeps its number exponent in the constant). Sum, Mean: full reductions of one element.
 * Sqrt..Reciprocal: more unary ops; Rsub: number - tensor (the number in the constant).
 */
export const enum TapeOp { Add = 1, Sub, Mul, Div, Neg, Exp, Log, Tanh, Sigmoid, Relu, Pow, Sum, Mean, Sqrt, Abs, Sin, Cos, Reciprocal, Rsub }

export type TapeCode = TapeOp;

/** Two tensor slots (the second may be a number) or one. */
export function isBinary(code: TapeCode): boolean {
  return code <= TapeOp.Div;
}

/** The op name used for element-budget charges and BudgetErrors, as the object path's kernels name it. */
const CHARGE_NAMES = ['', 'add', 'sub', 'mul', 'div', 'neg', 'exp', 'log', 'tanh', 'sigmoid', 'relu', 'pow', 'sum', 'sum', 'sqrt', 'abs', 'sin', 'cos', 'reciprocal', 'rsub'];
export function chargeName(code: TapeCode): string {
  return CHARGE_NAMES[code];
}

/** Which tensors the op's backward reads (OpDef.saves): version checks and the freed-graph error. */
const SAVES = [0, 0, 0, SAVE_BOTH, SAVE_BOTH, 0, SAVE_OUT, SAVE_SELF, SAVE_OUT, SAVE_OUT, SAVE_OUT, SAVE_SELF, 0, 0, SAVE_OUT, SAVE_SELF, SAVE_SELF, SAVE_SELF, SAVE_OUT, 0];
export function savesOf(code: TapeCode): number {
  return SAVES[code];
}

/** f(x, y) in float64 (the caller rounds float32 results): the object path's kernel expressions. */
export function forward(code: TapeCode, x: number, y: number): number {
  switch (code) {
    case TapeOp.Add: return x + y;
    case TapeOp.Sub: return x - y;
    case TapeOp.Mul: return x * y;
    case TapeOp.Div: return x / y;
    case TapeOp.Neg: return -x;
    case TapeOp.Exp: return Math.exp(x);
    case TapeOp.Log: return Math.log(x);
    case TapeOp.Tanh: return Math.tanh(x);
    case TapeOp.Sigmoid: return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    case TapeOp.Relu: return x > 0 ? x : 0;
    case TapeOp.Pow: return Math.pow(x, y);
    case TapeOp.Sqrt: return Math.sqrt(x);
    case TapeOp.Abs: return Math.abs(x);
    case TapeOp.Sin: return Math.sin(x);
    case TapeOp.Cos: return Math.cos(x);
    case TapeOp.Reciprocal: return 1 / x;
    case TapeOp.Rsub: return y - x;
    default: return (0 + x) / 1; // sum / mean of one element: acc = 0 + x, then / count (0 + -0 is +0)
  }
}

/** The op definition a built node carries (looked up lazily: ops/* import this module's users). */
export function opDefOf(code: TapeCode): OpDef<unknown> {
  const defs: OpDef<never>[] = [Add, Add, Sub, Mul, Div, Neg, Exp, Log, Tanh, Sigmoid, Relu, PowScalar, SumAll, MeanAll, Sqrt, Abs, Sin, Cos, Reciprocal, Rsub];
  return defs[code] as OpDef<unknown>;
}

/** A built node's params: alpha (always 1 on the tape), the exponent, or the full reduction of x. */
export function paramsOf(code: TapeCode, x: Tensor, c: number): unknown {
  switch (code) {
    case TapeOp.Add: case TapeOp.Sub: return 1;
    case TapeOp.Pow: case TapeOp.Rsub: return c;
    case TapeOp.Sum: return reduction('sum', x, undefined, false);
    case TapeOp.Mean: return reduction('mean', x, undefined, false);
    default: return undefined;
  }
}
