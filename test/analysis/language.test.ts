/**
 * The language of PyTorch ports (issue 15): classes with inheritance, static and private members and
 * accessors; Set and Map; try/catch/finally and throw; destructuring everywhere. Each sample is
 * analysed and also run for real (bundled with esbuild, gradlens resolved to the engine): the console
 * output must agree, and the analysis must report nothing but infos.
 */
import * as assert from 'assert';
import { analyzeChecked, errors, logTexts, runInProcess } from './helpers';

interface Row {
  title: string;
  code: string;
  /** Codes of the warnings the sample rightly gets (default none). */
  warns?: string[];
}

const H = `import { tensor, nn, noGrad, ShapeError } from 'gradlens';\n`;

const CLASSES: Row[] = [
  {
    title: 'extends, super(...) and super.method(), overriding, instanceof',
    code: `class Shape { constructor(public name: string) {} area() { return 0; } describe() { return \`\${this.name}: \${this.area()}\`; } }
class Rect extends Shape { constructor(public w: number, public h: number) { super('rect'); } override area() { return this.w * this.h; } }
class Square extends Rect { constructor(s: number) { super(s, s); this.name = 'square'; } override describe() { return super.describe() + '!'; } }
const q = new Square(3);
console.log(q.describe(), new Rect(2, 5).describe(), q instanceof Rect, q instanceof Shape, new Shape('s') instanceof Square);`,
  },
  {
    title: 'field order: parameter properties, then fields; a derived class after super()',
    code: `class A { x = 1; y!: number; constructor(public p: number) { this.z = 3; } z: number; }
class B extends A { w = 2; constructor(public q: number) { super(q); this.v = 1; } v: number; }
class C extends A { k = 5; }
console.log(Object.keys(new A(1)), Object.keys(new B(2)), Object.keys(new C(3)), JSON.stringify(new B(4)));`,
  },
  {
    title: 'static fields, methods, blocks and inheritance of statics; the class name inside its body',
    code: `class Counter { static count = 0; static #hidden = 10; static step = Counter.count + 2; static { Counter.count = Counter.step * 10; }
  static next() { return ++this.count + Counter.#hidden; } static get twice() { return Counter.count * 2; } }
class Sub extends Counter { static extra = Sub.step + 1; }
console.log(Counter.count, Counter.next(), Counter.twice, Sub.next(), Sub.extra, Sub.step, Sub.count, Counter.name, Sub.name);`,
  },
  {
    title: 'getters and setters, inherited',
    code: `class Temp { #c = 0; get celsius() { return this.#c; } set celsius(v: number) { this.#c = Math.round(v); } get f() { return this.#c * 9 / 5 + 32; } }
class Named extends Temp { label = 'room'; }
const t = new Named(); t.celsius = 21.6;
console.log(t.celsius, t.f, Object.keys(t));`,
  },
  {
    title: 'private fields and methods are per class and invisible to keys and JSON',
    code: `class Base { #v = 1; getBase() { return this.#v; } }
class Derived extends Base { #v = 2; #twice() { return this.#v * 2; } getDerived() { return this.#twice(); } }
const d = new Derived();
console.log(d.getBase(), d.getDerived(), Object.keys(d), JSON.stringify(d), d);`,
  },
  {
    title: "class expressions take their variable's name; methods see the class by name",
    code: `const Point = class { constructor(public x: number, public y: number) {} static origin() { return new Point(0, 0); } norm() { return Math.hypot(this.x, this.y); } };
console.log(Point.name, Point.origin().norm(), new Point(3, 4).norm());`,
  },
];

const COLLECTIONS: Row[] = [
  {
    title: 'Set: from an iterable, add/has/delete/clear, size, iteration, spread, Array.from',
    code: `const s = new Set([3, 1, 3, 2]); s.add(5).add(1); s.delete(3);
const seen: number[] = []; for (const x of s) seen.push(x); s.forEach((v, same) => seen.push(v * 100 + same));
console.log(s.size, s.has(1), s.has(3), [...s], Array.from(s, (x) => x * 10), seen, new Set('hello').size);
s.clear(); console.log(s.size, s);`,
  },
  {
    title: 'Map: from entries, get/set/has/delete, keys/values/entries, forEach, for...of destructuring',
    code: `const m = new Map<string, number>([['a', 1], ['b', 2]]); m.set('c', 3).set('a', 10); m.delete('b');
const out: string[] = []; m.forEach((v, k) => out.push(k + v));
for (const [k, v] of m) out.push(\`\${k}=\${v}\`);
console.log(m.size, m.get('a'), m.get('zz'), m.has('c'), [...m.keys()], [...m.values()], [...m.entries()], out, new Map(m).size);`,
  },
  {
    title: 'a character vocabulary as a port builds it: string spread, a Map of counts, sort with a comparator',
    code: `const words = ['emma', 'olivia', 'ava'];
const chars = [...new Set(words.join(''))].sort();
const stoi = new Map(chars.map((c, i) => [c, i + 1] as [string, number]));
const counts = new Map<string, number>();
for (const w of words) for (const [a, b] of [...['.', ...w]].map((c, i, all) => [c, all[i + 1] ?? '.'])) counts.set(a + b, (counts.get(a + b) ?? 0) + 1);
console.log(chars.join(''), stoi.get('v'), [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3), Array.from('abc'), Array.from(stoi).length);`,
  },
  {
    title: 'printing Sets, Maps and iterators as Node does; String() and JSON of them',
    code: `const m = new Map([[1, 'x']]); const s = new Set(['a']);
const it = new Set([1, 2, 3]).values(); it.next();
console.log(s, m, m.keys(), m.entries(), s.entries(), it, String(s), \`\${m}\`, JSON.stringify({ s, m }));`,
  },
];

const ERRORS: Row[] = [
  {
    title: 'a throw in a called function jumps to the nearest catch; finally always runs',
    code: `function risky(n: number) { if (n > 2) throw new Error(\`too big: \${n}\`); return n * 2; }
const log: string[] = [];
for (const n of [1, 3, 2]) { try { log.push(String(risky(n))); log.push('after'); } catch (e) { log.push('caught ' + (e as Error).message); } finally { log.push('finally'); } }
console.log(log);`,
  },
  {
    title: 'an engine error is caught with its name and message; the rest of the try block does not run',
    code: H + `const x = tensor([1, 2, 3]);
let state = 'start';
try { x.view(2, 2); state = 'viewed'; } catch (e) { console.log((e as Error).name, (e as Error).message, e instanceof Error, e instanceof ShapeError); }
console.log(state);`,
  },
  {
    title: 'an error inside a callback (an array method, noGrad) reaches the catch around it',
    code: H + `function first() { try { [1, 2].map((v) => { if (v === 2) throw new RangeError('two'); return v; }); return 'none'; } catch (e) { return (e as Error).name; } }
function second() { try { return noGrad(() => tensor([1, 2]).matmul(tensor([1, 2, 3]))).item(); } catch (e) { return 'caught ' + (e as Error).name; } }
console.log(first(), second());`,
  },
  {
    title: 'a TypeError the real run throws is caught: reading a property of undefined, calling a non-function',
    code: `const o: any = { a: undefined };
const got: string[] = [];
try { o.a.b; } catch (e) { got.push((e as Error).message); }
try { o.nope(); } catch (e) { got.push(String(e)); }
console.log(got);`,
  },
  {
    title: 'catch with destructuring, rethrow to an outer try, finally keeps the returned value',
    code: `function g() { try { throw new TypeError('bad'); } catch ({ name, message }) { return \`\${name}/\${message}\`; } }
function h() { try { return 'from try'; } finally { g(); } }
let outer = '';
try { try { throw new Error('inner'); } catch (e) { throw new Error('re: ' + (e as Error).message); } finally { outer += 'finally;'; } } catch (e) { outer += (e as Error).message; }
console.log(g(), h(), outer, String(new RangeError('r')), new Error().message === '');`,
  },
  {
    title: "any value of the file can be thrown and caught",
    code: `let v: unknown;
try { throw { code: 7 }; } catch (e) { v = (e as { code: number }).code; }
let w: unknown;
try { throw 'plain string'; } catch (e) { w = e; }
console.log(v, w);`,
  },
];

const DESTRUCTURING: Row[] = [
  {
    title: 'parameters: nested patterns, defaults, object and array rest',
    code: `function f({ a, b: { c = 5, ...restB } = {} as any, ...rest }: any, [p, , q = 9, ...more]: number[] = []) { return [a, c, restB, rest, p, q, more]; }
console.log(f({ a: 1, b: { c: 2, d: 3 }, z: 7 }, [1, 2, undefined, 4, 5]), f({ a: 0 }));`,
  },
  {
    title: 'computed keys, assignment patterns, swaps, for...of over existing variables',
    code: `const key = 'dyn';
const { [key]: dynamic, ['x' + 1]: x1 = 'def' } = { dyn: 42 } as any;
let a = 1, b = 2; [a, b] = [b, a];
let o: any; let first: any;
({ a: first = 'dflt', ...o } = { a: undefined, k: 3 } as any);
let k = '', v = 0; const seen: string[] = [];
for ([k, v] of [['x', 1], ['y', 2]] as [string, number][]) seen.push(k + v);
console.log(dynamic, x1, a, b, first, o, seen, k, v);`,
  },
  {
    title: 'for...of and array patterns over strings, Sets and Map entries',
    code: `for (const { length, 0: c0 } of ['ab', 'cde']) console.log(length, c0);
const [h, ...tail] = 'hey'; const [s1, s2 = 'none'] = new Set(['only']);
const [[n1, n2], { deep: [d1] }] = [[1, 2], { deep: [3] }];
console.log(h, tail, s1, s2, n1, n2, d1);`,
  },
];

const MODULES: Row[] = [
  {
    title: 'a file class extending nn.Module: registration order, train/eval, printing, zeroGrad',
    code: H + `class Block extends nn.Module { scale = nn.Parameter(tensor([1.0, 2.0])); inner = new nn.Linear(2, 2); plain = tensor([1.0], { requiresGrad: true });
  override forward(x: any) { return this.inner.forward(x.mul(this.scale)); } }
class Net extends nn.Module { first = new nn.Linear(2, 2); block: Block; drop = new nn.Dropout(0.5);
  constructor() { super(); this.block = new Block(); }
  override forward(x: any) { return this.block.forward(this.first.forward(x)); } }
const net = new Net();
console.log(net.namedParameters().map(([n, p]) => n + ':' + p.shape.join('x')), net.children().length, net.modules().length);
net.eval(); console.log(net.training, net.block.training, net.drop.training);
net.train(); console.log(net.drop.training);
net.forward(tensor([[1.0, 2.0]])).sum().backward();
console.log(net.parameters().every((p) => p.grad !== null));
net.zeroGrad(); console.log(net.parameters().map((p) => p.grad));
console.log(net); console.log(\`\${new nn.Sequential(new nn.Linear(1, 1), new nn.GELU())}\`, net instanceof nn.Module, net.first instanceof nn.Linear);`,
    // `plain` requires grad and forward() never uses it
    warns: ['unused-leaf'],
  },
  {
    title: 'overriding train() and calling super.train(); a module without forward',
    code: H + `class Frozen extends nn.Module { inner = new nn.Linear(1, 1); calls = 0;
  override train(mode = true) { this.calls++; return super.train(mode); } }
class Outer extends nn.Module { f = new Frozen(); }
const o = new Outer(); o.eval(); o.train();
let message = '';
try { o.forward(tensor([1.0])); } catch (e) { message = (e as Error).message; }
console.log(o.f.calls, o.f.training, o.f.inner.training, message);`,
  },
];

function rows(title: string, list: Row[]): void {
  describe(`analysis: ${title}, each sample against a real run`, function () {
    this.timeout(20000);
    for (const row of list) {
      it(row.title, async () => {
        const trace = analyzeChecked(row.code);
        const real = await runInProcess(row.code);
        assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code), row.warns ?? [], 'no other diagnostics');
        assert.deepStrictEqual(logTexts(trace), real);
      });
    }
  });
}

rows('classes', CLASSES);
rows('Set and Map', COLLECTIONS);
rows('try, catch, finally and throw', ERRORS);
rows('destructuring', DESTRUCTURING);
rows('nn.Module subclasses', MODULES);

describe('analysis: what stays out of the subset is reported at its range', () => {
  const cases: [string, string, RegExp, number][] = [
    ['for...in', "const o = { a: 1 };\nfor (const k in o) console.log(k);\n", /for in statement/, 2],
    ["'in'", "const o = { a: 1 };\nconst has = 'a' in o;\n", /'in'/, 2],
    ['extending Error', "const x = 1;\nclass MyError extends Error {}\n", /extending Error/, 2],
    ['a computed class member name', "const k = 'm';\nclass C { [k]() { return 1; } }\n", /computed class member name/, 2],
  ];
  for (const [what, code, says, line] of cases) {
    it(what, () => {
      const trace = analyzeChecked(code);
      const d = trace.diagnostics.find((x) => says.test(x.message));
      assert.ok(d, `a diagnostic saying ${says}; got ${JSON.stringify(trace.diagnostics.map((x) => x.message))}`);
      assert.strictEqual(d.line, line, 'on the line of the construct');
    });
  }
});

describe('analysis: a throw nothing catches', () => {
  it('ends the run at the throw with a diagnostic, as the real run ends', async () => {
    const code = `function check(n: number) { if (n < 0) throw new RangeError('negative: ' + n); return n; }\nconsole.log('before', check(1));\ncheck(-2);\nconsole.log('never');\n`;
    const trace = analyzeChecked(code);
    assert.deepStrictEqual(logTexts(trace), ['before 1']);
    const [e] = errors(trace);
    assert.ok(e, 'an error diagnostic');
    assert.strictEqual(e.line, 1, 'at the throw statement');
    assert.match(e.message, /^Uncaught RangeError: negative: -2/);
    await assert.rejects(runInProcess(code), /negative: -2/);
  });
});
