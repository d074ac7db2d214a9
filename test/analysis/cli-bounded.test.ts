/**
 * The CLI on hostile input (issue 11), run as a user runs it: every case ends with exit 0 or 1 and the
 * diagnostic of the limit that stopped it (never 134, never an internal error at 1:1); what it prints
 * cannot drive the terminal; bad --target and --graph values are usage errors.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, assertValidTrace } from './helpers';
import type { Diagnostic, Trace } from '../../extension/analysis/trace';

const BIN = path.join(ROOT, 'bin', 'gradlens.js');
const SEED = path.join(ROOT, 'examples', 'seed.ts');
const H = `import { ones, randn, F, Tensor } from 'gradlens';\nconst a = ones([2]).mul(3);\n`;

function gradlens(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Hostile {
  what: string;
  source: string;
  args?: string[];
  exit: 0 | 1;
  /** The diagnostic that names the limit: code, line, column (undefined: not checked) and a message pattern. */
  stop?: [Diagnostic['code'], number, number | undefined, RegExp];
}

const CASES: Hostile[] = [
  { what: '1,000 nested parentheses', source: `${H}const x = ${'('.repeat(1000)}1${')'.repeat(1000)};\n`, exit: 1, stop: ['budget', 3, 267, /^Nested more than 256 levels/] },
  { what: '2,000 nested blocks', source: `${H}${'{'.repeat(2000)}${'}'.repeat(2000)}\n`, exit: 1, stop: ['budget', 3, 257, /^Nested more than 256 levels/] },
  { what: '5,000 curried arrows', source: `${H}const g = ${'() => '.repeat(5000)}1;\n`, exit: 1, stop: ['budget', 3, 1547, /^Nested more than 256 levels/] },
  {
    what: 'a conv2d of 4 M outputs (585 M multiply-adds)', source: `${H}const x = randn([8, 16, 128, 128]);\nconst w = randn([32, 16, 3, 3]);\nconst y = F.conv2d(x, w);\n`,
    exit: 1, stop: ['budget', 5, 11, /^\[conv2d\] needs 585,252,864 units of work, over the compute budget/],
  },
  { what: 'new Tensor(data, [1e9])', source: `${H}const t = new Tensor([1, 2], [1e9]);\n`, exit: 0, stop: ['unsupported', 3, 11, /^new Tensor\(\.\.\.\) is not available to analysed files/] },
  { what: 'a 1e6-element array literal', source: `${H}const xs = [${'0,'.repeat(1e6)}];\n`, exit: 1, stop: ['budget', 3, undefined, /^Step budget of 200,000 steps used up here \(/] },
  {
    what: 'console.log of a 100,000-item array 1,000 times', source: `const big = Array.from({ length: 100000 }, (_, i) => i);\nfor (let i = 0; i < 1000; i++) console.log(big);\n`,
    exit: 0,
  },
  {
    what: 'a heap bomb (9 MB strings kept in a loop) with a 128 MB heap', args: ['--max-memory-mb', '128', '--max-compute', '1e15'],
    source: `const keep: string[] = [];\nlet i = 0;\nwhile (true) { keep.push(('x'.repeat(9000000) + i).slice(1)); i++; }\n`,
    exit: 1, stop: ['budget', 3, undefined, /^The analysis ran out of memory \(its heap is limited to 128 MB\)/],
  },
];

describe('cli: hostile input ends at a named limit', function () {
  this.timeout(120000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-cli-bounded-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };

  CASES.forEach((c, k) => {
    it(`${c.what}: exit ${c.exit}${c.stop ? `, ${c.stop[0]} at line ${c.stop[1]}` : ''}`, () => {
      const r = gradlens('annotate', write(`case${k}.ts`, c.source), '--json', ...(c.args ?? []));
      assert.strictEqual(r.code, c.exit, r.stderr);
      const trace = JSON.parse(r.stdout) as Trace;
      assertValidTrace(trace);
      assert.ok(!trace.diagnostics.some((d) => /Internal analyzer error/.test(d.message)), r.stderr);
      assert.doesNotMatch(r.stderr, /FATAL|heap out of memory/, 'nothing of V8 reaches the user');
      if (!c.stop) return;
      const [code, line, column, message] = c.stop;
      const d = trace.diagnostics.find((x) => x.code === code && x.severity !== 'info');
      assert.ok(d, JSON.stringify(trace.diagnostics));
      assert.deepStrictEqual([d.line, column === undefined ? undefined : d.column], [line, column]);
      assert.match(d.message, message);
    });
  });

  it('the console case counts its work: 1,000 lines of 103 values at 200 units', () => {
    const r = gradlens('annotate', write('logs.ts', CASES[6].source), '--json');
    // each line: 103 values at 200 units; building the array: its 100,000 elements + 1
    assert.strictEqual((JSON.parse(r.stdout) as Trace).stats?.compute, 1000 * 103 * 200 + 100001);
  });
});

describe('cli: output cannot drive the terminal', function () {
  this.timeout(60000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-cli-hygiene-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // ESC [2J (clear), OSC 52 (clipboard write) ended by BEL, a C1 CSI, a right-to-left override
  const EVIL = '\u001b[2J\u001b]52;c;aGVsbG8=\u0007\u009b31m\u202e';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const source = `import { ones } from 'gradlens';\nimport * as evil from '${EVIL}';\nconst a = ones([2]);\nconsole.log('${EVIL}');\nconsole.log(\`${EVIL}\`.length);\n// ${EVIL}\n`;

  it('control characters from the file (logs, import specifiers, comments) are printed as escapes', () => {
    const file = path.join(dir, 'evil.ts');
    fs.writeFileSync(file, source);
    for (const flags of [[], ['--color']]) {
      const r = gradlens('annotate', file, ...flags);
      assert.strictEqual(r.code, 0, r.stderr);
      // --color adds the tool's own SGR codes; everything else must be inert
      // eslint-disable-next-line no-control-regex -- the tool's own colour codes
      const own = r.stdout.replace(/\u001b\[(?:0|2|32|33|36)m/g, '');
      assert.doesNotMatch(own, RAW);
      assert.doesNotMatch(r.stderr, RAW);
      assert.ok(own.includes('» \\x1b[2J\\x1b]52;c;aGVsbG8=\\x07\\x9b31m\\u202e'), own);
      assert.match(r.stderr, /evil\.ts:2:\d+: .*\\x1b\[2J/);
    }
  });

  it('--json keeps the values (JSON escapes) and prints no raw control character', () => {
    const file = path.join(dir, 'evil.ts');
    fs.writeFileSync(file, source);
    const r = gradlens('annotate', file, '--json');
    assert.doesNotMatch(r.stdout, RAW);
    const trace = JSON.parse(r.stdout) as Trace;
    assert.strictEqual(trace.logs[0].text, EVIL);
  });

  it('CR-only and mixed line endings print one numbered line each, annotations on their lines', () => {
    const file = path.join(dir, 'cr.ts');
    fs.writeFileSync(file, `import { ones } from 'gradlens';\rconst a = ones([2]);\r\nconst b = a.add(1);\nconst c = b.mul(2);\r`);
    const r = gradlens('annotate', file);
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[1], /^2 │ const a = ones\(\[2\]\);\s+a = \[2\] \[1, 1\]$/);
    assert.match(lines[2], /^3 │ const b = a\.add\(1\);\s+b = /);
    assert.match(lines[3], /^4 │ const c = b\.mul\(2\);\s+c = /);
  });
});

describe('cli: impossible arguments are usage errors (exit 2)', function () {
  this.timeout(60000);
  const BAD: [string, string[], RegExp][] = [
    ['a target line past any number', ['--target', 'y@999999999999999999999'], /the line must be a whole number from 1/],
    ['a target line 0', ['--target', 'x@0'], /the line must be a whole number from 1/],
    ['a target line past the end of the file', ['--target', 'z1@15'], /seed\.ts has 14 lines/],
    ['an empty --graph=', ['--graph='], /--graph needs a value, got an empty one/],
    ['an empty --target=', ['--target='], /--target needs a value, got an empty one/],
    ['a budget that is not a number', ['--max-steps', 'lots'], /--max-steps needs a positive number, not 'lots'/],
    ['a negative budget', ['--max-compute=-1'], /--max-compute needs a positive number/],
  ];
  for (const [what, args, message] of BAD) {
    it(`${what}: one line on stderr, nothing on stdout`, () => {
      const r = gradlens('annotate', SEED, ...args);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.strictEqual(r.stdout, '');
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
    });
  }

  it('a budget flag reaches the analysis', () => {
    const r = gradlens('annotate', SEED, '--json', '--max-steps', '5');
    assert.strictEqual(r.code, 1);
    assert.match((JSON.parse(r.stdout) as Trace).diagnostics[0].message, /^Step budget of 5 steps/);
  });
});
