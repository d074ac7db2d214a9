/**
 * The TypeScript server plugin's fallback, with the real TypeScript language service: 'gradlens' resolves to
 * the shipped declarations only when the host's own resolution finds nothing. (The installed .vsix in a real
 * VS Code: test/integration/types.js.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { addFallback, type ResolvingHost } from '../../packages/tsserver-plugin/src/fallback';

const ROOT = path.resolve(__dirname, '../../..');
/** What the .vsix ships beside the plugin: the library's stripped declarations (npm run build makes them). */
const SHIPPED = path.join(ROOT, 'packages', 'gradlens', 'dist', 'index.d.ts');

const MAIN = `import { tensor } from 'gradlens';
const x = tensor([1, 2, 3], { requiresGrad: true });
x.mul('a');
x.`;

type Hooks = 'literals' | 'names' | 'none';

/** A language service over `dir`/main.ts whose host resolves modules itself, as tsserver's project does. */
function service(dir: string, hooks: Hooks): { ls: ts.LanguageService; host: ts.LanguageServiceHost & ResolvingHost; file: string } {
  const file = path.join(dir, 'main.ts');
  const options: ts.CompilerOptions = { strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'], types: [] };
  const resolve = (name: string, containing: string) => ts.resolveModuleName(name, containing, options, ts.sys);
  const host: ts.LanguageServiceHost & ResolvingHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, 'utf8')) : undefined),
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
  };
  if (hooks === 'literals') host.resolveModuleNameLiterals = (lits, containing) => lits.map((l) => resolve(l.text, containing));
  if (hooks === 'names') host.resolveModuleNames = (names, containing) => names.map((n) => resolve(n, containing).resolvedModule);
  return { ls: ts.createLanguageService(host), host, file };
}

const codes = (ls: ts.LanguageService, file: string) => ls.getSemanticDiagnostics(file).map((d) => d.code);
/** Which declarations for 'gradlens' the program loaded: the shipped ones, the workspace's, or none. */
const loaded = (ls: ts.LanguageService, candidates: string[]) => candidates.filter((f) => ls.getProgram()!.getSourceFile(f) !== undefined);

describe('tsserver plugin: the gradlens fallback', function () {
  // Each case builds a TypeScript program with the library's declarations: ~0.5-1.5 s, more on a loaded machine.
  this.timeout(30000);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-plugin-'));
  const fresh = path.join(temp, 'fresh');
  const own = path.join(temp, 'own');
  before(() => {
    assert.ok(fs.existsSync(SHIPPED), `${SHIPPED} is missing: run npm run build`);
    fs.mkdirSync(fresh);
    fs.writeFileSync(path.join(fresh, 'main.ts'), MAIN);
    const pkg = path.join(own, 'node_modules', 'gradlens');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'gradlens', version: '9.9.9', types: 'index.d.ts' }));
    fs.writeFileSync(path.join(pkg, 'index.d.ts'), 'export declare function tensor(label: string): { workspace: true };\n');
    fs.writeFileSync(path.join(own, 'main.ts'), MAIN);
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('without the plugin a fresh folder has ts2307 (the problem it solves)', () => {
    const { ls, file } = service(fresh, 'literals');
    assert.ok(codes(ls, file).includes(2307));
  });

  for (const hooks of ['literals', 'names'] as const) {
    it(`a fresh folder resolves 'gradlens' to the shipped declarations (host hook: ${hooks})`, () => {
      const { ls, host, file } = service(fresh, hooks);
      assert.deepEqual(addFallback(host, SHIPPED), [hooks === 'literals' ? 'resolveModuleNameLiterals' : 'resolveModuleNames']);
      assert.deepEqual(loaded(ls, [SHIPPED]), [SHIPPED]);
      assert.deepEqual(codes(ls, file), [2345], "only x.mul('a') is an error");
      const names = ls.getCompletionsAtPosition(file, MAIN.length, {})!.entries.map((e) => e.name);
      assert.ok(names.includes('mul') && names.includes('backward'), 'completion lists the Tensor API');
    });
  }

  it('a folder with its own node_modules/gradlens keeps it', () => {
    const { ls, host, file } = service(own, 'literals');
    addFallback(host, SHIPPED);
    const mine = path.join(own, 'node_modules', 'gradlens', 'index.d.ts');
    assert.deepEqual(loaded(ls, [SHIPPED, mine]), [mine]);
    // Its tensor takes one string: the call with two arguments is the error now, and x has no mul.
    assert.deepEqual(codes(ls, file), [2554, 2339]);
  });

  it('other unresolved modules stay unresolved', () => {
    const dir = path.join(temp, 'other');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.ts'), "import { a } from 'gradlens-extra';\nimport { b } from './missing';\nvoid a; void b;\n");
    const { ls, host, file } = service(dir, 'literals');
    addFallback(host, SHIPPED);
    assert.deepEqual(codes(ls, file), [2307, 2307]);
  });

  it('a host without resolution hooks is left alone (and says so)', () => {
    const { host } = service(fresh, 'none');
    assert.deepEqual(addFallback(host, SHIPPED), []);
    assert.equal(host.resolveModuleNameLiterals, undefined);
  });

  it('the bundle tsserver loads exports init() whose create() wraps the project and logs where it points', () => {
    const bundle = path.join(ROOT, 'packages', 'tsserver-plugin', 'dist', 'index.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const init = require(bundle) as () => ts.server.PluginModule;
    const { ls, host } = service(fresh, 'literals');
    const logged: string[] = [];
    const info = { languageServiceHost: host, languageService: ls, project: { projectService: { logger: { info: (m: string) => logged.push(m) } } } };
    assert.equal(init().create(info as unknown as ts.server.PluginCreateInfo), ls);
    const expected = path.join(path.dirname(bundle), '..', 'gradlens', 'index.d.ts');
    const lits = [ts.factory.createStringLiteral('gradlens')];
    const [r] = host.resolveModuleNameLiterals!(lits, path.join(fresh, 'main.ts'), undefined, {}, undefined as unknown as ts.SourceFile, undefined);
    assert.equal(r.resolvedModule?.resolvedFileName, expected);
    assert.match(logged.join('\n'), /falls back to .*gradlens[\\/]index\.d\.ts, through resolveModuleNameLiterals/);
  });
});
