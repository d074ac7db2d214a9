/** Hostile and broken input (docs/security.md): nothing escapes the sandbox, budgets end runaway code, errors stay local. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../extension/analysis';
import { analyzeChecked, binding, errors, near, scalar } from './helpers';

const H = `import { tensor, zeros, ones } from 'gradlens';\n`;

describe('analysis: hostile input', function () {
  this.timeout(20000);
  // each line alone (one that may change the host ends the run there): the value computed before it stays
  const ESCAPES: readonly ((marker: string) => string)[] = [
    (m) => `execSync('touch ' + ${m});`,
    (m) => `spawnSync('touch', [${m}]);`,
    (m) => `fs.writeFileSync(${m}, 'x');`,
    (m) => `fsDefault.writeFileSync(${m}, 'x');`,
    (m) => `require('fs').writeFileSync(${m}, 'x');`,
    (m) => `(t as any).constructor.constructor('return process')().mainModule.require('fs').writeFileSync(${m}, 'x');`,
    () => `[].constructor.constructor('return process')();`,
    () => `(t.add as any).call.call(null);`,
    () => `const p = (globalThis as any).process; p.exit(1);`,
    () => `(t as any).__proto__.toString = () => 'pwned';`,
    () => `const hop = ({} as any).__proto__; hop.polluted = 1;`,
  ];
  ESCAPES.forEach((escape, k) => {
    it(`never loads modules or touches the file system (${k}): no marker file, a diagnostic on the line`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-hostile-'));
      const marker = path.join(dir, 'marker');
      const code = `import { execSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import fsDefault from 'node:fs';
import { tensor } from 'gradlens';
const t = tensor(1.0);
const ok = tensor(2.0).mul(3);
${escape(JSON.stringify(marker))}
`;
      try {
        const trace = analyzeChecked(code);
        assert.ok(!fs.existsSync(marker), 'the marker was written');
        near(scalar(binding(trace, 'ok').value), 6);
        assert.ok(trace.diagnostics.some((d) => d.code === 'unsupported' && d.line === 7), JSON.stringify(trace.diagnostics));
        assert.strictEqual(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
        assert.ok(!String(tensor1()).includes('pwned'), 'engine prototypes untouched');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('cannot change the engine shared by later analyses', () => {
    analyzeChecked(`import * as gl from 'gradlens'; import { ops, F, autograd } from 'gradlens';
(gl as any).tensor = null; (F as any).softmax = null; (autograd as any).grad = null;
(ops as any).mul = null; (ops as any).mul.name = 'X'; (ops.mul as any).formulas.push('x');
(gl.tensor(1.0, { requiresGrad: true }).mul(2).gradFn as any).op = null;
`);
    const after = analyzeChecked(`${H}const x = tensor(2.0, { requiresGrad: true });\nconst y = x.mul(x);\ny.backward();\n`);
    assert.strictEqual(binding(after, 'y').gradFn, 'MulBackward0');
    near(scalar(binding(after, 'x').grad), 4);
  });
});

function tensor1(): string {
  return analyze(`${H}const t = tensor(1.0);\nconsole.log(t.toString());`).logs[0]?.text ?? '';
}

describe('analysis: budgets', function () {
  this.timeout(20000);
  it('an infinite loop ends with a budget diagnostic at the loop; earlier bindings are kept', () => {
    const t0 = Date.now();
    const trace = analyzeChecked(`${H}const a = ones([2]).mul(2);\nlet n = 0;\nwhile (true) { n++; }\nconst b = a.add(1);\n`);
    assert.ok(Date.now() - t0 < 5000);
    const budget = trace.diagnostics.filter((d) => d.code === 'budget');
    assert.strictEqual(budget.length, 1);
    assert.ok([4].includes(budget[0].line), `budget diagnostic on the loop, got line ${budget[0].line}`);
    assert.deepStrictEqual(binding(trace, 'a').value?.data, [2, 2]);
    assert.ok(trace.stats && trace.stats.steps <= 200_001, 'no run passes its step budget');
  });

  it('doubling strings and arrays end at a size limit, not in an out-of-memory', () => {
    const trace = analyzeChecked(`let s = 'ab';\nfor (let i = 0; i < 40; i++) s = s + s;\nlet a = [1, 2];\nfor (let i = 0; i < 40; i++) a = a.concat(a);\nlet b = [1];\nfor (let i = 0; i < 40; i++) b = [...b, ...b];\nlet t = 'x';\nfor (let i = 0; i < 40; i++) t = \`\${t}\${t}\`;\nconsole.log('done');\n`);
    assert.deepStrictEqual(trace.logs.map((l) => l.text), ['done']);
    assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line), [2, 4, 6, 8]);
  });

  it('the file cannot raise its own element budget', () => {
    const trace = analyzeChecked(`import { withLimits, zeros } from 'gradlens';\nconst big = withLimits({ maxElements: Infinity }, () => zeros([1e9]));\n`);
    assert.ok(binding(trace, 'big').unknown);
    assert.ok(trace.diagnostics.some((d) => d.code === 'unsupported' && d.line === 1));
  });

  it('console output is kept up to 1000 lines', () => {
    const trace = analyzeChecked(`for (let i = 0; i < 5000; i++) console.log(i);\n`);
    assert.strictEqual(trace.logs.length, 1000);
    assert.strictEqual(trace.logs[999].text, '999');
    assert.strictEqual(trace.diagnostics.filter((d) => d.code === 'runtime' && d.severity === 'info').length, 1);
  });

  it('the step budget is an option', () => {
    const trace = analyzeChecked(`let i = 0;\nfor (;;) i++;\n`, { maxSteps: 1000 });
    assert.ok(trace.stats && trace.stats.steps <= 1001);
    assert.strictEqual(trace.diagnostics.filter((d) => d.code === 'budget').length, 1);
  });

  it('runaway recursion is a budget diagnostic at the recursive call; the rest of the file still runs', () => {
    const trace = analyzeChecked(`${H}function down(t: any): any { return down(t.add(1)); }\nconst r = down(ones([1]));\nconst after = ones([1]).mul(5);\n`);
    const d = trace.diagnostics.find((x) => x.code === 'budget');
    assert.ok(d && d.line === 2, JSON.stringify(trace.diagnostics));
    assert.ok(binding(trace, 'r').unknown);
    assert.deepStrictEqual(binding(trace, 'after').value?.data, [5]);
  });

  it('a 10^9-element tensor is a budget diagnostic at its call; other bindings stay', () => {
    const trace = analyzeChecked(`${H}const small = ones([3]);\nconst big = zeros([1e9]);\nconst more = small.mul(2);\n`);
    const d = trace.diagnostics.find((x) => x.code === 'budget');
    assert.deepStrictEqual(d && [d.line, d.column, d.endLine, d.endColumn], [3, 13, 3, 25]);
    assert.strictEqual(binding(trace, 'big').value, null);
    assert.deepStrictEqual(binding(trace, 'more').value?.data, [2, 2, 2]);
  });

  it('the element budget is an option', () => {
    const trace = analyzeChecked(`${H}const a = ones([100]);\nconst b = ones([100]);\n`, { maxElements: 150 });
    assert.ok(binding(trace, 'a').value);
    assert.strictEqual(binding(trace, 'b').value, null);
  });
});

describe('analysis: errors stay local', function () {
  this.timeout(20000);
  it('a shape mismatch names both shapes, at the call, and later lines still evaluate', () => {
    const trace = analyzeChecked(`${H}const a = ones([2, 3]);\nconst b = ones([4, 5]);\nconst c = a.matmul(b);\nconst d = a.sum();\n`);
    const [e] = errors(trace);
    assert.strictEqual(e.code, 'shape');
    assert.deepStrictEqual([e.line, e.column, e.endLine, e.endColumn], [4, 11, 4, 22]);
    assert.match(e.message, /\(2x3 and 4x5\)/);
    assert.ok(binding(trace, 'c').unknown);
    near(scalar(binding(trace, 'd').value), 6);
  });

  it('NaN and Infinity give one warning per op that made them from finite values; ops that carry them are related', () => {
    const trace = analyzeChecked(`${H}const z = zeros([2]);\nconst bad = z.log();\nconst worse = bad.mul(2);\nconst inf = ones([1]).div(0);\n`);
    const nan = trace.diagnostics.filter((d) => d.code === 'nan-origin');
    assert.deepStrictEqual(nan.map((d) => d.line), [3, 5]);
    assert.strictEqual(nan[0].severity, 'warning');
    assert.deepStrictEqual(nan[0].related?.map((r) => r.line), [4]);
    assert.deepStrictEqual(binding(trace, 'bad').value?.data, ['-Infinity', '-Infinity']);
  });

  it('unsupported syntax is "not evaluated here" on its span; what depends on it is unknown', () => {
    const trace = analyzeChecked(`${H}const a = ones([2]);\nconst tag = String.raw\`x\`;\nconst scaled = a.mul(tag.length);\nconst fine = a.add(1);\n`);
    const u = trace.diagnostics.find((d) => d.code === 'unsupported');
    assert.ok(u && u.line === 3 && (u.severity === 'warning' || u.severity === 'info'));
    assert.ok(binding(trace, 'scaled').unknown);
    assert.deepStrictEqual(binding(trace, 'fine').value?.data, [2, 2]);
  });

  it('an unknown inside an array argument makes the call unknown instead of reaching the engine', () => {
    const trace = analyzeChecked(`${H}import { cat } from 'gradlens';\nimport { load } from './data';\nconst a = ones([2]);\nconst both = cat([a, load()], 0);\n`);
    assert.ok(binding(trace, 'both').unknown?.includes('./data'));
    assert.deepStrictEqual(errors(trace), []);
  });

  it('syntax errors while typing: exact ranges, and what parses still evaluates', () => {
    const trace = analyzeChecked(`${H}const a = ones([2]).mul(3);\nconst b = a.add(\nconst c = a.sum();\n`);
    const syntax = trace.diagnostics.filter((d) => d.code === 'syntax');
    assert.ok(syntax.length >= 1);
    assert.ok(syntax.every((d) => d.severity === 'error' && d.line >= 3));
    assert.deepStrictEqual(binding(trace, 'a').value?.data, [3, 3]);
    assert.strictEqual(binding(trace, 'b').unknown, 'this line does not parse yet', 'the half-typed line is not evaluated');
    assert.strictEqual(binding(trace, 'c').value?.data[0], 6, 'the next line still evaluates');
    assert.deepStrictEqual(errors(trace).map((d) => d.code), ['syntax'], 'no engine error from half an expression');
  });

  it('columns count UTF-16 code units', () => {
    const trace = analyzeChecked(`${H}const s = '😀😀'; const ü = ones([1]);\n`);
    assert.deepStrictEqual([binding(trace, 'ü').column, binding(trace, 'ü').endColumn], [25, 26]);
  });

  it('the entry point never throws, whatever it is given', () => {
    const inputs: unknown[] = ['', '\u0000', '}}}{{{', 'const', '@@@', 'class { constructor( }', `${H}ones(`, 'x'.repeat(1000)];
    for (const s of inputs) assert.doesNotThrow(() => analyzeChecked(String(s)));
    assert.doesNotThrow(() => analyze(undefined as unknown as string));
  });
});
