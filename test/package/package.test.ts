/**
 * The library as a user gets it: `npm pack` of packages/gradlens, installed offline into an empty folder,
 * then used from plain `node` (CommonJS and ES modules) and from TypeScript under each module setting.
 * Expected values are real PyTorch 1.13's (seed example: x.grad 0.4, DivBackward0 ← AddBackward0 ←
 * MulBackward0; torch.var of [[1, 2], [3, 4]]).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const PKG_DIR = path.join(ROOT, 'packages', 'gradlens');

interface Packed { filename: string; files: { path: string }[] }

/** Runs npm (as the user would) and returns its stdout. */
const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The seed example, as the README shows it, printing what PyTorch prints. */
const SEED = `
const x = tensor(1.0, { requiresGrad: true });
const z2 = x.mul(2).add(2).div(5);
z2.backward();
console.log([x.grad.toString(), z2.toString(), z2.gradFn.nextFunctions[0][0].name,
  z2.gradFn.nextFunctions[0][0].nextFunctions[0][0].name].join('|'));`;
const SEED_OUT = 'tensor(0.4000)|tensor(0.8000, grad_fn=<DivBackward0>)|AddBackward0|MulBackward0';
/** torch.var (exported as `var`, a reserved word in JS) and its gradient. */
const VAR = `
const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
const v = variance(a);
v.backward();
console.log(v.toString() + '|' + a.grad.toString());`;
const VAR_OUT = 'tensor(1.6667, grad_fn=<VarBackward0>)|tensor([[-1.0000, -0.3333],\n        [ 0.3333,  1.0000]])';

/** Programs run with plain `node` in the folder the tarball was installed into. */
const RUNS: { name: string; file: string; source: string; out: string }[] = [
  { name: 'CommonJS require', file: 'seed.cjs', source: `const { tensor } = require('gradlens');${SEED}`, out: SEED_OUT },
  { name: 'ES module import', file: 'seed.mjs', source: `import { tensor } from 'gradlens';${SEED}`, out: SEED_OUT },
  { name: 'CommonJS, torch.var as `var`', file: 'var.cjs', source: `const { tensor, var: variance } = require('gradlens');${VAR}`, out: VAR_OUT },
  { name: 'ES module, torch.var as `var`', file: 'var.mjs', source: `import { tensor, var as variance } from 'gradlens';${VAR}`, out: VAR_OUT },
  {
    name: 'ES module and CommonJS share one engine, with the same names',
    file: 'same.mjs',
    source: `import * as esm from 'gradlens';
import { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('gradlens');
const names = (o) => Object.keys(o).filter((k) => k !== '__esModule' && k !== 'default').sort().join(',');
console.log(esm.Tensor === cjs.Tensor && esm.tensor === cjs.tensor && names(esm) === names(cjs));`,
    out: 'true',
  },
];

/** A TypeScript user of the package: valid code compiles; the two marked lines must be errors. */
const USE = `import { tensor, var as variance, type Tensor } from 'gradlens';
const x: Tensor = tensor([1, 2], { requiresGrad: true });
const y: Tensor = variance(x.mul(2));
y.backward();
const g: Tensor | null = x.grad;
// @ts-expect-error a string is not a TensorLike
x.mul('a');
// @ts-expect-error engine internals are not in the shipped declarations
void x._accumulateGrad;
void g;
x.`;

/** Module settings a user may have; each must resolve the package's types (`types` / `exports`). */
const SETUPS: { name: string; options: ts.CompilerOptions; files: string[] }[] = [
  { name: 'commonjs + node10', options: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }, files: ['use.ts'] },
  { name: 'node16 (.mts and .cts)', options: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }, files: ['use.mts', 'use.cts'] },
  { name: 'esnext + bundler', options: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }, files: ['use.ts'] },
];

/** Diagnostics of a strict program over `files` in `dir` (lib checks on: the declarations must hold alone). */
function typeCheck(dir: string, files: string[], options: ts.CompilerOptions): { errors: string[]; service: ts.LanguageService } {
  const all: ts.CompilerOptions = { ...options, strict: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: false };
  const names = files.map((f) => path.join(dir, f));
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => names,
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, 'utf8')) : undefined),
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => all,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const program = service.getProgram()!;
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    return `${where}ts${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  return { errors, service };
}

describe('the library package (npm pack of packages/gradlens)', function () {
  this.timeout(240000);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-pkg-'));
  const app = path.join(temp, 'app');
  let packed: Packed;
  let manifest: Record<string, unknown> & { exports: Record<string, unknown> };

  before(() => {
    // prepack builds the package (packages/gradlens/build.mjs), so the tarball is never stale.
    packed = (JSON.parse(npm(['pack', PKG_DIR, '--json', '--pack-destination', temp], temp)) as Packed[])[0];
    fs.mkdirSync(app);
    npm(['install', '--offline', '--no-audit', '--no-fund', path.join(temp, packed.filename)], app);
    manifest = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'gradlens', 'package.json'), 'utf8'));
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('holds package.json, README.md, LICENSE and dist/ (JS and declarations), nothing else', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.mts', 'dist/tensor.d.ts']) {
      assert.ok(files.includes(f), `${f} is missing from ${packed.filename}`);
    }
    const stray = files.filter((f) => !['package.json', 'README.md', 'LICENSE'].includes(f) && !/^dist\/.+\.(js|mjs|d\.ts|d\.mts)$/.test(f));
    assert.deepEqual(stray, []);
    assert.equal(fs.readFileSync(path.join(PKG_DIR, 'LICENSE'), 'utf8'), fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), 'packages/gradlens/LICENSE is the repo\'s LICENSE');
  });

  it('main, types and every exports target exist in the installed package', () => {
    const targets: string[] = [String(manifest.main), String(manifest.types)];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') targets.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(manifest.exports);
    assert.ok(targets.length >= 7, `exports: ${JSON.stringify(manifest.exports)}`);
    for (const t of targets) assert.ok(fs.existsSync(path.join(app, 'node_modules', 'gradlens', t)), `${t} does not exist`);
  });

  it('has no dependencies of any kind (it installs offline)', () => {
    for (const k of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) assert.equal(manifest[k], undefined, k);
  });

  for (const run of RUNS) {
    it(`plain node: ${run.name}`, () => {
      fs.writeFileSync(path.join(app, run.file), run.source);
      assert.equal(execFileSync(process.execPath, [run.file], { cwd: app, encoding: 'utf8' }).trim(), run.out);
    });
  }

  for (const setup of SETUPS) {
    it(`TypeScript (${setup.name}): the types resolve, x.mul('a') and internals are errors, x. completes the PyTorch API`, () => {
      for (const f of setup.files) fs.writeFileSync(path.join(app, f), USE);
      const { errors, service } = typeCheck(app, setup.files, setup.options);
      // The trailing `x.` is the one expected syntax error; the @ts-expect-error lines must be real errors.
      assert.deepEqual(errors.filter((e) => !/ts1003 Identifier expected/.test(e)), []);
      const file = path.join(app, setup.files[0]);
      const names = service.getCompletionsAtPosition(file, USE.length, {})!.entries.map((e) => e.name);
      for (const n of ['mul', 'backward', 'grad', 'gradFn', 'matmul']) assert.ok(names.includes(n), `completion lacks ${n}`);
      assert.deepEqual(names.filter((n) => n.startsWith('_')), [], 'internals in completion');
    });
  }
});
