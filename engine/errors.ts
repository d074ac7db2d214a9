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

/** The element budget of `withLimits` would be exceeded by an allocation. */
export class BudgetError extends GradlensError {
  readonly requested: number;
  readonly limit: number;
  constructor(op: string, requested: number, used: number, limit: number) {
    super(op, `allocating ${requested} elements would exceed the element budget of ${limit} (${used} already used)`);
    this.requested = requested;
    this.limit = limit;
  }
}
