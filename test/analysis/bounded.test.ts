/**
 * Every run bounded (issue 11): deep nesting, the compute and time budgets, console capture, and internal
 * errors each stop at a named limit with a diagnostic at a range; what was evaluated before it stays.
 */
import * as assert from 'assert';
import { format } from 'util';
import { analyzeChecked, binding } from './helpers';
import { analyze } from '../../extension/analysis';
import * as graphModule from '../../extension/analysis/graph';
import * as expressions from '../../extension/analysis/expressions';
import type { Diagnostic, Trace } from '../../extension/analysis/trace';

const H = `import { ones, zeros, randn, F, Tensor } from 'gradlens';\nconst a = ones([2]).mul(3);\n`;
const AFTER = `\nconst after = a.add(1);\n`;

function only(trace: Trace, code: Diagnostic['code']): Diagnostic {
  const ds = trace.diagnostics.filter((d) => d.code === code && d.severity === 'error');
  assert.strictEqual(ds.length, 1, JSON.stringify(trace.diagnostics));
  return ds[0];
}

function noInternalError(trace: Trace): void {
  assert.ok(!trace.diagnostics.some((d) => d.message.includes('Internal analyzer error')), JSON.stringify(trace.diagnostics));
}

/** Line 3 (after H) holds the hostile construct; the column is where the depth passes 256. */
const NESTING: [string, string, number][] = [
  ['1,000 nested parentheses', `const x = ${'('.repeat(1000)}1${')'.repeat(1000)};`, 267],
  ['2,000 nested blocks', `${'{'.repeat(2000)}${'}'.repeat(2000)}`, 257],
  ['2,000 nested calls', `const y = ${'a.add('.repeat(2000)}1${')'.repeat(2000)};`, 10 + 6 * 257],
  ['2,000 nested ternaries', `const y = ${'true ? '.repeat(2000)}1${' : 0'.repeat(2000)};`, 10 + 7 * 256 + 6],
  ['5,000 curried arrows (256 arrows, then the parenthesis of the next)', `const g = ${'() => '.repeat(5000)}1;`, 11 + 6 * 256],
  ['2,000 nested arrays', `const z = ${'['.repeat(2000)}1${']'.repeat(2000)};`, 267],
];

describe('analysis: nesting too deep is cut before parsing', function () {
  this.timeout(30000);
  for (const [what, code, column] of NESTING) {
    it(`${what}: a budget diagnostic at the level that passed 256; the lines above and below are analysed`, () => {
      const trace = analyzeChecked(H + code + AFTER);
      noInternalError(trace);
      const d = only(trace, 'budget');
      assert.deepStrictEqual([d.line, d.column, d.endLine, d.endColumn], [3, column, 3, column + 1]);
      assert.match(d.message, /^Nested more than 256 levels deep .*: line 3 is not analysed$/);
      assert.deepStrictEqual(binding(trace, 'a').value?.data, [3, 3]);
      assert.deepStrictEqual(binding(trace, 'after').value?.data, [4, 4]);
    });
  }

  it('5,000 else-ifs (a quarter level each): cut inside the 1,021st (1,021 / 4 + its parenthesis > 256), from the if to the end of the chain', () => {
    const trace = analyzeChecked(`${H}let v = 0;\nif (v > 1) v = 1;\n${'else if (v > 1) v = 1;\n'.repeat(5000)}else v = 2;${AFTER}`);
    noInternalError(trace);
    const d = only(trace, 'budget');
    assert.deepStrictEqual([d.line, d.column, d.message], [4 + 1021, 9, 'Nested more than 256 levels deep (brackets, blocks, ternaries, arrow functions): lines 4-5005 are not analysed']);
    assert.deepStrictEqual(binding(trace, 'after').value?.data, [4, 4]);
  });

  it('nesting the scan does not count (5,000 nested generic types) is cut where the parser overflows; the lines above stay', () => {
    const trace = analyzeChecked(`${H}type T = ${'Array<'.repeat(5000)}number${'>'.repeat(5000)};${AFTER}`);
    noInternalError(trace);
    const d = only(trace, 'budget');
    assert.strictEqual(d.line, 3);
    assert.strictEqual(d.message, 'Too deeply nested for the parser from here on: lines 3-5 are not analysed');
    assert.deepStrictEqual(binding(trace, 'a').value?.data, [3, 3]);
  });

  it('the interpreter\'s own stack overflow (a 20,000-term sum) is reported at the deepest node it reached', () => {
    const trace = analyzeChecked(`${H}const n = 1${' + 1'.repeat(20000)};${AFTER}`);
    noInternalError(trace);
    const d = only(trace, 'budget');
    assert.match(d.message, /JavaScript stack ran out here/);
    // a left-nested sum: the deepest node reached is one of its inner sums, which start at its first operand
    assert.deepStrictEqual([d.line, d.column], [3, 11]);
    assert.deepStrictEqual(binding(trace, 'a').value?.data, [3, 3]);
  });

  it('an ordinary file is not touched by the scan (no cut, same trace)', () => {
    const code = `${H}const f = (x: number) => (y: number) => x > y ? (x > 2 * y ? [[x]] : [[y]]) : [[0]];\nconst r = f(3)(1);\n`;
    const trace = analyzeChecked(code);
    assert.deepStrictEqual(trace.diagnostics, []);
  });
});

describe('analysis: budgets say which budget and what to raise', function () {
  this.timeout(30000);
  it('a 1e6-element array literal runs out of steps without being called an endless loop', () => {
    const trace = analyzeChecked(`${H}const xs = [${'1,'.repeat(1e6)}];${AFTER}`);
    const d = only(trace, 'budget');
    assert.strictEqual(d.line, 3);
    assert.doesNotMatch(d.message, /endless loop/);
    assert.match(d.message, /^Step budget of 200,000 steps used up here .*gradlens\.budget\.maxSteps .*--max-steps/);
    assert.deepStrictEqual(binding(trace, 'a').value?.data, [3, 3]);
  });

  it('a loop that runs out of steps is named with its line, in its condition as in its body', () => {
    for (const loop of ['let n = 0;\nwhile (true) n++;', 'let n = 0;\nfor (let i = 0; i >= 0; i++) { n += 1; }', 'let n = 0;\ndo { n++; } while (n > 0);']) {
      const d = only(analyzeChecked(`${H}${loop}\n`, { maxSteps: 5000 }), 'budget');
      assert.match(d.message, /^Step budget of 5,000 steps used up in the loop at line 4 \(an endless loop\?\); analysis stopped/, loop);
    }
  });

  it('a conv over the compute budget is refused before it runs, at its call; later lines still run', () => {
    const trace = analyzeChecked(`${H}const x = randn([8, 16, 128, 128]);\nconst w = randn([32, 16, 3, 3]);\nconst y = F.conv2d(x, w);${AFTER}`);
    const d = only(trace, 'budget');
    assert.deepStrictEqual([d.line, d.column], [5, 11]);
    assert.match(d.message, /^\[conv2d\] needs 585,252,864 units of work, over the compute budget of 500,000,000 .*maxCompute/);
    assert.ok(binding(trace, 'y').unknown);
    assert.deepStrictEqual(binding(trace, 'after').value?.data, [4, 4]);
    assert.ok(trace.stats?.compute !== undefined && trace.stats.compute < 500_000_000, JSON.stringify(trace.stats));
  });

  it('the compute budget is an option, and the trace counts what was used', () => {
    const code = `${H}const b = ones([10, 10]);\nconst s = b.sum();\n`;
    const full = analyzeChecked(code);
    // a (2) + a.mul (2) + b (100) + reading b in sum (100) + its result (1)
    assert.strictEqual(full.stats?.compute, 205);
    const tight = analyzeChecked(code, { maxCompute: 150 });
    assert.ok(binding(tight, 's').unknown);
    assert.strictEqual(only(tight, 'budget').line, 4);
  });

  it('repeat to 10^9 elements is refused before its index map is built (it took 25 s), at its call; later lines still run', () => {
    const t0 = Date.now();
    const trace = analyzeChecked(`${H}const r = a.repeat([5e8]);${AFTER}`);
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
    const d = only(trace, 'budget');
    assert.strictEqual(d.line, 3);
    assert.match(d.message, /^\[repeat\] allocating 1000000000 elements would exceed the element budget/);
    assert.ok(binding(trace, 'r').unknown);
    assert.deepStrictEqual(binding(trace, 'after').value?.data, [4, 4]);
  });

  it('flat of an array holding itself 25 levels deep (2^25 items) is refused before it is built (it took 10-30 s)', () => {
    const t0 = Date.now();
    const trace = analyzeChecked(`let o: any = [1];\nfor (let i = 0; i < 25; i++) o = [o, o];\nconsole.log(o.flat(2).length);\nconst f = o.flat(Infinity);\n`);
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
    assert.match(only(trace, 'runtime').message, /^flat: array longer than 1000000 elements/);
    assert.strictEqual(only(trace, 'runtime').line, 4);
    assert.deepStrictEqual(trace.logs.map((l) => l.text), ['8']);
  });

  it('builtins that scan an array or string are charged per item: a loop of indexOf meets the compute budget, not the clock', () => {
    const trace = analyzeChecked(`const a = new Array(1e6).fill(0);\nfor (let i = 0; i < 10000; i++) a.indexOf(1);\n`, { maxCompute: 5e7, maxTimeMs: 600_000 });
    const d = only(trace, 'budget');
    assert.strictEqual(d.line, 2);
    assert.match(d.message, /^Compute budget of 50,000,000 units used up: indexOf needs 1,000,00\d more/);
  });

  it('a builtin that does much work reads the clock itself: big slices stop at the time budget before 1,024 steps', () => {
    const trace = analyzeChecked(`const a = new Array(1e6).fill(0);\nfor (;;) a.slice();\n`, { maxTimeMs: 1, maxSteps: 1e9 });
    const d = only(trace, 'budget');
    assert.match(d.message, /^Time budget of 1 ms used up here/);
    assert.ok(trace.stats !== undefined && trace.stats.steps < 1024, JSON.stringify(trace.stats));
  });

  it('new Tensor(data, [1e9]) allocates nothing: the file may not construct tensors directly (the engine charges it too)', () => {
    const trace = analyzeChecked(`${H}const t = new Tensor([1, 2], [1e9]);${AFTER}`);
    const d = trace.diagnostics.find((x) => x.line === 3);
    assert.ok(d && d.code === 'unsupported', JSON.stringify(trace.diagnostics));
    assert.ok(binding(trace, 't').unknown);
    assert.strictEqual(trace.stats?.elements, 6, 'ones([2]), .mul(3) and a.add(1): 2 elements each');
    assert.deepStrictEqual(binding(trace, 'after').value?.data, [4, 4]);
  });

  it('the wall-clock backstop ends a run that is still going, at the node it reached', () => {
    const trace = analyzeChecked(`${H}let n = 0;\nwhile (true) n++;\n`, { maxTimeMs: 1, maxSteps: 1e9 });
    const d = only(trace, 'budget');
    assert.strictEqual(d.line, 4);
    assert.match(d.message, /^Time budget of 1 ms used up here .*--max-time-ms/);
    assert.ok(trace.stats && trace.stats.steps % 1024 === 0, 'the clock is read every 1024 steps');
  });
});

describe('analysis: console capture is bounded', function () {
  this.timeout(30000);
  it('a 100,000-item array printed 1,000 times formats 102 items a line (compute counted), same text as Node', () => {
    const trace = analyzeChecked(`const big = Array.from({ length: 100000 }, (_, i) => i);\nfor (let i = 0; i < 1000; i++) console.log(big);\n`);
    assert.strictEqual(trace.logs.length, 1000);
    assert.strictEqual(trace.logs[999].text, format(Array.from({ length: 100000 }, (_, i) => i)));
    // per line: the array and its 102 copied items, 200 units each
    // each line: 103 values at 200 units; building the array: its 100,000 elements + 1
    assert.strictEqual(trace.stats?.compute, 1000 * 103 * 200 + 100001);
  });

  it('a line of more than 20,000 values is not captured (and says so)', () => {
    // Node would print 100 × 100 × 100 numbers here (inspect's depth 2)
    const trace = analyzeChecked(`const row = Array.from({ length: 200 }, (_, i) => i);\nconst m = Array.from({ length: 200 }, () => row);\nconsole.log(Array.from({ length: 200 }, () => m));\n`);
    assert.deepStrictEqual(trace.logs.map((l) => l.text), ['[console output of more than 20,000 values is not captured]']);
  });

  it('a huge string is cut before it is joined; the kept text is its first 10,000 characters', () => {
    const trace = analyzeChecked(`const s = 'ab'.repeat(100000);\nconsole.log(s, s);\n`);
    assert.strictEqual(trace.logs[0].text, `${'ab'.repeat(5000)}…`);
  });
});

describe('analysis: an internal error names its range and keeps the rest of the trace', function () {
  this.timeout(30000);
  /** Replaces a module's export for one call (the compiled modules read exports at each call). */
  function patched<M extends object, K extends keyof M>(mod: M, key: K, value: M[K], fn: () => void): void {
    const saved = mod[key];
    Object.defineProperty(mod, key, { value, configurable: true, writable: true });
    try {
      fn();
    } finally {
      Object.defineProperty(mod, key, { value: saved, configurable: true, writable: true });
    }
  }

  it('a failure while evaluating is reported at the statement it struck; bindings made before it stay', () => {
    const evalExpr = expressions.evalExpr;
    patched(expressions, 'evalExpr', ((ctx, node, scope) => {
      if (node.getText(ctx.sf) === 'boom()') throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return evalExpr(ctx, node, scope);
    }) as typeof evalExpr, () => {
      const trace = analyze(`${H}const b = a.mul(2);\nconst c = boom();\n`);
      const d = only(trace, 'runtime');
      assert.strictEqual(d.line, 4);
      assert.match(d.message, /^Internal analyzer error: Cannot read properties/);
      assert.deepStrictEqual(binding(trace, 'b').value?.data, [6, 6]);
    });
  });

  it('a failure while building the graph is reported at the target; bindings, values and gradients stay', () => {
    patched(graphModule, 'buildGraph', (() => {
      throw new Error('graph failed');
    }) as typeof graphModule.buildGraph, () => {
      const trace = analyze(`import { tensor } from 'gradlens';\nconst x = tensor(2.0, { requiresGrad: true });\nconst y = x.mul(x);\ny.backward();\n`);
      const d = only(trace, 'runtime');
      assert.deepStrictEqual([d.line, d.message], [3, 'Internal analyzer error while building the graph: graph failed']);
      assert.deepStrictEqual(binding(trace, 'x').grad?.data, [4]);
      assert.deepStrictEqual(trace.graph.nodes, []);
    });
  });
});

describe('analysis: CR-only and mixed line endings', () => {
  it('bindings and diagnostics are on the lines an editor shows', () => {
    const trace = analyzeChecked(`import { ones } from 'gradlens';\rconst a = ones([2]);\r\nconst b = a.add(1);\nconst c = a.matmul(ones([3, 3]));\r`);
    assert.strictEqual(binding(trace, 'a').line, 2);
    assert.strictEqual(binding(trace, 'b').line, 3);
    assert.strictEqual(trace.diagnostics.find((d) => d.code === 'shape')?.line, 4);
  });
});

describe('analysis: progress for a host that may lose the run', () => {
  it('the run writes where it is into shared memory, every step', () => {
    const progress = new Int32Array(new SharedArrayBuffer(8));
    const code = `${H}const b = a.mul(2);\n`;
    analyze(code, {}, { progress });
    const last = code.slice(progress[0], progress[1]);
    assert.ok(progress[1] > code.indexOf('const b') && /a|mul|2/.test(last), `last node: ${JSON.stringify(last)}`);
  });
});
