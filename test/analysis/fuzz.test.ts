/**
 * Fuzzing (docs/security.md): thousands of random and mutated files — cut at random points, tokens deleted,
 * duplicated and swapped, random token soup. Seeded, so a failure reproduces. No exception may escape,
 * every trace must match the schema, and no run may pass its step budget.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { analyze } from '../../extension/analysis';
import { ROOT, assertValidTrace, rng } from './helpers';

function tokens(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, source);
  const out: string[] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) out.push(scanner.getTokenText());
  return out;
}

const CORPUS = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
const SNIPPETS = [
  `import { tensor } from 'gradlens';\nlet x = tensor([1, 2], { requiresGrad: true });\nfor (let i = 0; i < 3; i++) { x = x.mul(2).add(i); }\nx.sum().backward();\n`,
  `function f(n: number): number { return n <= 0 ? 0 : 1 + f(n - 1); }\nconst o = { a: [1, 2, { b: f(5) }] };\nconsole.log(o, \`\${o.a[0]}\`);\n`,
  `class M { w = 1; g(x: number) { return this.w * x; } }\nconst m = new M();\nwhile (m.w < 100) m.w = m.g(3);\n`,
];
const POOL = [...new Set(CORPUS.concat(SNIPPETS).flatMap(tokens))];

function mutate(source: string, r: () => number): string {
  const toks = tokens(source);
  const pick = (): number => Math.floor(r() * toks.length);
  const ops = 1 + Math.floor(r() * 4);
  for (let k = 0; k < ops && toks.length > 0; k++) {
    const i = pick();
    const j = pick();
    switch (Math.floor(r() * 5)) {
      case 0: toks.splice(i, 1 + Math.floor(r() * 3)); break;
      case 1: toks.splice(i, 0, toks[j]); break;
      case 2: [toks[i], toks[j]] = [toks[j], toks[i]]; break;
      case 3: toks[i] = POOL[Math.floor(r() * POOL.length)]; break;
      default: toks.length = i; break;
    }
  }
  return toks.join(' ');
}

function soup(r: () => number): string {
  const n = Math.floor(r() * 80);
  return Array.from({ length: n }, () => POOL[Math.floor(r() * POOL.length)]).join(r() < 0.5 ? ' ' : '\n');
}

describe('analysis: fuzz', function () {
  this.timeout(60000);
  const MAX_STEPS = 5000;

  it('survives thousands of mutated and random files within the budgets', () => {
    const r = rng(20240611);
    const sources = CORPUS.concat(SNIPPETS);
    let count = 0;
    const t0 = Date.now();
    for (let k = 0; k < 2000; k++) {
      const base = sources[k % sources.length];
      let text: string;
      const mode = k % 5;
      if (mode === 0) text = base.slice(0, Math.floor(r() * base.length));
      else if (mode === 4) text = soup(r);
      else text = mutate(base, r);
      let trace;
      try {
        trace = analyze(text, { maxSteps: MAX_STEPS, maxElements: 1_000_000 });
      } catch (e) {
        assert.fail(`analyze threw on case ${k}: ${String(e)}\n${text}`);
      }
      try {
        assertValidTrace(trace);
      } catch (e) {
        assert.fail(`case ${k}: ${String(e)}\n${text}`);
      }
      assert.ok((trace.stats?.steps ?? 0) <= MAX_STEPS + 1, `case ${k} passed its step budget`);
      assert.ok(!trace.diagnostics.some((d) => d.message.startsWith('Internal analyzer error')), `case ${k}: ${JSON.stringify(trace.diagnostics)}\n${text}`);
      count++;
    }
    assert.strictEqual(count, 2000);
    assert.ok(Date.now() - t0 < 60000);
  });
});
