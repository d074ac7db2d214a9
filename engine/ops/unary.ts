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
