/**
 * Value-import cycles in engine/, extension/ and webview/ (imports of types only do not count: they
 * vanish from the built code). Layers import one way only (docs/architecture.md): this test fails on
 * any cycle, of any size, anywhere in the three folders.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { ROOT } from '../analysis/helpers';

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The relative modules a file imports for their values (not `import type`, not only type names). */
function valueImports(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.isTypeOnly) continue;
      const named = c?.namedBindings;
      if (c && !c.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) continue;
    } else if (st.isTypeOnly) continue;
    const spec = st.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const target = [`${base}.ts`, `${base}/index.ts`].find((f) => fs.existsSync(path.join(ROOT, f)));
    if (target) out.push(target);
  }
  return out;
}

/** Strongly connected components of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const c: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      on.delete(w);
      c.push(w);
      if (w === v) break;
    }
    if (c.length > 1) out.push(c.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('import cycles', () => {
  const graph = new Map(['engine', 'extension', 'webview'].flatMap(sources).map((f) => [f, valueImports(f)] as [string, string[]]));

  it('reads the sources (a known import is seen, an import of types only is not)', () => {
    assert.ok(graph.get('extension/analysis/index.ts')?.includes('extension/analysis/trace.ts'));
    assert.ok(graph.get('engine/tensor-methods.ts')?.includes('engine/tensor.ts'));
    assert.ok(!graph.get('engine/tensor.ts')?.includes('engine/autograd.ts'), 'tensor.ts imports autograd.ts for a type only');
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const toy = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e', 'd']]]);
    assert.deepStrictEqual(cycles(toy), [['a', 'b', 'c']]);
  });

  it('has no cycle', () => {
    assert.deepStrictEqual(cycles(graph).map((c) => c.join(' → ')), []);
  });
});
