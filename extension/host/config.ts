/** The `gradlens.*` settings, read once per use into a typed object. */
import * as vscode from 'vscode';
import { DEFAULTS, SECTION, SETTINGS, Setting, type Config, type FilesSetting, type IntRange } from '../settings';

export type { Config } from '../settings';

/** A number from the user's settings, rounded into the range package.json declares (VS Code only warns). */
function clampInt(x: number, r: IntRange): number {
  return Math.min(r.max, Math.max(r.min, Math.round(Number.isFinite(x) ? x : r.min)));
}

function oneOf(x: string, allowed: readonly FilesSetting[], fallback: FilesSetting): FilesSetting {
  return allowed.find((a) => a === x) ?? fallback;
}

export function readConfig(scope?: vscode.ConfigurationScope): Config {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    enable: c.get<boolean>(Setting.enable, DEFAULTS.enable),
    files: oneOf(c.get<string>(Setting.files, DEFAULTS.files), SETTINGS.files, DEFAULTS.files),
    annotationsEnabled: c.get<boolean>(Setting.annotationsEnabled, DEFAULTS.annotationsEnabled),
    errors: c.get<boolean>(Setting.errors, DEFAULTS.errors),
    logs: c.get<boolean>(Setting.logs, DEFAULTS.logs),
    precision: clampInt(c.get<number>(Setting.precision, DEFAULTS.precision), SETTINGS.ranges.precision),
    maxLength: clampInt(c.get<number>(Setting.maxLength, DEFAULTS.maxLength), SETTINGS.ranges.maxLength),
    debounceMs: clampInt(c.get<number>(Setting.debounceMs, DEFAULTS.debounceMs), SETTINGS.ranges.debounceMs),
    maxSteps: clampInt(c.get<number>(Setting.maxSteps, DEFAULTS.maxSteps), SETTINGS.ranges.maxSteps),
    maxElements: clampInt(c.get<number>(Setting.maxElements, DEFAULTS.maxElements), SETTINGS.ranges.maxElements),
    maxCompute: clampInt(c.get<number>(Setting.maxCompute, DEFAULTS.maxCompute), SETTINGS.ranges.maxCompute),
  };
}
