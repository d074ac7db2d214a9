/**
 * Typed argument errors for half-typed calls (`z1.div()` while typing): the membrane checks the operand of
 * the engine's binary tensor methods before calling, and turns any JavaScript TypeError an engine call
 * still throws (an argument missing or of a type the engine does not check) into a message that names the
 * op and what it got. The user never sees "Cannot read properties of undefined".
 *
 * Here rather than in the engine's ops: it needs only the function and its arguments, which the membrane
 * has at its one call site, and it stays out of the ops while they are being restructured.
 */
import { Tensor } from '../../../engine';
import { Handle, tensorOf } from './handle';
import type { Value } from '../values';

/** What a method's first argument must be. */
type Operand = 'a tensor or number' | 'a tensor';

const TENSOR_OR_NUMBER = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'add_', 'sub_', 'mul_', 'div_'];
const TENSOR_ONLY = ['matmul', 'mm', 'bmm', 'dot', 'mv', 'expandAs', 'copy_'];

/** Engine method → its name and what its first argument must be (read from Tensor.prototype once). */
const OPERANDS: ReadonlyMap<unknown, { op: string; expects: Operand }> = new Map([
  ...methods(TENSOR_OR_NUMBER, 'a tensor or number'),
  ...methods(TENSOR_ONLY, 'a tensor'),
]);

function methods(names: readonly string[], expects: Operand): [unknown, { op: string; expects: Operand }][] {
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  return names.filter((n) => typeof proto[n] === 'function').map((n) => [proto[n], { op: n, expects }]);
}

/** How an argument is named in a message: "nothing", "a string", "a tensor", ... */
export function argKind(v: Value | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Handle.isHandle(v)) return tensorOf(v) !== undefined ? 'a tensor' : `a ${v.kind}`;
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function fits(v: Value | undefined, expects: Operand): boolean {
  if (Handle.isHandle(v) && tensorOf(v) !== undefined) return true;
  return expects === 'a tensor or number' && (typeof v === 'number' || typeof v === 'boolean');
}

/** `div: expected a tensor or number, got nothing` when a checked method's operand does not fit; else undefined. */
export function operandError(fn: unknown, args: readonly Value[]): string | undefined {
  const o = OPERANDS.get(fn);
  if (!o || fits(args[0], o.expects)) return undefined;
  return `${o.op}: expected ${o.expects}, got ${argKind(args[0])}`;
}

/** An error the engine did not mean to throw: JavaScript's own (reading a property of undefined, ...). */
export function isNativeTypeError(e: unknown): boolean {
  return e instanceof TypeError;
}

/** The message for such an error: the op (the last part of its name) and what it was given. */
export function argumentsError(name: string, args: readonly Value[]): string {
  const op = name.slice(name.lastIndexOf('.') + 1);
  const got = args.length === 0 ? 'no arguments' : args.map(argKind).join(', ');
  return `${op}: an argument is missing or has the wrong type (got ${got})`;
}
