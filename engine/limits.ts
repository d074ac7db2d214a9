/**
 * A scoped, cumulative element budget on tensor allocations (used by the analyzer so that
 * `zeros([1e9])` ends with a diagnostic instead of a crash). Checked BEFORE allocating.
 */
import { BudgetError } from './errors';

export interface Limits {
  /** Total elements all tensors allocated inside the scope may have. */
  maxElements: number;
}

/** Module state (allowed by the brief): the active budget, or null when unlimited. */
const budget: { limit: number; used: number; active: boolean } = { limit: Infinity, used: 0, active: false };

export function withLimits<T>(limits: Limits, fn: () => T): T {
  const saved = { limit: budget.limit, used: budget.used, active: budget.active };
  budget.limit = limits.maxElements;
  budget.used = 0;
  budget.active = true;
  try {
    return fn();
  } finally {
    budget.limit = saved.limit;
    budget.used = saved.used;
    budget.active = saved.active;
  }
}

/** Charge `n` elements to the active budget; throws BudgetError naming `op` when it does not fit. */
export function charge(op: string, n: number): void {
  if (!budget.active) {
    if (n > 2 ** 31 - 1 || !(n >= 0)) throw new BudgetError(op, n, 0, 2 ** 31 - 1);
    return;
  }
  if (!(n >= 0) || budget.used + n > budget.limit) throw new BudgetError(op, n, budget.used, budget.limit);
  budget.used += n;
}

/** True when `n` more elements fit the active budget (always true without one): lets a caller that
 * charges a whole computation at once fall back to element-by-element charging when it would not fit. */
export function fits(n: number): boolean {
  return !budget.active || budget.used + n <= budget.limit;
}
