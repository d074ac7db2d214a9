/**
 * The elementwise op table: every elementwise op is one entry, and everything else about it is
 * derived (engine/ops/derive.ts): the eager kernels, the fused loop's expression (engine/lazy), the
 * scalar forward and vector-Jacobian product of the tape's compact slots, the OpDef a graph node carries (grad_fn name,
 * formula labels, saved tensors, backward) and its gradient-check sample.
 *
 * An entry:
 * - `name`: PyTorch's grad_fn class name; null for ops that never record (masks, comparisons).
 * - `fwd`: the forward as a JavaScript expression in x (input 0) and y (input 1, or the number
 *   parameter of a `scalar` op). This table is the only source text the engine ever compiles; it is
 *   deep-frozen at load and read by op id only (exprOf in exprs.ts), never carried by a value.
 * - `arity`: 'unary' (one tensor), 'binary' (two operands, each a tensor or a number, broadcast),
 *   'scalar' (a tensor and a number parameter y, recorded with one next_functions slot).
 * - `dtype`: the result dtype rule ('same': promoted inputs; 'float': integers give the default
 *   float dtype; 'bool').
 * - `d`: per input, its vector-Jacobian product as a term over table ops (see Term). Terms are
 *   evaluated as tensor ops (so createGraph gives higher derivatives), as numbers in compact slots
 *   (rounded to float32 at each node, like the tensor ops), and printed as the graph's edge labels.
 *   What an op saves for backward follows from the leaves its terms read.
 * - `show`: how a call prints inside a formula: a template over $0 and $1, and its precedence.
 * - `api`: the public op name (element-budget charges, errors).
 * - `domain`: per input, where the gradient check samples it (see Domain).
 */

/** A derivative's inputs: the incoming gradient, the op's inputs, its result, and add/sub's alpha. */
export type Leaf = 'grad' | 'self' | 'other' | 'result' | 'alpha';
/**
 * A derivative term: a number, a leaf, an op of this table applied to terms, or a choice on a
 * number term (torch's `exponent == 0` and `maybe_multiply(grad, alpha)` special cases).
 */
export type Term<Op extends string = OpId> =
  | number
  | { readonly leaf: Leaf }
  | { readonly op: Op; readonly args: readonly Term<Op>[] }
  | { readonly ifEq: Term<Op>; readonly to: number; readonly then: Term<Op>; readonly else: Term<Op> };

/**
 * Gradient-check sampling per input: 'any' (values in (-1, 1)), 'positive' (in (0.5, 2)), a list of
 * points to stay away from (kinks), or 'sample' (the op needs a hand-written sample in the
 * gradient-check table, e.g. inputs without ties).
 */
export type Domain = 'any' | 'positive' | readonly number[] | 'sample';

export type Arity = 'unary' | 'binary' | 'scalar';
export type ResultKind = 'same' | 'float' | 'bool';

export interface Entry<Op extends string = OpId> {
  readonly name: string | null;
  readonly fwd: string;
  readonly arity: Arity;
  readonly dtype: ResultKind;
  readonly d: readonly Term<Op>[];
  readonly show: readonly [template: string, precedence: number];
  readonly api: string;
  readonly domain: readonly Domain[];
  /** How `other` reads in formulas: the number parameter's name for a `scalar` op. */
  readonly other: string;
}

// Terms are written with op names checked against the table's keys once it exists (see TABLE).
type T = Term<string>;
const G: T = { leaf: 'grad' }, X: T = { leaf: 'self' }, Y: T = { leaf: 'other' }, R: T = { leaf: 'result' }, A: T = { leaf: 'alpha' };
const app = (op: string, ...args: T[]): T => ({ op, args });
/** torch's maybe_multiply: `t` itself when k is 1 (no extra op recorded), else t * k. */
const maybeMul = (t: T, k: T): T => ({ ifEq: k, to: 1, then: t, else: app('mul', t, k) });

// precedences of `show`: 0 comparison, 1 additive, 2 multiplicative, 3 prefix, 4 call/method
const unary = (name: string | null, fwd: string, dtype: ResultKind, d: T[], show: string, domain: Domain = 'any'): Entry<string> =>
  ({ name, fwd, arity: 'unary', dtype, d, show: [show, show.startsWith('-') ? 3 : show.includes(' ') ? 0 : 4], api: '', domain: [domain], other: 'other' });
const binary = (name: string | null, fwd: string, dtype: ResultKind, d: T[], show: readonly [string, number], domain: Domain[] = ['any', 'any']): Entry<string> =>
  ({ name, fwd, arity: 'binary', dtype, d, show, api: '', domain, other: 'other' });
const scalar = (name: string, fwd: string, dtype: ResultKind, d: T[], show: readonly [string, number], param: string, domain: Domain = 'any'): Entry<string> =>
  ({ name, fwd, arity: 'scalar', dtype, d, show, api: '', domain: [domain], other: param });

/** Ops that record a graph node. */
const RECORDED = {
  add: binary('AddBackward0', 'x + y', 'same', [G, maybeMul(G, A)], ['$0 + $1', 1]),
  sub: binary('SubBackward0', 'x - y', 'same', [G, maybeMul(app('neg', G), A)], ['$0 - $1', 1]),
  mul: binary('MulBackward0', 'x * y', 'same', [app('mul', G, Y), app('mul', G, X)], ['$0 * $1', 2]),
  div: binary('DivBackward0', 'x / y', 'float', [app('div', G, Y), app('div', app('mul', app('neg', G), X), app('mul', Y, Y))], ['$0 / $1', 2], ['any', 'positive']),
  /**
   * torch 1.13's pow_backward_self / pow_backward_exponent: d/dself is 0 where exponent == 0, and
   * d/dexponent is 0 where self == 0 and exponent >= 0 (instead of 0 * log(0) = NaN, or -inf).
   */
  powTensor: binary('PowBackward1', 'Math.pow(x, y)', 'same', [
    app('zeroWhere', app('mul', G, app('mul', Y, app('powTensor', X, app('sub', Y, 1)))), app('eq', Y, 0)),
    app('mul', G, app('zeroWhere', app('mul', R, app('log', X)), app('powZeroBase', X, Y))),
  ], ['$0.pow($1)', 4], ['positive', 'any']),
  /** NaN wins, as in torch.maximum/minimum; a tie sends half the gradient each way (torch 1.13). */
  maximum: binary('MaximumBackward0', 'x > y || x !== x ? x : y', 'same', [app('mul', G, app('maximumMask', X, Y)), app('mul', G, app('maximumMask', Y, X))], ['$0.maximum($1)', 4], ['sample', 'sample']),
  minimum: binary('MinimumBackward0', 'x < y || x !== x ? x : y', 'same', [app('mul', G, app('minimumMask', X, Y)), app('mul', G, app('minimumMask', Y, X))], ['$0.minimum($1)', 4], ['sample', 'sample']),
  /** other - self with `other` a number (number - tensor). */
  rsub: scalar('RsubBackward1', 'y - x', 'same', [app('neg', G)], ['$1 - $0', 1], 'other'),
  /** self * a number as torch's C++ derivative formulas record it (Tensor.mul(Scalar)). */
  mulScalar: scalar('MulBackward1', 'x * y', 'same', [app('mul', G, Y)], ['$0 * $1', 2], 'other'),
  /**
   * self / a number as torch's C++ derivative formulas record it (Tensor.div(Scalar), e.g. the `/ N`
   * of a mean reduction); Python's `x / 2` wraps the number as a tensor and records DivBackward0.
   * Its derivative is div.Scalar's: grad / other, the number as a tensor (DivBackward0).
   */
  divScalar: scalar('DivBackward1', 'x / y', 'float', [app('div', G, Y)], ['$0 / $1', 2], 'other'),
  powScalar: scalar('PowBackward0', 'Math.pow(x, y)', 'same', [
    { ifEq: Y, to: 0, then: app('zerosLike', G), else: app('mul', G, app('mulScalar', app('powScalar', X, app('sub', Y, 1)), Y)) },
  ], ['$0.pow($1)', 4], 'exponent', 'positive'),
  neg: unary('NegBackward0', '-x', 'same', [app('neg', G)], '-$0'),
  reciprocal: unary('ReciprocalBackward0', '1 / x', 'float', [app('mul', app('neg', G), app('mul', R, R))], '$0.reciprocal()', 'positive'),
  exp: unary('ExpBackward0', 'Math.exp(x)', 'float', [app('mul', G, R)], '$0.exp()'),
  log: unary('LogBackward0', 'Math.log(x)', 'float', [app('div', G, X)], '$0.log()', 'positive'),
  sqrt: unary('SqrtBackward0', 'Math.sqrt(x)', 'float', [app('div', G, app('mul', R, 2))], '$0.sqrt()', 'positive'),
  abs: unary('AbsBackward0', 'Math.abs(x)', 'same', [app('mul', G, app('sgnMask', X))], '$0.abs()', [0]),
  sin: unary('SinBackward0', 'Math.sin(x)', 'float', [app('mul', G, app('cos', X))], '$0.sin()'),
  cos: unary('CosBackward0', 'Math.cos(x)', 'float', [app('mul', G, app('neg', app('sin', X)))], '$0.cos()'),
  tanh: unary('TanhBackward0', 'Math.tanh(x)', 'float', [app('mul', G, app('rsub', app('mul', R, R), 1))], '$0.tanh()'),
  /** 1/(1+e^-x), written to stay finite for large |x|. */
  sigmoid: unary('SigmoidBackward0', 'x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))', 'float', [app('mul', G, app('mul', R, app('rsub', R, 1)))], '$0.sigmoid()'),
  /** clamp_min(self, 0): NaN and -0 pass through, as in torch. */
  relu: unary('ReluBackward0', 'x < 0 ? 0 : x', 'same', [app('threshold', G, R)], '$0.relu()', [0]),
  /** relu's backward, threshold_backward(grad, result, 0): grad where result > 0 (NaN passes), else +0. */
  threshold: binary('ThresholdBackwardBackward0', 'y <= 0 ? 0 : x', 'same', [app('threshold', G, Y), app('zerosLike', G)], ['threshold_backward($0, $1, 0)', 4], ['any', [0]]),
  log1p: unary('Log1PBackward0', 'Math.log1p(x)', 'float', [app('div', G, app('add', X, 1))], '$0.log1p()', 'positive'),
  expm1: unary('Expm1Backward0', 'Math.expm1(x)', 'float', [app('mul', G, app('add', R, 1))], '$0.expm1()'),
  sinh: unary('SinhBackward0', 'Math.sinh(x)', 'float', [app('mul', G, app('cosh', X))], '$0.sinh()'),
  cosh: unary('CoshBackward0', 'Math.cosh(x)', 'float', [app('mul', G, app('sinh', X))], '$0.cosh()'),
  /** d log2(x) = grad / (x ln 2); the constant is torch's M_LN2 as a double. */
  log2: unary('Log2Backward0', 'Math.log2(x)', 'float', [app('div', G, app('mul', X, 0.6931471805599453))], '$0.log2()', 'positive'),
  log10: unary('Log10Backward0', 'Math.log10(x)', 'float', [app('div', G, app('mul', X, 2.302585092994046))], '$0.log10()', 'positive'),
  /** d x^(-1/2) = -0.5 * grad * result^3 (torch's order). */
  rsqrt: unary('RsqrtBackward0', '1 / Math.sqrt(x)', 'float', [app('mul', app('mul', G, -0.5), app('powScalar', R, 3))], '$0.rsqrt()', 'positive'),
  // piecewise constant: zero gradient (torch: zeros_like(grad)); the domains keep off the steps
  /** Half to even, as torch (and IEEE nearbyint): 2.5 -> 2, -0.5 -> -0. */
  round: unary('RoundBackward0', 'Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x)', 'same', [app('zerosLike', G)], '$0.round()', [-1.5, -0.5, 0.5, 1.5]),
  floor: unary('FloorBackward0', 'Math.floor(x)', 'same', [app('zerosLike', G)], '$0.floor()', [-2, -1, 0, 1, 2]),
  ceil: unary('CeilBackward0', 'Math.ceil(x)', 'same', [app('zerosLike', G)], '$0.ceil()', [-2, -1, 0, 1, 2]),
  trunc: unary('TruncBackward0', 'Math.trunc(x)', 'same', [app('zerosLike', G)], '$0.trunc()', [-2, -1, 0, 1, 2]),
  /** torch.sign: NaN and -0 give +0. */
  sign: unary('SignBackward0', 'x > 0 ? 1 : x < 0 ? -1 : 0', 'same', [app('zerosLike', G)], '$0.sign()', [0]),
  /** clamp_min / clamp_max: the gradient passes where self is inside the bound (NaN: nowhere). */
  clampMin: scalar('ClampMinBackward0', 'x < y ? y : x', 'same', [app('mul', G, app('ge', X, Y))], ['$0.clamp_min($1)', 4], 'min', [0]),
  clampMax: scalar('ClampMaxBackward0', 'x > y ? y : x', 'same', [app('mul', G, app('le', X, Y))], ['$0.clamp_max($1)', 4], 'max', [0]),
  /** C's fmod: the remainder of x / y truncated toward zero (sign of x); d/dother = -grad * trunc(x / y). */
  fmod: binary('FmodBackward1', 'x % y', 'same', [G, app('neg', app('mul', G, app('trunc', app('div', X, Y))))], ['$0.fmod($1)', 4], ['any', 'positive']),
  fmodScalar: scalar('FmodBackward0', 'x % y', 'same', [G], ['$0.fmod($1)', 4], 'other'),
  /** Python's %: the remainder of floor division (sign of y); d/dother = -grad * floor(x / y). */
  remainder: binary('RemainderBackward1', 'x % y !== 0 && (y < 0) !== (x % y < 0) ? x % y + y : x % y', 'same', [G, app('neg', app('mul', G, app('floor', app('div', X, Y))))], ['$0.remainder($1)', 4], ['any', 'positive']),
  remainderScalar: scalar('RemainderBackward0', 'x % y !== 0 && (y < 0) !== (x % y < 0) ? x % y + y : x % y', 'same', [G], ['$0.remainder($1)', 4], 'other'),
  /**
   * sgn(self), read by abs's derivative; recorded (torch 1.13 records SgnBackward0 there, so a second
   * derivative of abs reaches self) with a zero gradient outside the graph (torch: zeros for real inputs).
   */
  sgnMask: unary('SgnBackward0', 'x > 0 ? 1 : x < 0 ? -1 : 0', 'same', [app('zerosLike', G)], '$0.sgn()', [0]),
  /** where(mask, 0, self) inside derivatives (torch's at::where with a zero): self where mask is 0. */
  zeroWhere: binary('WhereBackward0', 'y !== 0 ? 0 : x', 'same', [app('zeroWhere', G, Y), app('zerosLike', G)], ['where($1, 0, $0)', 4], ['any', [0]]),
};

/** Ops that never record: masks read inside derivatives (constants), comparisons, fills. */
const CONSTANT = {
  /**
   * d max(x, y)/dx: 0 where x loses, 1/2 on a tie, else 1 (torch 1.13: where(self == other, grad/2,
   * grad).masked_fill_(self < other, 0)), so a NaN on either side passes the whole gradient to both.
   */
  maximumMask: binary(null, 'x < y ? 0 : x === y ? 0.5 : 1', 'same', [], ['$0 > $1', 0]),
  minimumMask: binary(null, 'x > y ? 0 : x === y ? 0.5 : 1', 'same', [], ['$0 < $1', 0]),
  /** pow_backward_exponent's condition: self == 0 and exponent >= 0. */
  powZeroBase: binary(null, 'x === 0 && y >= 0 ? 1 : 0', 'bool', [], ['($0 == 0) & ($1 >= 0)', 0]),
  // comparisons: bool masks
  gt: binary(null, 'x > y ? 1 : 0', 'bool', [], ['$0 > $1', 0]),
  lt: binary(null, 'x < y ? 1 : 0', 'bool', [], ['$0 < $1', 0]),
  ge: binary(null, 'x >= y ? 1 : 0', 'bool', [], ['$0 >= $1', 0]),
  le: binary(null, 'x <= y ? 1 : 0', 'bool', [], ['$0 <= $1', 0]),
  eq: binary(null, 'x === y ? 1 : 0', 'bool', [], ['$0 == $1', 0]),
  ne: binary(null, 'x !== y ? 1 : 0', 'bool', [], ['$0 != $1', 0]),
  /** zeros_like(self) inside derivatives: 0 whatever self holds (NaN and infinities too), recording nothing. */
  zerosLike: unary(null, '0', 'same', [], 'zeros_like($0)'),
  /** A broadcast number (deferred fills). */
  identity: unary(null, 'x', 'same', [], '$0'),
};

const ENTRIES = { ...RECORDED, ...CONSTANT };
/** Every op of the table. */
export type OpId = keyof typeof ENTRIES;
/** The ops that record a graph node (an OpDef each). */
export type RecordedOpId = keyof typeof RECORDED;

/** Every op a term applies is an entry of the table (checked once, at load). */
function checked(entries: Record<string, Entry<string>>): Record<OpId, Entry> {
  const visit = (t: T, where: string): void => {
    if (typeof t === 'number' || 'leaf' in t) return;
    if ('ifEq' in t) {
      [t.ifEq, t.then, t.else].forEach((u) => visit(u, where));
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(entries, t.op)) throw new Error(`internal: the derivative of ${where} applies '${t.op}', which is not in the op table`);
    t.args.forEach((u) => visit(u, where));
  };
  const inputs = { unary: 1, binary: 2, scalar: 1 };
  for (const [id, e] of Object.entries(entries)) {
    if (e.d.length !== (e.name === null ? 0 : inputs[e.arity])) throw new Error(`internal: op ${id} needs one derivative per input (${e.name === null ? 'none: it never records' : inputs[e.arity]})`);
    e.d.forEach((t) => visit(t, id));
  }
  return entries as Record<OpId, Entry>;
}

/** The public op name an entry is charged and reported under, when it differs from its id. */
const API: Partial<Record<OpId, string>> = { powTensor: 'pow', powScalar: 'pow', mulScalar: 'mul', divScalar: 'div', fmodScalar: 'fmod', remainderScalar: 'remainder' };

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** The table, deep-frozen: nothing at run time can change an expression or a derivative. */
export const TABLE: { readonly [K in OpId]: Entry } = deepFreeze(
  checked(Object.fromEntries(Object.entries(ENTRIES).map(([id, e]) => [id, { ...e, api: API[id as OpId] ?? id }]))),
);

/** Op ids in table order: an entry's index is its code in compact slots. */
export const OP_IDS: readonly OpId[] = Object.freeze(Object.keys(TABLE) as OpId[]);

/** True for an own key of the table (anything else is refused before it can reach a compiler). */
export function isOpId(id: unknown): id is OpId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(TABLE, id);
}
