/**
 * The budgets a user can raise, by name: the analyzer's option, the editor setting
 * (`gradlens.budget.<name>`) and the CLI flag share it, so every budget message says what to change.
 * No imports: the CLI loads this without the analyzer.
 */
export type BudgetName = 'maxSteps' | 'maxElements' | 'maxCompute' | 'maxTimeMs';

export const CLI_FLAGS: Readonly<Record<BudgetName, string>> = {
  maxSteps: '--max-steps', maxElements: '--max-elements', maxCompute: '--max-compute', maxTimeMs: '--max-time-ms',
};

/** Budgets the editor has a setting for (the time budget follows the editor's own watchdog). */
const HAS_SETTING: ReadonlySet<BudgetName> = new Set(['maxSteps', 'maxElements', 'maxCompute']);

/** What to change to allow more: the setting (when the editor has one) and the CLI flag. */
export function raiseHint(name: BudgetName): string {
  const setting = HAS_SETTING.has(name) ? `the setting gradlens.budget.${name} or ` : '';
  return `To allow more, raise ${setting}the CLI's ${CLI_FLAGS[name]}.`;
}

/** 1234567 -> "1,234,567": budgets are read by people. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
