/**
 * Unary elementwise ops: each is an entry of the op table (table.ts: expression, derivative, dtype
 * rule); adding one is an entry there, a line here and a Tensor method.
 */
import { unaryFn } from './derive';

export const exp = unaryFn('exp');
export const log = unaryFn('log');
export const sqrt = unaryFn('sqrt');
export const abs = unaryFn('abs');
export const sin = unaryFn('sin');
export const cos = unaryFn('cos');
export const tanh = unaryFn('tanh');
export const sigmoid = unaryFn('sigmoid');
export const relu = unaryFn('relu');
export const log1p = unaryFn('log1p');
export const expm1 = unaryFn('expm1');
export const sinh = unaryFn('sinh');
export const cosh = unaryFn('cosh');
export const log2 = unaryFn('log2');
export const log10 = unaryFn('log10');
export const rsqrt = unaryFn('rsqrt');
export const round = unaryFn('round');
export const floor = unaryFn('floor');
export const ceil = unaryFn('ceil');
export const trunc = unaryFn('trunc');
export const sign = unaryFn('sign');
