/**
 * The `gradlens.*` settings: their keys, and their defaults and bounds as package.json declares them under
 * `contributes.configuration` (the manifest VS Code reads is the one source; esbuild bundles the JSON).
 * No `vscode` and no Node here: the host, the analyzer and the CLI all read the defaults from this module.
 */
import { contributes } from '../package.json';

export const SECTION = 'gradlens';

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

/** Which files are analysed: those that opt in (import `gradlens`, or `// @gradlens`), or every TypeScript file. */
export type FilesSetting = 'optedIn' | 'all';
const FILES_VALUES: readonly FilesSetting[] = ['optedIn', 'all'];

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

/** The part of a `contributes.configuration.properties` entry read here. */
export interface SettingSchema {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
}
export type SettingSchemas = Readonly<Record<string, SettingSchema | undefined>>;

/** An integer setting's allowed range (inclusive), from the manifest's `minimum`/`maximum`. */
export interface IntRange {
  min: number;
  max: number;
}

export interface SettingsManifest {
  defaults: Config;
  ranges: Readonly<Record<'precision' | 'maxLength' | 'debounceMs' | 'maxSteps' | 'maxElements' | 'maxCompute', IntRange>>;
  files: readonly FilesSetting[];
}

function schemaOf(props: SettingSchemas, key: SettingKey): SettingSchema {
  const p = props[`${SECTION}.${key}`];
  if (!p) throw new Error(`package.json: contributes.configuration declares no setting ${SECTION}.${key}`);
  return p;
}

function bool(props: SettingSchemas, key: SettingKey): boolean {
  const d = schemaOf(props, key).default;
  if (typeof d !== 'boolean') throw new Error(`package.json: ${SECTION}.${key} needs a boolean default, got ${JSON.stringify(d)}`);
  return d;
}

function int(props: SettingSchemas, key: SettingKey): number {
  const d = schemaOf(props, key).default;
  if (typeof d !== 'number' || !Number.isSafeInteger(d)) throw new Error(`package.json: ${SECTION}.${key} needs an integer default, got ${JSON.stringify(d)}`);
  return d;
}

function range(props: SettingSchemas, key: SettingKey): IntRange {
  const { minimum, maximum } = schemaOf(props, key);
  if (typeof minimum !== 'number' || typeof maximum !== 'number') throw new Error(`package.json: ${SECTION}.${key} needs a minimum and a maximum`);
  return { min: minimum, max: maximum };
}

function filesSetting(props: SettingSchemas): { value: FilesSetting; allowed: readonly FilesSetting[] } {
  const s = schemaOf(props, Setting.files);
  const allowed = FILES_VALUES.filter((v) => s.enum?.includes(v));
  const value = allowed.find((v) => v === s.default);
  if (value === undefined || allowed.length !== s.enum?.length) {
    throw new Error(`package.json: ${SECTION}.${Setting.files} must list ${FILES_VALUES.join(', ')} and default to one of them`);
  }
  return { value, allowed };
}

/** The settings as a manifest's `properties` declare them; throws naming the setting a manifest gets wrong. */
export function readSettings(props: SettingSchemas): SettingsManifest {
  const files = filesSetting(props);
  return {
    defaults: {
      enable: bool(props, Setting.enable),
      files: files.value,
      annotationsEnabled: bool(props, Setting.annotationsEnabled),
      errors: bool(props, Setting.errors),
      logs: bool(props, Setting.logs),
      precision: int(props, Setting.precision),
      maxLength: int(props, Setting.maxLength),
      debounceMs: int(props, Setting.debounceMs),
      maxSteps: int(props, Setting.maxSteps),
      maxElements: int(props, Setting.maxElements),
      maxCompute: int(props, Setting.maxCompute),
    },
    ranges: {
      precision: range(props, Setting.precision),
      maxLength: range(props, Setting.maxLength),
      debounceMs: range(props, Setting.debounceMs),
      maxSteps: range(props, Setting.maxSteps),
      maxElements: range(props, Setting.maxElements),
      maxCompute: range(props, Setting.maxCompute),
    },
    files: files.allowed,
  };
}

/** This extension's settings, from its own package.json. */
export const SETTINGS: SettingsManifest = readSettings(contributes.configuration.properties);
/** The defaults; the analyzer's budgets (`AnalyzeOptions`) default to the same values. */
export const DEFAULTS: Config = SETTINGS.defaults;
