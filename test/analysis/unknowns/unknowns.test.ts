/**
 * "Never a wrong number" as a property: take the examples and real-style files, hide a random
 * sub-expression from the analyzer behind `opaque(...)` (the identity function from a module it does
 * not load), and check every value the trace still shows against a real run of the same file: each
 * binding's value when its line ran, its value at the end of the file, a leaf's `.grad`, and the
 * console output. What the analyzer cannot know must be shown as unknown, never as a default.
 * `GRADLENS_UNKNOWN_MUTANTS=N` runs N mutants per file (seeded by `GRADLENS_UNKNOWN_SEED`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { analyze } from '../../../extension/analysis';
import type { Binding, JsonNumber, Trace, ValueSnapshot } from '../../../extension/analysis/trace';
import { ROOT, rng } from '../helpers';
import { isRunTensor, plainValue, runProbed, type Probed } from './real-run';

const MUTANTS = Number(process.env.GRADLENS_UNKNOWN_MUTANTS ?? 6);
const SEED = Number(process.env.GRADLENS_UNKNOWN_SEED ?? 12);

const CORPUS = [
  ...['seed.ts', 'broadcasting-reductions.ts', 'mlp-cross-entropy.ts', 'second-derivative.ts', 'training-loop.ts', 'workbench.ts',
    'custom-module.ts', 'sequential-model.ts']
    .map((f) => path.join('examples', f)),
  ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'real-style')).filter((f) => f.endsWith('.ts')).map((f) => path.join('test', 'fixtures', 'real-style', f)),
];

const SK = ts.SyntaxKind;
const WRAPPABLE = new Set([
  SK.Identifier, SK.NumericLiteral, SK.StringLiteral, SK.ArrayLiteralExpression, SK.ObjectLiteralExpression, SK.CallExpression,
  SK.PropertyAccessExpression, SK.ElementAccessExpression, SK.BinaryExpression, SK.ConditionalExpression, SK.TemplateExpression,
  SK.PrefixUnaryExpression, SK.TrueKeyword, SK.FalseKeyword, SK.ThisKeyword, SK.NewExpression,
]);

/** Expressions that can be replaced by `opaque(expr)` without changing what the program does. */
function wrappable(n: ts.Node): boolean {
  const p = n.parent;
  if (!WRAPPABLE.has(n.kind) || !p) return false;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind >= SK.FirstAssignment && n.operatorToken.kind <= SK.LastAssignment) return false;
  if ((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isAccessor(p)) && p.name === n) return false;
  // `new a.B()`: wrapping `a` would make it `new opaque(a).B()`, another program
  if (ts.isPropertyAccessExpression(p) && p.parent && ts.isNewExpression(p.parent) && p.parent.expression === p) return false;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === n) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p)) && p.name === n) return false;
  if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= SK.FirstAssignment && p.operatorToken.kind <= SK.LastAssignment) return false;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === SK.PlusPlusToken || p.operator === SK.MinusMinusToken)) return false;
  if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return false;
  if (ts.isShorthandPropertyAssignment(p) || ts.isDeleteExpression(p) || ts.isTypeOfExpression(p) || ts.isImportSpecifier(p)) return false;
  if ((p.flags & ts.NodeFlags.OptionalChain) !== 0 || (n.flags & ts.NodeFlags.OptionalChain) !== 0) return false;
  for (let a: ts.Node | undefined = p; a; a = a.parent) {
    if (ts.isTypeNode(a) || ts.isImportDeclaration(a) || ts.isHeritageClause(a) || ts.isEnumMember(a) || ts.isDecorator(a)) return false;
  }
  return true;
}

function candidates(source: string): ts.Node[] {
  const sf = ts.createSourceFile('m.ts', source, ts.ScriptTarget.ES2022, true);
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (wrappable(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The source with `n` hidden behind opaque(); the import shares line 1, so no line moves. */
function mutate(source: string, n: ts.Node): string {
  const sf = n.getSourceFile();
  const start = n.getStart(sf);
  const body = `${source.slice(0, start)}opaque(${source.slice(start, n.end)})${source.slice(n.end)}`;
  return `import { opaque } from './opaque'; ${body}`;
}

const num = (x: JsonNumber): number => (typeof x === 'number' ? x : Number(x.replace('Infinity', 'Infinity')));

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** Does the real value equal what the snapshot shows (the snapshot's data may be only the first elements)? */
function matches(s: ValueSnapshot, real: unknown): string | undefined {
  const plain = plainValue(real);
  if (s.kind === 'number') return typeof plain === 'number' && close(num(s.data[0]), plain) ? undefined : `shows ${s.data[0]}, the real run has ${JSON.stringify(plain)}`;
  if (typeof plain !== 'object' || plain === null || !('shape' in plain)) return `shows a tensor, the real run has ${String(plain)}`;
  const t = plain as { shape: number[]; data: number[] };
  if (t.shape.join(',') !== s.shape.join(',')) return `shows shape [${s.shape}], the real run has [${t.shape}]`;
  for (let i = 0; i < s.data.length; i++) {
    if (!close(num(s.data[i]), t.data[i])) return `element ${i}: shows ${s.data[i]}, the real run has ${t.data[i]}`;
  }
  return undefined;
}

interface Tally { compared: number; unknown: number; skipped: number }

/** Every value the trace shows, against the real run. Returns the mismatches. */
function compare(trace: Trace, run: Probed, tally: Tally): string[] {
  const wrong: string[] = [];
  const at = (b: Binding): string => `${b.name}@${b.line}`;
  for (const b of trace.bindings) {
    if (b.value === null) {
      tally.unknown++;
      continue;
    }
    // the run the trace shows: the last, or the one the target's backward belongs to (shownIteration)
    const runs = run.values.get(b.id);
    const probe = runs?.[(b.shownIteration ?? runs.length) - 1];
    if (!probe) {
      tally.skipped++;
      continue;
    }
    tally.compared++;
    const now = matches(b.value, probe.now);
    if (now) wrong.push(`${at(b)} when its line ran: ${now}`);
    if (b.finalUnknown === undefined && isRunTensor(probe.object)) {
      const end = matches(b.finalValue ?? b.value, probe.object);
      if (end) wrong.push(`${at(b)} at the end of the file: ${end}`);
    }
    if (trace.targetKind === 'backward' && b.isLeaf && b.requiresGrad && b.gradUnknown === undefined && isRunTensor(probe.object)) {
      const g = probe.object.grad;
      if (b.grad === null && g !== null) wrong.push(`${at(b)}: shows no gradient, the real run has one`);
      if (b.grad !== null) {
        const m = g === null ? 'the real run has none' : matches(b.grad, g);
        if (m) wrong.push(`${at(b)} gradient: ${m}`);
      }
    }
  }
  let k = 0;
  for (const l of trace.logs) {
    if (l.text.includes('<unknown>')) continue;
    while (k < run.logs.length && run.logs[k] !== l.text) k++;
    if (k === run.logs.length) wrong.push(`log at line ${l.line} '${l.text}' is not in the real output`);
    else k++;
  }
  return wrong;
}

describe('analysis: an unknown stays unknown (against real runs of mutated files)', function () {
  this.timeout(600000);

  for (const file of CORPUS) {
    it(`${file}: ${MUTANTS} mutants show only what a real run gives`, async () => {
      const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const original = analyze(source, { fileName: file });
      const clean = await runProbed(source, original.bindings);
      assert.strictEqual(clean.error, undefined, `the file runs for real: ${clean.error}`);
      assert.deepStrictEqual(compare(original, clean, { compared: 0, unknown: 0, skipped: 0 }), [], 'the unmutated file agrees');
      const nodes = candidates(source);
      const r = rng(SEED + source.length);
      const tally: Tally = { compared: 0, unknown: 0, skipped: 0 };
      for (let m = 0; m < MUTANTS; m++) {
        const n = nodes[Math.floor(r() * nodes.length)];
        const mutant = mutate(source, n);
        const trace = analyze(mutant, { fileName: file });
        const run = await runProbed(mutant, trace.bindings);
        assert.strictEqual(run.error, undefined, `the mutant runs for real (hiding '${n.getText()}'): ${run.error}`);
        const wrong = compare(trace, run, tally);
        assert.deepStrictEqual(wrong, [], `hiding '${n.getText()}' at line ${n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
      }
      assert.ok(tally.compared > 0, 'some values were compared');
    });
  }
});

describe('analysis: the places an unknown used to become a default', () => {
  const H = `import { tensor, noGrad } from 'gradlens';\nimport { ext } from './ext';\n`;
  const cases: [string, string, string][] = [
    ['a callback whose result is unknown', `const x = tensor([1, 2]);\nconst y = noGrad(() => x.mul(ext));\n`, 'y'],
    ['a switch on an unknown value', `let n = 0;\nswitch (ext) { case 1: n = 5; break; default: n = 2; }\nconst m = tensor(n);\n`, 'm'],
    ['an unknown case label', `let n = 0;\nswitch (1) { case ext: n = 5; break; default: n = 2; }\nconst m = tensor(n);\n`, 'm'],
    ['a catch clause an error may run', `const x = tensor([1, 2]);\nlet n = 0;\ntry { x.view(ext); } catch (e) { n = 9; }\nconst m = tensor(n);\n`, 'm'],
    ['the rest of a try block after a throw that may happen', `let n = 0;\ntry { if (ext) throw new Error('x'); n = 5; } catch (e) { n += 1; }\nconst m = tensor(n);\n`, 'm'],
    ['a return in a try block after a call that may throw', `function f(): number { try { ext(); return 1; } catch (e) { return 2; } }\nconst m = tensor(f());\n`, 'm'],
    ['the error a catch clause receives after a call that may throw', `let n = 0;\ntry { ext(); throw new Error('known'); } catch (e) { n = (e as Error).message.length; }\nconst m = tensor(n);\n`, 'm'],
    ['a Set an unknown element went into', `const s = new Set([1, 2]);\ns.add(ext);\nconst m = tensor(s.size);\n`, 'm'],
    ['a statement the subset does not run', `const o: Record<string, number> = { a: 1 };\nlet n = 0;\nfor (const k in o) n++;\nconst m = tensor(n);\n`, 'm'],
    ['delete of a member', `const o: Record<string, number> = { a: 1, b: 2 };\ndelete o.a;\nconst m = tensor(Object.keys(o).length);\n`, 'm'],
    ['a filter whose predicate is unknown', `const xs = [1, 2, 3].filter((v) => v > ext);\nconst m = tensor(xs.length);\n`, 'm'],
    ['a search over an unknown element', `const xs = [1, ext];\nconst m = tensor(xs.indexOf(2));\n`, 'm'],
    ['Array.from of an unknown length', `const xs = Array.from({ length: ext }, () => 1);\nconst m = tensor(xs.length);\n`, 'm'],
    ['a push of an unknown element', `const xs: number[] = [];\nxs.push(ext);\nconst m = tensor(xs);\n`, 'm'],
    ['a return that may have been taken', `function f(): number { if (ext) return 1; return 2; }\nconst m = tensor(f());\n`, 'm'],
    ['a break that may have been taken', `let n = 0;\nfor (let i = 0; i < 5; i++) { if (ext === i) break; n++; }\nconst m = tensor(n);\n`, 'm'],
    ['a write at an unknown key', `const rows = [[0, 0], [0, 0]];\nrows[ext][0] = 1;\nconst m = tensor(rows);\n`, 'm'],
    ['a loop variable over an unknown list that mutates', `const a = tensor([1.0]);\nconst list = [a, ...ext];\nfor (const t of list) t.mul_(2);\nconst m = a.add(0);\n`, 'm'],
  ];
  for (const [what, body, name] of cases) {
    it(`${what} leaves '${name}' unknown`, () => {
      const t = analyze(H + body);
      const b = t.bindings.filter((x) => x.name === name).pop();
      assert.ok(b, `a binding ${name}`);
      assert.strictEqual(b.value, null, `${name} shows ${JSON.stringify(b.value?.data)}`);
      assert.ok(b.unknown && b.unknown.length > 0);
    });
  }
});

describe('analysis: gradients a skipped backward() may have changed', () => {
  it('a leaf shows ∇ unknown with the reason in the bindings and the graph; a later backward is what the trace shows', () => {
    const t = analyze(`import { tensor } from 'gradlens';\nimport { ext } from './ext';\nconst w = tensor([1.0, 2.0], { requiresGrad: true });\nconst y = w.mul(3).sum();\ny.backward({ retainGraph: true } as never);\nif (ext) y.backward();\nconst z = w.mul(2).sum();\nz.backward();\n`);
    const w = t.bindings.find((b) => b.name === 'w')!;
    assert.strictEqual(w.grad, null);
    assert.match(w.gradUnknown ?? '', /line 6/);
    const leaf = t.graph.nodes.find((n) => n.kind === 'leaf' && n.name === 'w');
    assert.match(leaf?.gradUnknown ?? '', /line 6/);
    assert.deepStrictEqual(t.bindings.find((b) => b.name === 'z')?.grad?.data, [1]);
    assert.strictEqual(t.bindings.find((b) => b.name === 'y')?.gradUnknown, undefined, 'y is not in the last pass; its value is known');
  });

  it('zeroGrad after the skipped backward makes the gradient known again', () => {
    const t = analyze(`import { tensor } from 'gradlens';\nimport { ext } from './ext';\nconst w = tensor([1.0, 2.0], { requiresGrad: true });\nif (ext) w.mul(5).sum().backward();\nw.zeroGrad();\nconst z = w.mul(2).sum();\nz.backward();\n`);
    const w = t.bindings.find((b) => b.name === 'w')!;
    assert.deepStrictEqual(w.grad?.data, [2, 2]);
    assert.strictEqual(w.gradUnknown, undefined);
  });
});
