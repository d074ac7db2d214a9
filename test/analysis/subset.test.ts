/**
 * The interpreted subset (extension/analysis/README.md), one row per feature: each sample is analysed and also run for real
 * (bundled with esbuild, gradlens resolved to the engine); what console.log prints must agree.
 */
import * as assert from 'assert';
import { analyzeChecked, logTexts, runInProcess } from './helpers';

interface Row {
  title: string;
  code: string;
}

const ROWS: Row[] = [
  { title: 'arithmetic and precedence', code: `console.log(1 + 2 * 3, 7 % 3, 2 ** 10, -5 / 2, 10 - 3 - 2, (1 + 2) * 3, 0.1 + 0.2);` },
  { title: 'bitwise and unary', code: `console.log(5 & 3, 5 | 3, 5 ^ 3, 1 << 4, -16 >> 2, -16 >>> 28, ~5, +'3', -'2');` },
  { title: 'strings and template literals', code: "const n = 3;\nconsole.log('a' + 1, `x=${n + 1}!`, 'ab'.toUpperCase(), 'abc'.length, 'a,b'.split(','), 'x'.padStart(3, '-'));" },
  { title: 'comparisons and logical operators', code: `console.log(1 < 2, 2 <= 1, 'a' === 'a', 1 !== 1, null ?? 5, 0 || 'x', 1 && 2, !0, 3 > 2 && 2 > 1);` },
  { title: 'Math', code: `console.log(Math.max(1, 5, 3), Math.sqrt(16), Math.PI.toFixed(3), Math.floor(-1.5), Math.abs(-2), Math.exp(1), Math.hypot(3, 4));` },
  { title: 'let, reassignment and compound assignment', code: `let x = 1; x += 2; x *= 3; x--; x -= 1; x /= 2; x **= 2; ++x; console.log(x);` },
  { title: 'if / else if / else', code: `for (const v of [-1, 0, 1]) { if (v < 0) console.log('neg'); else if (v === 0) console.log('zero'); else { console.log('pos'); } }` },
  { title: 'for with break and continue', code: `let s = 0; for (let i = 0; i < 10; i++) { if (i === 2) continue; if (i === 6) break; s += i; } console.log(s);` },
  { title: 'while and do', code: `let i = 0; while (i < 5) i += 2; let j = 10; do { j--; } while (j > 7); console.log(i, j);` },
  { title: 'for...of with destructuring and entries', code: `for (const [i, w] of ['a', 'b'].entries()) console.log(i, w); for (const { k, v = 9 } of [{ k: 1 }, { k: 2, v: 3 }]) console.log(k, v);` },
  { title: 'function declarations are hoisted; recursion', code: `console.log(fact(5), fib(12)); function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1); } function fib(n: number): number { return n < 2 ? n : fib(n - 1) + fib(n - 2); }` },
  { title: 'default and rest parameters', code: `function f(a: number, b = a * 2, ...rest: number[]) { return [a, b, rest.length]; } console.log(f(1), f(1, 5, 7, 8));` },
  { title: 'closures keep their own state', code: `function counter() { let n = 0; return () => ++n; } const c1 = counter(); const c2 = counter(); c1(); c1(); console.log(c1(), c2());` },
  { title: 'arrow functions and array methods', code: `const xs = [3, 1, 4, 1, 5]; console.log(xs.map((x) => x * 2), xs.filter((x) => x > 2), xs.reduce((a, b) => a + b, 0), xs.some((x) => x > 4), xs.indexOf(4), xs.slice(1, 3), xs.join('-'));` },
  { title: 'array mutation', code: `const a: number[] = []; a.push(1, 2); a.push(3); a[5] = 6; const last = a.pop(); console.log(a.length, last, a.includes(2), [1, [2, [3]]].flat());` },
  { title: 'objects: shorthand, spread, nested access', code: `const k = 2; const o = { a: 1, k, nested: { deep: [10, 20] } }; const p = { ...o, a: 5 }; console.log(o.nested.deep[1], p.a, p.k, o['a']);` },
  { title: 'destructuring with defaults and rest', code: `const [a, , b = 7, ...r] = [1, 2, undefined, 4, 5]; const { x, y: why = 3 } = { x: 1 }; console.log(a, b, r, x, why);` },
  { title: 'classes: fields, constructor, methods, this', code: `class Acc { total = 0; constructor(public step: number) {} add(n: number) { this.total += n * this.step; return this; } get2() { return this.total; } } const acc = new Acc(2); acc.add(1).add(3); console.log(acc.get2(), acc.step);` },
  { title: 'class getters', code: `class Sq { constructor(public n: number) {} get area() { return this.n * this.n; } } const q = new Sq(3); console.log(q.area, new Sq(4).area);` },
  { title: 'ternaries nest', code: `const grade = (s: number) => (s > 90 ? 'A' : s > 80 ? 'B' : 'C'); console.log(grade(95), grade(85), grade(10));` },
  { title: 'switch with fall-through and default', code: `function name(n: number) { switch (n) { case 1: return 'one'; case 2: case 3: return 'few'; default: return 'many'; } } console.log(name(1), name(3), name(9));` },
  { title: 'types, casts, non-null and optional chaining are transparent', code: `interface P { x?: { y: number } } type N = number; const p: P = { x: { y: 2 } }; const q = {} as P; const n: N = p.x!.y as number; console.log(n, q.x?.y, p.x?.y, (p satisfies P).x?.y);` },
  { title: 'typeof and void', code: `console.log(typeof 1, typeof 'a', typeof undefined, typeof null, typeof (() => 1), void 0);` },
  { title: 'Array.from, Number and JSON', code: `console.log(Array.from({ length: 3 }, (_, i) => i * i), Number('4.5'), Number.isInteger(4), JSON.stringify({ a: [1, 2] }), String(12), parseInt('42px'));` },
  { title: 'console.log formats like Node', code: `console.log([1, 'a', [true, null]], { a: { b: { c: {} } } }, 'text', -0, [undefined]);` },
  { title: 'Object.keys, values, entries, fromEntries', code: `const o = { a: 1, b: [2] }; console.log(Object.keys(o), Object.values(o), Object.entries(o), Object.fromEntries([['x', 1]]), Object.keys([5, 6]));` },
  { title: 'console.log format strings', code: `console.log('%d items at %s: %o', 3, 'noon', [1], 'extra'); console.log('100%');` },
  { title: 'functions as values and callbacks', code: `const apply = (f: (x: number) => number, x: number) => f(x); const sq = function (x: number) { return x * x; }; console.log(apply(sq, 7), [1, 2].map(sq));` },
  { title: 'enums (numeric, with initialisers, reverse mapping; string members)', code: `enum Mode { Train, Eval = 5, Test } enum Dir { Up = 'UP' } console.log(Mode.Train, Mode.Test, Mode[5], Dir.Up);` },
  { title: 'Array(n) and new Array(...)', code: `console.log(Array(3).fill(0), new Array(2), new Array(1, 2, 3).length, Array.from('ab'));` },
  { title: 'for (let ...) gives each iteration its own variable', code: `const fs: (() => number)[] = []; for (let i = 0; i < 3; i++) fs.push(() => i); var gs: (() => number)[] = []; for (var j = 0; j < 3; j++) gs.push(() => j); console.log(fs.map((f) => f()), gs.map((g) => g()));` },
  { title: 'early return inside loops', code: `function find(xs: number[], t: number) { for (const [i, x] of xs.entries()) { if (x === t) return i; } return -1; } console.log(find([5, 6, 7], 7), find([1], 3));` },
];

describe('analysis: the subset, each sample against a real run', function () {
  this.timeout(20000);
  for (const row of ROWS) {
    it(row.title, async () => {
      const trace = analyzeChecked(row.code);
      const real = await runInProcess(row.code);
      assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity !== 'info'), [], 'no diagnostics');
      assert.deepStrictEqual(logTexts(trace), real);
    });
  }
});
