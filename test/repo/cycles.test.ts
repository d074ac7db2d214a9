/**
 * Value-import cycles in engine/, extension/ and webview/ (imports of types only do not count: they
 * vanish from the built code). Layers are meant to import one way only (docs/architecture.md). One
 * cycle remains from before that rule: the engine's Tensor ↔ ops ↔ recorder knot. It is listed here as
 * it is; this test fails on any new cycle, on a file joining a listed one, and when a listed cycle
 * shrinks (then shrink the list too).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { ROOT } from '../analysis/helpers';

const KNOWN: readonly (readonly string[])[] = [
  [
    'engine/autograd.ts',
    'engine/backward.ts',
    'engine/creation.ts',
    'engine/lazy/defer.ts',
    'engine/node.ts',
    'engine/ops/advanced.ts',
    'engine/ops/arith.ts',
    'engine/ops/binary.ts',
    'engine/ops/cast.ts',
    'engine/ops/clamp.ts',
    'engine/ops/compare.ts',
    'engine/ops/convert.ts',
    'engine/ops/copy-slices.ts',
    'engine/ops/define.ts',
    'engine/ops/derive.ts',
    'engine/ops/getitem.ts',
    'engine/ops/index-put.ts',
    'engine/ops/indexing.ts',
    'engine/ops/inplace.ts',
    'engine/ops/matmul.ts',
    'engine/ops/minmax.ts',
    'engine/ops/nn/softmax.ts',
    'engine/ops/nn/util.ts',
    'engine/ops/norm.ts',
    'engine/ops/pieces.ts',
    'engine/ops/predicates.ts',
    'engine/ops/rearrange.ts',
    'engine/ops/reduce.ts',
    'engine/ops/scan.ts',
    'engine/ops/scatter.ts',
    'engine/ops/unary.ts',
    'engine/ops/view-place.ts',
    'engine/ops/view.ts',
    'engine/tape-ops.ts',
    'engine/tape-record.ts',
    'engine/tape.ts',
    'engine/tensor-state.ts',
    'engine/tensor.ts',
    'engine/walk-number.ts',
  ],
];

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
  const found = cycles(graph);

  it('reads the sources (a known import is seen)', () => {
    assert.ok(graph.get('extension/analysis/index.ts')?.includes('extension/analysis/trace.ts'));
  });

  it('has no cycle but the listed ones, and no file joined one', () => {
    for (const c of found) {
      const home = KNOWN.find((k) => c.every((f) => k.includes(f)));
      assert.ok(home, `a new import cycle: ${c.join(' → ')}`);
    }
  });

  it('the listed cycles are still whole (a smaller one means the list shrinks with it)', () => {
    for (const k of KNOWN) {
      const c = found.find((x) => x.includes(k[0]));
      assert.deepStrictEqual(c, [...k].sort(), `the cycle of ${k[0]} changed: update KNOWN`);
    }
  });
});
