/**
 * Every id the extension shares with package.json, in one place: commands, settings, colours.
 * package.json's `contributes` lists the same ids; test/host/manifest.test.ts checks the two agree.
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

// The settings' keys, typed config and defaults live with package.json's reader (vscode-free, shared with
// the analyzer and the CLI); re-exported here so that every id the host uses is importable from one file.
export { DEFAULTS, SECTION, SETTINGS, Setting, type Config, type FilesSetting, type SettingKey } from '../settings';

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
