/** The command-line tool (README.md, docs/architecture.md), run as a user runs it: `node bin/gradlens.js annotate FILE.ts`. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, assertValidTrace } from './helpers';
import type { Trace } from '../../extension/analysis/trace';

const BIN = path.join(ROOT, 'bin', 'gradlens.js');
const SEED = path.join(ROOT, 'examples', 'seed.ts');
/** An ANSI escape sequence (ESC [). */
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

function gradlens(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: gradlens annotate', function () {
  this.timeout(30000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('annotates the seed: values and gradients beside their lines, exit 0, no ANSI when piped', () => {
    const r = gradlens('annotate', SEED);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, ANSI);
    const line = (n: number): string => r.stdout.split('\n').find((l) => l.trimStart().startsWith(`${n} │`)) ?? '';
    assert.match(line(5), /x = 1\.0000\s+∇ 0\.4000/);
    assert.match(line(6), /z0 = 2\.0000\s+∇ 0\.2000/);
    assert.match(line(7), /z1 = 4\.0000/);
    assert.match(line(8), /z2 = 0\.8000\s+∇ 1\.0000/);
    assert.match(line(11), /» tensor\(0\.4000\)/);
    const columns = [5, 6, 7, 8].map((n) => line(n).indexOf(n === 5 ? 'x =' : 'z'));
    assert.strictEqual(new Set(columns.slice(1)).size, 1, 'annotations are aligned in one column');
    assert.strictEqual(r.stderr, '');
  });

  it('--color forces ANSI colours', () => {
    assert.match(gradlens('annotate', SEED, '--color').stdout, ANSI);
  });

  it('--json prints exactly one JSON document that matches the schema; messages go to stderr', () => {
    const r = gradlens('annotate', path.join(ROOT, 'examples', 'shape-error.ts'), '--json');
    assert.strictEqual(r.code, 1, 'a shape error is an error diagnostic');
    const trace = JSON.parse(r.stdout) as Trace;
    assertValidTrace(trace);
    assert.ok(trace.diagnostics.some((d) => d.code === 'shape'));
    assert.match(r.stderr, /shape-error\.ts:10:11: error: .*\(2x3 and 4x5\)/);
  });

  it('--target NAME@LINE picks the target', () => {
    const r = gradlens('annotate', SEED, '--json', '--target', 'z1@7');
    const trace = JSON.parse(r.stdout) as Trace;
    assert.strictEqual(trace.target, 'z1');
    assert.strictEqual(trace.targetLine, 7);
    assert.strictEqual(trace.targetKind, 'user');
    const x = trace.bindings.find((b) => b.name === 'x');
    assert.ok(x?.grad && Math.abs(Number(x.grad.data[0]) - 2) < 1e-6, 'dz1/dx = 2');
  });

  it('--graph out.dot writes the graph in DOT', () => {
    const out = path.join(dir, 'seed.dot');
    const r = gradlens('annotate', SEED, '--graph', out);
    assert.strictEqual(r.code, 0, r.stderr);
    const dot = fs.readFileSync(out, 'utf8');
    assert.match(dot, /^digraph gradlens \{/);
    for (const name of ['DivBackward0', 'AddBackward0', 'MulBackward0', 'AccumulateGrad']) assert.ok(dot.includes(name), name);
    assert.strictEqual((dot.match(/->/g) ?? []).length, 4);
  });

  it('--graph out.svg writes the graph panel\'s SVG', () => {
    const out = path.join(dir, 'seed.svg');
    const r = gradlens('annotate', SEED, '--graph', out);
    assert.strictEqual(r.code, 0, r.stderr);
    const svg = fs.readFileSync(out, 'utf8');
    assert.match(svg, /<svg[\s>]/);
    for (const name of ['DivBackward0', 'AddBackward0', 'MulBackward0', 'AccumulateGrad']) assert.ok(svg.includes(name), name);
  });

  it('exit 2 with a one-line message on bad usage or unreadable input', () => {
    for (const args of [[], ['frobnicate', SEED], ['annotate'], ['annotate', SEED, '--bogus'], ['annotate', SEED, '--target'],
      ['annotate', SEED, '--graph', path.join(dir, 'g.png')], ['annotate', path.join(dir, 'missing.ts')]]) {
      const r = gradlens(...args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.strictEqual(r.stdout, '');
    }
  });

  it('--help prints usage', () => {
    const r = gradlens('--help');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /Usage: gradlens annotate FILE\.ts/);
  });
});
