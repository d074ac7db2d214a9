/**
 * A null `.grad` read on a tensor the file stopped tracking (`requiresGrad_(false)`, `requiresGrad = false`,
 * as when freezing a layer): the info says where it was set not to require grad, not that it was created
 * without requiresGrad (a parameter is created requiring it), and names the tensor as the file reads it.
 */
import * as assert from 'assert';
import { analyzeChecked } from './helpers';

const ROWS: { title: string; freeze: string; read: string; want: RegExp }[] = [
  { title: 'requiresGrad_(false) on a layer parameter', freeze: 'for (const p of first.parameters()) p.requiresGrad_(false);', read: 'first.weight.grad', want: /^`first\.weight`\.grad is null: `first\.weight` was set not to require grad at line 5 \(`p\.requiresGrad_\(false\)`\)/ },
  { title: 'requiresGrad = false written on a parameter', freeze: 'first.bias!.requiresGrad = false;', read: 'first.bias!.grad', want: /^`first\.bias`\.grad is null: `first\.bias` was set not to require grad at line 5 \(`first\.bias!\.requiresGrad`\)/ },
];

function source(freeze: string, read: string): string {
  return [
    "import { nn, tensor } from 'gradlens';",
    'const model = new nn.Sequential(new nn.Linear(2, 2), new nn.Linear(2, 1));',
    'const first = model[0] as nn.Linear;',
    'const x = tensor([[0.5, -1.5]]);',
    freeze,
    'model.forward(x).sum().backward();',
    `const g = ${read};`,
    '',
  ].join('\n');
}

describe('a frozen parameter\'s null .grad says where it was frozen', () => {
  for (const row of ROWS) {
    it(row.title, () => {
      const trace = analyzeChecked(source(row.freeze, row.read), { fileName: 'frozen.ts' });
      const infos = trace.diagnostics.filter((d) => d.code === 'grad-missing');
      assert.strictEqual(infos.length, 1, trace.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
      assert.strictEqual(infos[0].line, 7);
      assert.match(infos[0].message, row.want);
      assert.deepStrictEqual((infos[0].related ?? []).map((r) => r.line), [5]);
    });
  }
});
