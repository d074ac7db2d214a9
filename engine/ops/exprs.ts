/**
 * The scalar expressions of the elementwise kernels, in x (and y): the only source text the engine
 * ever compiles. The table is a literal of this module, frozen at load; kernels and deferred nodes
 * (engine/lazy) carry a key into it, never an expression, so no value that travels through objects
 * can become code.
 */
export const EXPRS = Object.freeze({
  identity: 'x',
  add: 'x + y',
  sub: 'x - y',
  mul: 'x * y',
  div: 'x / y',
  pow: 'Math.pow(x, y)',
  /** NaN wins, as in torch.maximum/minimum. */
  maximum: 'x > y || x !== x ? x : y',
  minimum: 'x < y || x !== x ? x : y',
  /** d max(x, y)/dx: 1 where x wins, 1/2 on a tie (torch 1.13 splits ties evenly). */
  maximumMask: 'x > y ? 1 : x === y ? 0.5 : 0',
  minimumMask: 'x < y ? 1 : x === y ? 0.5 : 0',
  neg: '-x',
  reciprocal: '1 / x',
  gt: 'x > y ? 1 : 0',
  lt: 'x < y ? 1 : 0',
  ge: 'x >= y ? 1 : 0',
  le: 'x <= y ? 1 : 0',
  eq: 'x === y ? 1 : 0',
  ne: 'x !== y ? 1 : 0',
  exp: 'Math.exp(x)',
  log: 'Math.log(x)',
  sqrt: 'Math.sqrt(x)',
  abs: 'Math.abs(x)',
  sin: 'Math.sin(x)',
  cos: 'Math.cos(x)',
  tanh: 'Math.tanh(x)',
  /** 1/(1+e^-x), written to stay finite for large |x|. */
  sigmoid: 'x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))',
  relu: 'x > 0 ? x : 0',
  sign: 'x > 0 ? 1 : x < 0 ? -1 : 0',
  positive: 'x > 0 ? 1 : 0',
  // Fused backward kernels: x = incoming gradient, y = the saved tensor.
  logBackward: 'x / y',
  sqrtBackward: 'x / (2 * y)',
  absBackward: 'y > 0 ? x : y < 0 ? -x : 0',
  sinBackward: 'x * Math.cos(y)',
  cosBackward: '-x * Math.sin(y)',
  tanhBackward: 'x * (1 - y * y)',
  sigmoidBackward: 'x * (y * (1 - y))',
  reluBackward: 'y > 0 ? x : 0',
} as const);

export type ExprId = keyof typeof EXPRS;

/** The expression of `id`; anything that is not an own key of the table is refused. */
export function exprOf(id: ExprId): string {
  if (typeof id !== 'string' || !Object.prototype.hasOwnProperty.call(EXPRS, id)) {
    throw new Error(`internal: '${String(id)}' is not an elementwise expression of the engine`);
  }
  return EXPRS[id];
}
