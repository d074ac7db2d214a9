/** Oracle ops added with inplace-unary.json: the in-place unary and clamping methods (README "Ops"). */
import { tensorArg, StepError, type Arg, type Kwargs, type OpImpl } from './op-args';

export type InplaceOracleOp = 'relu_' | 'sigmoid_' | 'tanh_' | 'exp_' | 'neg_' | 'abs_' | 'sqrt_' | 'pow_' | 'clamp_' | 'clamp_min_' | 'clamp_max_';

/** A number argument (pow_'s exponent). */
function numberAt(a: readonly Arg[], i: number, op: string): number {
  const v = a[i];
  if (typeof v !== 'number') throw new StepError(`${op}: argument ${i} must be a number`);
  return v;
}
/** A bound kwarg: a number, or absent / null (clamp_ takes either bound alone). */
function boundKw(k: Kwargs, key: string, op: string): number | null {
  const v = k[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number') throw new StepError(`${op}: kwarg ${key} must be a number`);
  return v;
}
function requiredBound(k: Kwargs, key: string, op: string): number {
  const v = boundKw(k, key, op);
  if (v === null) throw new StepError(`${op}: kwarg ${key} is required`);
  return v;
}

export const INPLACE_OPS: Record<InplaceOracleOp, OpImpl> = {
  relu_: (a) => tensorArg(a, 0, 'relu_').relu_(),
  sigmoid_: (a) => tensorArg(a, 0, 'sigmoid_').sigmoid_(),
  tanh_: (a) => tensorArg(a, 0, 'tanh_').tanh_(),
  exp_: (a) => tensorArg(a, 0, 'exp_').exp_(),
  neg_: (a) => tensorArg(a, 0, 'neg_').neg_(),
  abs_: (a) => tensorArg(a, 0, 'abs_').abs_(),
  sqrt_: (a) => tensorArg(a, 0, 'sqrt_').sqrt_(),
  pow_: (a) => tensorArg(a, 0, 'pow_').pow_(numberAt(a, 1, 'pow_')),
  clamp_: (a, k) => tensorArg(a, 0, 'clamp_').clamp_(boundKw(k, 'min', 'clamp_'), boundKw(k, 'max', 'clamp_')),
  clamp_min_: (a, k) => tensorArg(a, 0, 'clamp_min_').clampMin_(requiredBound(k, 'min', 'clamp_min_')),
  clamp_max_: (a, k) => tensorArg(a, 0, 'clamp_max_').clampMax_(requiredBound(k, 'max', 'clamp_max_')),
};
