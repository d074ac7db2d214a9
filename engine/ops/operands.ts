/**
 * What a JavaScript caller passed where the types say tensor: torch's argument parser names the op,
 * the argument and the kind it got (`relu(): argument 'input' (position 1) must be Tensor, not list`);
 * so do the ops here, instead of a TypeError from inside the engine.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';

/** The kind of a value in torch's words where they apply (an array is a list, a string a str). */
export function kindOf(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'list' : typeof x === 'string' ? 'str' : typeof x;
}

/** A number argument (a bound, an exponent), named in the error when it is not one (`x.clamp_('1')`). */
export function numberArg(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new ArgumentError(op, `argument '${name}' must be a number, got ${v === null ? 'null' : typeof v}`);
  return v;
}

/** x as op's tensor input, or the ArgumentError torch raises. */
export function tensorInput(op: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(op, `argument 'input' (position 1) must be Tensor, not ${kindOf(x)}`);
  return x;
}

const isBool = (x: unknown): boolean => x instanceof Tensor && x.dtype === 'bool';

/** torch refuses `-` on a bool tensor (neg, neg_), pointing to `~` (a mask inverted by `-` would be wrong numbers). */
export function checkNegatable(op: string, x: unknown): void {
  if (isBool(x)) throw new ArgumentError(op, 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
}

/** torch refuses `-` with a bool tensor on either side (sub, rsub, sub_): `^` for two masks, `~` for one. */
export function checkSubtractable(op: string, a: unknown, b: unknown): void {
  if (isBool(a) && isBool(b)) throw new ArgumentError(op, 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  if (isBool(a) || isBool(b)) throw new ArgumentError(op, 'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
}
