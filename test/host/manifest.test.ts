/** package.json, package.nls.json and l10n/ agree with the typed ids the code uses. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Color, Command, DEFAULTS, Setting, type Config, type SettingKey } from '../../extension/host/ids';
import { readSettings, type SettingSchemas } from '../../extension/settings';
import { DEFAULTS as ANALYZER_DEFAULTS } from '../../extension/analysis/run-limits';
import { USAGE } from '../../extension/cli-args';

const ROOT = path.resolve(__dirname, '../../..');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const pkg = read('package.json');
const nls: Record<string, string> = read('package.nls.json');
const bundle: Record<string, string> = read('l10n/bundle.l10n.json');

const SETTING_OF: Record<keyof Config, SettingKey> = {
  enable: Setting.enable, files: Setting.files, annotationsEnabled: Setting.annotationsEnabled, errors: Setting.errors, logs: Setting.logs, precision: Setting.precision,
  maxLength: Setting.maxLength, debounceMs: Setting.debounceMs, maxSteps: Setting.maxSteps, maxElements: Setting.maxElements,
  maxCompute: Setting.maxCompute,
};

describe('manifest', () => {
  it('activates on TypeScript files and commands only (no "*")', () => {
    assert.ok(pkg.activationEvents.includes('onLanguage:typescript'));
    assert.ok(!pkg.activationEvents.includes('*'));
  });

  it('declares untrusted and virtual workspace support', () => {
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
  });

  it('contributes exactly the commands the code registers, all under the Gradlens category', () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(ids, Object.values(Command).sort());
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Gradlens');
  });

  it('declares every setting with the code\'s default', () => {
    const props = pkg.contributes.configuration.properties;
    for (const [field, key] of Object.entries(SETTING_OF) as [keyof Config, SettingKey][]) {
      assert.equal(props[`gradlens.${key}`]?.default, DEFAULTS[field], `gradlens.${key}`);
    }
    assert.equal(Object.keys(props).length, Object.keys(SETTING_OF).length);
  });

  it('gives the analyzer and the CLI the same budget defaults as the settings', () => {
    for (const field of ['maxSteps', 'maxElements', 'maxCompute'] as const) {
      assert.equal(ANALYZER_DEFAULTS[field], DEFAULTS[field], field);
    }
    for (const [flag, field] of [['--max-steps', 'maxSteps'], ['--max-elements', 'maxElements'], ['--max-compute', 'maxCompute']] as const) {
      const line = USAGE.split('\n').find((l) => l.trimStart().startsWith(flag)) ?? '';
      assert.ok(line.endsWith(`(default ${DEFAULTS[field]})`), `${flag}: ${line}`);
    }
  });

  it('docs/extension.md lists every setting with its default', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/extension.md'), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `(gradlens\.[\w.]+)` \| `([^`]+)` \|/gm)].map((m) => [m[1], m[2]]));
    for (const [id, p] of Object.entries(pkg.contributes.configuration.properties) as [string, { default: unknown }][]) {
      assert.equal(rows.get(id), JSON.stringify(p.default), id);
    }
  });

  it('reads defaults and ranges from the manifest, naming the setting it gets wrong', () => {
    const props: Record<string, object> = pkg.contributes.configuration.properties;
    const read = readSettings(props);
    assert.deepEqual(read.ranges.precision, { min: 0, max: 12 });
    assert.deepEqual(read.files, ['optedIn', 'all']);
    const broken: [string, SettingSchemas, RegExp][] = [
      ['a missing setting', { ...props, 'gradlens.precision': undefined }, /declares no setting gradlens\.precision/],
      ['a string default of a boolean', { ...props, 'gradlens.enable': { type: 'boolean', default: 'yes' } }, /gradlens\.enable needs a boolean default, got "yes"/],
      ['a fractional default of an integer', { ...props, 'gradlens.debounceMs': { default: 1.5, minimum: 0, maximum: 9 } }, /gradlens\.debounceMs needs an integer default/],
      ['an integer without a maximum', { ...props, 'gradlens.budget.maxSteps': { default: 5, minimum: 1 } }, /gradlens\.budget\.maxSteps needs a minimum and a maximum/],
      ['a default outside the enum', { ...props, 'gradlens.analyze.files': { enum: ['optedIn', 'all'], default: 'some' } }, /gradlens\.analyze\.files must list/],
    ];
    for (const [what, p, message] of broken) assert.throws(() => readSettings(p), message, what);
  });

  it('contributes the colours with dark, light and high-contrast defaults', () => {
    const colors = pkg.contributes.colors;
    assert.deepEqual(colors.map((c: { id: string }) => c.id).sort(), Object.values(Color).sort());
    for (const c of colors) for (const k of ['dark', 'light', 'highContrast']) assert.ok(c.defaults[k], `${c.id}.${k}`);
  });

  it('contributes the TypeScript server plugin that the .vsix carries, and has no runtime dependencies', () => {
    const plugin = read('packages/tsserver-plugin/package.json');
    assert.deepEqual(pkg.contributes.typescriptServerPlugins.map((p: { name: string }) => p.name), [plugin.name]);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const f of ['package.json', plugin.main]) assert.ok(ignore.includes(`!node_modules/${plugin.name}/${f}`), `.vscodeignore keeps ${f}`);
    // Everything the extension runs is bundled (typescript too); packages/vsix.mjs adds the plugin alone.
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.exports, undefined, 'the library has its own manifest (packages/gradlens)');
  });

  it('every %placeholder% in package.json has a string in package.nls.json', () => {
    const keys = [...JSON.stringify(pkg.contributes).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 10);
    for (const k of keys) assert.ok(nls[k], `package.nls.json lacks ${k}`);
  });

  it('every l10n string in extension/host is in l10n/bundle.l10n.json', () => {
    const dir = path.join(ROOT, 'extension/host');
    const found: string[] = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/\bt\('((?:[^'\\]|\\.)*)'/g)) found.push(m[1]);
    }
    assert.ok(found.length > 10);
    for (const s of found) assert.ok(s in bundle, `l10n/bundle.l10n.json lacks ${JSON.stringify(s)}`);
  });
});
