/**
 * Typed errors. Every message starts with `[op]` so the analyzer can show which op failed; the
 * structured fields let it attach the error to a source range without parsing the text.
 */
export class GradlensError extends Error {
  readonly op: string;
  constructor(op: string, message: string) {
    super(`[${op}] ${message}`);
    this.op = op;
    this.name = new.target.name;
  }
}

/** Shapes that do not fit (broadcasting, matmul, view, cat, ...). */
export class ShapeError extends GradlensError {}

/** Wrong argument values: a dim out of range, a bad dtype, an index out of bounds. */
export class ArgumentError extends GradlensError {}

/** Autograd misuse: backward on a non-scalar, freed buffers, in-place version mismatch, leaf in-place. */
export class AutogradError extends GradlensError {}

/** The `Limits` field that sets a budget: what a message tells the user to raise. */
export type BudgetName = 'maxElements' | 'maxCompute';

/** A budget of `withLimits` would be exceeded: by an allocation (elements) or by an op's work (compute). */
export class BudgetError extends GradlensError {
  readonly requested: number;
  readonly limit: number;
  readonly budget: BudgetName;
  constructor(op: string, requested: number, used: number, limit: number, budget: BudgetName = 'maxElements') {
    super(op, budget === 'maxElements'
      ? `allocating ${requested} elements would exceed the element budget of ${limit} (${used} already used; the limit is maxElements)`
      : `needs ${units(requested)} units of work, over the compute budget of ${units(limit)} (${units(used)} already used; the limit is maxCompute)`);
    this.requested = requested;
    this.limit = limit;
    this.budget = budget;
  }
}

/** A count as people read it: 1234567 -> "1,234,567"; huge or non-finite counts as JS prints them. */
function units(n: number): string {
  return Number.isFinite(n) && n < 1e15 ? Math.round(n).toLocaleString('en-US') : String(n);
}
