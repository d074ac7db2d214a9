/**
 * Every id the extension shares with package.json, in one place: commands, settings, colours.
 * package.json's `contributes` lists the same ids; the in-host suite checks the two agree.
 */

export const Command = {
  toggleAnnotations: 'gradlens.toggleAnnotations',
  openGraphPanel: 'gradlens.openGraphPanel',
  setTarget: 'gradlens.setTarget',
  clearTarget: 'gradlens.clearTarget',
  rerun: 'gradlens.rerun',
  showOutput: 'gradlens.showOutput',
  /** Hover link: reveal a binding in the graph panel. Hidden from the palette. */
  showInGraph: 'gradlens.showInGraph',
  /** Hover link: make a binding the target. Hidden from the palette. */
  differentiateWith: 'gradlens.differentiateWith',
  /** For tests: the current annotations, diagnostics and status of a document. Hidden from the palette. */
  testState: 'gradlens._testState',
} as const;
export type CommandId = (typeof Command)[keyof typeof Command];

/** Setting keys below the `gradlens` section. */
export const Setting = {
  enable: 'enable',
  files: 'analyze.files',
  annotationsEnabled: 'annotations.enabled',
  maxLength: 'annotations.maxLength',
  errors: 'annotations.errors',
  logs: 'annotations.logs',
  precision: 'precision',
  debounceMs: 'debounceMs',
  maxSteps: 'budget.maxSteps',
  maxElements: 'budget.maxElements',
  maxCompute: 'budget.maxCompute',
} as const;
export type SettingKey = (typeof Setting)[keyof typeof Setting];
export const SECTION = 'gradlens';

/** Which files are analysed: those that opt in (import `gradlens`, or `// @gradlens`), or every TypeScript file. */
export type FilesSetting = 'optedIn' | 'all';
export const FILES_SETTINGS: readonly FilesSetting[] = ['optedIn', 'all'];

export interface Config {
  enable: boolean;
  files: FilesSetting;
  annotationsEnabled: boolean;
  /** An error's message after its line. */
  errors: boolean;
  /** console.log output after its line. */
  logs: boolean;
  precision: number;
  maxLength: number;
  debounceMs: number;
  maxSteps: number;
  maxElements: number;
  maxCompute: number;
}

/** Defaults; package.json declares the same ones (the in-host suite compares them). */
export const DEFAULTS: Config = {
  enable: true,
  files: 'optedIn',
  annotationsEnabled: true,
  errors: true,
  logs: true,
  precision: 4,
  maxLength: 80,
  debounceMs: 150,
  maxSteps: 200_000,
  maxElements: 50_000_000,
  maxCompute: 500_000_000,
};


export const Color = {
  value: 'gradlens.valueForeground',
  grad: 'gradlens.gradForeground',
  stale: 'gradlens.staleForeground',
  error: 'gradlens.errorForeground',
  errorBackground: 'gradlens.errorBackground',
  warning: 'gradlens.warningForeground',
  log: 'gradlens.logForeground',
} as const;
export type ColorId = (typeof Color)[keyof typeof Color];

/** Diagnostic collection name and `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'gradlens';
export const SELECTOR = [{ language: 'typescript' }, { language: 'typescriptreact' }] as const;
export const LANGUAGES: readonly string[] = ['typescript', 'typescriptreact'];
