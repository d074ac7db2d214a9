/**
 * The limits of one analysis run: the resolved budgets and caps, their defaults, and the errors that
 * end a run (or a call chain) when a budget is spent.
 */
import type { SourceRange } from './trace';
import { DEFAULTS as SETTING_DEFAULTS } from '../settings';

export interface ResolvedOptions {
  maxSteps: number;
  maxElements: number;
  maxCompute: number;
  /** Wall-clock backstop of one run (the other budgets bound the work; this bounds a busy machine too). */
  maxTimeMs: number;
  maxCallDepth: number;
  historyCap: number;
  dataCap: number;
  maxGraphNodes: number;
}

/** Characters kept of one console line (format.ts cuts its arguments to this too). */
export const MAX_LOG_CHARS = 10_000;

export const DEFAULTS: ResolvedOptions = {
  // The editor's settings' defaults (package.json); maxCompute is ~2-3 s of the slowest work per unit (a
  // direct conv's taps, ~5 ns each here; matmul is 30x faster).
  maxSteps: SETTING_DEFAULTS.maxSteps,
  maxElements: SETTING_DEFAULTS.maxElements,
  maxCompute: SETTING_DEFAULTS.maxCompute,
  maxTimeMs: 10_000,
  maxCallDepth: 200,
  historyCap: 200,
  dataCap: 1000,
  maxGraphNodes: 400,
};

/**
 * Thrown to end the whole run at `range`, with a diagnostic of `code`: a budget spent, or a change the
 * analysis cannot follow (shared.ts); caught only at the entry point.
 */
export class RunEnded extends Error {
  constructor(message: string, readonly range: SourceRange, readonly code: 'budget' | 'unsupported') {
    super(message);
  }
}

/** A budget is spent: the run ends here. */
export class BudgetExceeded extends RunEnded {
  constructor(message: string, range: SourceRange) {
    super(message, range, 'budget');
  }
}

/** Runaway recursion: unwinds to the outermost call, which becomes unknown; the rest of the file still runs. */
export class CallDepthExceeded extends BudgetExceeded {}
