/**
 * Scoped, cumulative budgets (used by the analyzer so that `zeros([1e9])` or a huge conv ends with a
 * diagnostic instead of a crash or a hang). Both are charged BEFORE the work is done:
 * - elements: every tensor element allocated;
 * - compute: units of work, one per element written or read and one per multiply-add (an
 *   allocation of n elements is n units; matmul m·n·k; a conv one per tap; a sum the elements it
 *   reads; printing and `tolist` a few per element). The units are coarse on purpose: they bound
 *   the time of a run, they do not predict it.
 */
import { BudgetError } from './errors';

export interface Limits {
  /** Total elements all tensors allocated inside the scope may have; absent: the enclosing scope's budget. */
  maxElements?: number;
  /** Total units of work ops inside the scope may do; absent: the enclosing scope's budget. */
  maxCompute?: number;
}

/** How much of each budget the innermost scope has used. */
export interface Usage {
  elements: number;
  compute: number;
}

/** The largest typed array length an allocation may ask for when no budget is active. */
const UNLIMITED_MAX = 2 ** 31 - 1;

/**
 * Module state (allowed by the brief): the active budgets. `used` fields are per scope; a scope that
 * does not set a limit shares the enclosing scope's limit and counter.
 */
const budget = { limit: Infinity, used: 0, active: false, computeLimit: Infinity, computeUsed: 0 };

export function withLimits<T>(limits: Limits, fn: () => T): T {
  const saved = { ...budget };
  const elements = limits.maxElements !== undefined, compute = limits.maxCompute !== undefined;
  if (elements) {
    budget.limit = limits.maxElements!;
    budget.used = 0;
    budget.active = true;
  }
  if (compute) {
    budget.computeLimit = limits.maxCompute!;
    budget.computeUsed = 0;
  }
  try {
    return fn();
  } finally {
    // A budget this scope set is the enclosing one again; a shared one keeps what the scope used.
    if (elements) {
      budget.limit = saved.limit;
      budget.used = saved.used;
      budget.active = saved.active;
    }
    if (compute) {
      budget.computeLimit = saved.computeLimit;
      budget.computeUsed = saved.computeUsed;
    }
  }
}

/**
 * charge(op, 1), the charge of every recorded scalar op: without an element budget and within the
 * compute limit it only counts, in a body small enough to inline there; anything else is charge's.
 */
export function chargeOne(op: string): void {
  if (budget.active || budget.computeUsed + 1 > budget.computeLimit) {
    charge(op, 1);
    return;
  }
  budget.used++;
  budget.computeUsed++;
}

/**
 * Charge `n` elements (an allocation) to the active budgets: n elements and n units of work.
 * Throws BudgetError naming `op` and the budget when it does not fit; nothing is charged then.
 */
export function charge(op: string, n: number): void {
  if (!budget.active) {
    if (n > UNLIMITED_MAX || !(n >= 0)) throw new BudgetError(op, n, 0, UNLIMITED_MAX);
  } else if (!(n >= 0) || budget.used + n > budget.limit) {
    throw new BudgetError(op, n, budget.used, budget.limit);
  }
  if (budget.computeUsed + n > budget.computeLimit) throw new BudgetError(op, n, budget.computeUsed, budget.computeLimit, 'maxCompute');
  budget.used += n;
  budget.computeUsed += n;
}

/** Charge `work` units of compute for `op` before doing it; throws BudgetError (`budget: 'maxCompute'`) when it does not fit. */
export function chargeCompute(op: string, work: number): void {
  if (!(work >= 0) || budget.computeUsed + work > budget.computeLimit) {
    throw new BudgetError(op, work, budget.computeUsed, budget.computeLimit, 'maxCompute');
  }
  budget.computeUsed += work;
}

/** True when `n` more elements fit the active budgets (always true without one): lets a caller that
 * charges a whole computation at once fall back to element-by-element charging when it would not fit. */
export function fits(n: number): boolean {
  return (!budget.active || budget.used + n <= budget.limit) && budget.computeUsed + n <= budget.computeLimit;
}

/** What the innermost scope has used so far (for statistics). */
export function usage(): Usage {
  return { elements: budget.used, compute: budget.computeUsed };
}
