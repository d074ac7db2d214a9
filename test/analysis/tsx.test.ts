/** TSX files (typescriptreact): JSX parses as JSX, is reported as not evaluated, and the tensor code around it is analysed. */
import * as assert from 'assert';
import { createAnalyzer } from '../../extension/analysis';
import { analyzeChecked, binding, near, scalar } from './helpers';

const SOURCE = [
  "import { tensor } from 'gradlens';",
  'const x = tensor(2.0, { requiresGrad: true });',
  'const y = x.mul(x).add(1);',
  'const view = <div className="loss">{String(y.item())}</div>;',
  'const z = y.mul(3);',
  'z.backward();',
  '',
].join('\n');

describe('analysis: .tsx files', () => {
  it('parses JSX in a .tsx file: no syntax error, the JSX binding is "not evaluated", the rest is exact', () => {
    const t = analyzeChecked(SOURCE, { fileName: 'Loss.tsx' });
    assert.deepStrictEqual(t.diagnostics.filter((d) => d.severity === 'error'), []);
    const jsx = t.diagnostics.find((d) => d.line === 4);
    assert.ok(jsx && jsx.severity === 'warning' && /jsx/i.test(jsx.message) && /not evaluated/.test(jsx.message), JSON.stringify(t.diagnostics));
    // z = 3 (x² + 1) at x = 2: z = 15, dz/dx = 6x = 12, dz/dy = 3
    near(scalar(binding(t, 'z').value), 15);
    near(scalar(binding(t, 'x').grad), 12);
    near(scalar(binding(t, 'y').grad), 3);
    assert.strictEqual(t.target, 'z');
  });

  it('the same text as .ts is a syntax error at the JSX (so the extension decides the parse by the file name)', () => {
    const t = analyzeChecked(SOURCE, { fileName: 'loss.ts' });
    const errors = t.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errors.length > 0 && errors.every((d) => d.line === 4), JSON.stringify(errors));
  });

  it('a `<T>value` cast is still TypeScript in a .ts file', () => {
    const t = analyzeChecked("import { tensor } from 'gradlens';\nconst n = <number>3;\nconst x = tensor(n);\n", { fileName: 'cast.ts' });
    assert.deepStrictEqual(t.diagnostics.filter((d) => d.severity === 'error'), []);
    near(scalar(binding(t, 'x').value), 3);
  });

  it('the live analyzer keeps the TSX parse across edits', () => {
    const live = createAnalyzer();
    live.analyze(SOURCE, { fileName: 'Loss.tsx' });
    const t = live.analyze(SOURCE.replace('tensor(2.0', 'tensor(3.0'), { fileName: 'Loss.tsx' });
    assert.deepStrictEqual(t.diagnostics.filter((d) => d.severity === 'error'), []);
    near(scalar(binding(t, 'z').value), 30);
  });
});
