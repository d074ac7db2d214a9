/**
 * The local derivatives the debugger names when a gradient turns non-finite: each one's value at the
 * input (an infinite derivative is what makes `0 · inf = nan` from a zero upstream gradient).
 */
import { num } from './numbers';

type Derivative = (x: number, p: number | undefined) => number;

/** grad_fn class -> [the function's name, its derivative]. */
const LOCAL: Readonly<Record<string, readonly [string, Derivative]>> = {
  SqrtBackward0: ['sqrt', (x) => 1 / (2 * Math.sqrt(x))],
  RsqrtBackward0: ['rsqrt', (x) => -0.5 / (x * Math.sqrt(x))],
  LogBackward0: ['log', (x) => 1 / x],
  Log2Backward0: ['log2', (x) => 1 / (x * Math.LN2)],
  Log10Backward0: ['log10', (x) => 1 / (x * Math.LN10)],
  Log1pBackward0: ['log1p', (x) => 1 / (1 + x)],
  ReciprocalBackward0: ['reciprocal', (x) => -1 / (x * x)],
  ExpBackward0: ['exp', (x) => Math.exp(x)],
  // d/dx x^p = p·x^(p-1); torch sends zero for p = 0
  PowBackward0: ['pow', (x, p) => (p === undefined ? NaN : p === 0 ? 0 : p * Math.pow(x, p - 1))],
  AsinBackward0: ['asin', (x) => 1 / Math.sqrt(1 - x * x)],
  AcosBackward0: ['acos', (x) => -1 / Math.sqrt(1 - x * x)],
};

export interface BackwardFacts {
  fn: string;
  /** The forward input at the element, when known. */
  x: number | undefined;
  /** The upstream gradient at the element, when the op kept the shape. */
  g: number | undefined;
  /** The non-finite gradient sent to the input. */
  result: number;
  /** The op's number parameter (pow's exponent). */
  param: number | undefined;
  /** `x[0]`: which gradient element. */
  into: string;
  /** Which input (0-based) the gradient is for, and the other input's value at the element (binary ops). */
  k: number;
  other: number | undefined;
}

/** ∂(a/b)/∂a = 1/b and ∂(a/b)/∂b = -a/b², from the other operand. */
function divDerivative(f: BackwardFacts): [string, number] | undefined {
  if (f.fn !== 'DivBackward0' || f.other === undefined || f.x === undefined) return undefined;
  return f.k === 0
    ? [`∂(a/b)/∂a = 1/b = 1/${num(f.other)}`, 1 / f.other]
    : [`∂(a/b)/∂b = -a/b² = -${num(f.other)}/${num(f.x)}²`, -f.other / (f.x * f.x)];
}

/** `sqrt'(0) = inf; upstream gradient 0 → 0 · inf = nan in the gradient of x[0]`, or as much of it as is known. */
export function backwardDetail(f: BackwardFacts): string {
  const local = LOCAL[f.fn];
  const tail = `${num(f.result)} in the gradient of ${f.into}`;
  const div = divDerivative(f);
  if (div) {
    const up = f.g === undefined ? ' →' : `; upstream gradient ${num(f.g)} → ${num(f.g)} · ${num(div[1])} =`;
    return `${div[0]} = ${num(div[1])}${up} ${tail}`;
  }
  if (local && f.x !== undefined) {
    const [name, d] = local;
    const dx = d(f.x, f.param);
    const fname = f.fn === 'PowBackward0' && f.param !== undefined ? `pow(·, ${num(f.param)})` : name;
    if (!Number.isNaN(dx)) {
      const up = f.g === undefined ? '' : `; upstream gradient ${num(f.g)} → ${num(f.g)} · ${num(dx)} =`;
      return `${fname}'(${num(f.x)}) = ${num(dx)}${up || ' →'} ${tail}`;
    }
  }
  const parts: string[] = [];
  if (f.x !== undefined) parts.push(`${f.into} = ${num(f.x)}`);
  if (f.g !== undefined) parts.push(`upstream gradient ${num(f.g)}`);
  return `${f.fn}${parts.length > 0 ? ` (${parts.join(', ')})` : ''} → ${tail}`;
}
