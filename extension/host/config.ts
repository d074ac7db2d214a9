/** The `gradlens.*` settings, read once per use into a typed object. */
import * as vscode from 'vscode';
import { DEFAULTS, FILES_SETTINGS, SECTION, Setting, type Config, type FilesSetting } from './ids';

export type { Config } from './ids';

function clampInt(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(Number.isFinite(x) ? x : lo)));
}

function oneOf(x: string, allowed: readonly FilesSetting[], fallback: FilesSetting): FilesSetting {
  return allowed.find((a) => a === x) ?? fallback;
}

export function readConfig(scope?: vscode.ConfigurationScope): Config {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    enable: c.get<boolean>(Setting.enable, DEFAULTS.enable),
    files: oneOf(c.get<string>(Setting.files, DEFAULTS.files), FILES_SETTINGS, DEFAULTS.files),
    annotationsEnabled: c.get<boolean>(Setting.annotationsEnabled, DEFAULTS.annotationsEnabled),
    errors: c.get<boolean>(Setting.errors, DEFAULTS.errors),
    logs: c.get<boolean>(Setting.logs, DEFAULTS.logs),
    precision: clampInt(c.get<number>(Setting.precision, DEFAULTS.precision), 0, 12),
    maxLength: clampInt(c.get<number>(Setting.maxLength, DEFAULTS.maxLength), 10, 1000),
    debounceMs: clampInt(c.get<number>(Setting.debounceMs, DEFAULTS.debounceMs), 0, 5000),
    maxSteps: clampInt(c.get<number>(Setting.maxSteps, DEFAULTS.maxSteps), 1000, 1e9),
    maxElements: clampInt(c.get<number>(Setting.maxElements, DEFAULTS.maxElements), 1000, 1e10),
    maxCompute: clampInt(c.get<number>(Setting.maxCompute, DEFAULTS.maxCompute), 1e6, 1e13),
  };
}
