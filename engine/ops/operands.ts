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

/** x as op's tensor input, or the ArgumentError torch raises. */
export function tensorInput(op: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(op, `argument 'input' (position 1) must be Tensor, not ${kindOf(x)}`);
  return x;
}
