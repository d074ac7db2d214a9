/**
 * Deferred elementwise results, the ops' side: which ops defer, and how a tensor becomes an
 * argument. Only same-shape float operands (or numbers) of the result's dtype defer; anything else,
 * and anything small, runs eagerly. The tensor's side (computing deferred values) is materialise.ts,
 * below the Tensor class.
 */
import { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import type { FloatArray } from '../kernels/gemm';
import { charge } from '../limits';
import { numelOf, sameShape } from '../shape';
import type { Shape } from '../shape';
import { dagSize, fusion, LazyNode, srcOf } from './node';
import type { LazyArg } from './node';
import { evaluate } from './evaluate';
import type { ExprId } from '../ops/exprs';

type TensorLike = Tensor | number;

/** A tensor as a node argument: its pending node, or a source over its stored values. */
function argOf(x: TensorLike): LazyArg {
  if (typeof x === 'number') return x;
  const z = x._deferred();
  if (z !== null && z.data === null) return z;
  return srcOf(x.dataSync() as FloatArray);
}

/** A deferred tensor for expr over args; charges the element budget now, like the eager op. */
function deferred(op: string, expr: ExprId, args: LazyArg[], shape: Shape, dtype: Dtype, n: number): Tensor {
  charge(op, n);
  if (dagSize(args) > fusion.maxNodes) {
    // bound the DAG: compute the pending arguments now (each becomes a plain load)
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (typeof a !== 'number' && a.data === null) {
        evaluate([a], a.len);
        args[i] = srcOf(a.data!);
      }
    }
  }
  const t = new Tensor(null, shape, dtype);
  t._defer(new LazyNode(expr, args, dtype === 'float32', n));
  return t;
}

/** A single-element tensor broadcast against `other` (the eager kernel reads it as a number). */
function asNumber(x: TensorLike, other: TensorLike): TensorLike {
  return typeof x !== 'number' && typeof other !== 'number' && x._isSingle() && !other._isSingle() && x.shape.length <= other.shape.length ? x._first() : x;
}

/** The deferred result of expr(x = a, y = b), or null when the eager kernel must run. */
export function deferBinary(op: string, expr: ExprId, ta: TensorLike, tb: TensorLike, dtype: Dtype): Tensor | null {
  if (dtype !== 'float32' && dtype !== 'float64') return null;
  const a = asNumber(ta, tb), b = asNumber(tb, ta);
  let shape: Shape;
  if (typeof a === 'number') {
    if (typeof b === 'number' || b.dtype !== dtype) return null;
    shape = b.shape;
  } else if (typeof b === 'number') {
    if (a.dtype !== dtype) return null;
    shape = a.shape;
  } else {
    if (a.dtype !== dtype || b.dtype !== dtype || !sameShape(a.shape, b.shape)) return null;
    shape = a.shape;
  }
  const n = numelOf(shape);
  if (n < fusion.minElements) return null;
  return deferred(op, expr, [argOf(a), argOf(b)], shape, dtype, n);
}

/** The deferred result of expr(x = a), or null when the eager kernel must run. */
export function deferUnary(op: string, expr: ExprId, a: Tensor, dtype: Dtype): Tensor | null {
  if ((dtype !== 'float32' && dtype !== 'float64') || a.dtype !== dtype) return null;
  const n = numelOf(a.shape);
  if (n < fusion.minElements) return null;
  return deferred(op, expr, [argOf(a)], a.shape, dtype, n);
}

/** A deferred tensor of `shape` holding `v` everywhere (a broadcast scalar), or null when small. */
export function deferFill(op: string, v: number, shape: Shape, dtype: Dtype): Tensor | null {
  const n = numelOf(shape);
  if ((dtype !== 'float32' && dtype !== 'float64') || n < fusion.minElements) return null;
  return deferred(op, 'identity', [v], shape, dtype, n);
}

/**
 * Σ x / divisor over all elements of a pending elementwise x, deferred too (computed with the DAG
 * below it when read, or together with the gradients at the end of backward); null: sum eagerly.
 */
export function deferSum(x: Tensor, divisor: number, shape: Shape): Tensor | null {
  const z = x._deferred();
  if (z === null || z.data !== null || z.divisor > 0) return null;
  charge('sum', 1);
  const t = new Tensor(null, shape, x.dtype);
  t._defer(new LazyNode(null, [z], z.f32, 1, null, divisor));
  return t;
}
