/**
 * `item()` of a bool tensor: the library returns 1 or 0 (its type is `number` for every dtype;
 * PyTorch returns True/False), so a real run of the file prints 1/0 and the analyzer must print
 * exactly that wherever the number goes (a template, an array, a comparison, JSON).
 */
import * as assert from 'assert';
import { analyzeChecked, logTexts, runInProcess } from './helpers';

const CODE = `import { tensor } from 'gradlens';
const x = tensor([1.0, 2.0]);
const yes = x.gt(1.5).any();
const no = x.lt(0).all();
console.log(yes.item());
console.log(no.item(), yes.item() === 1, typeof yes.item());
console.log(\`\${yes.item()}\`, [yes.item(), no.item()], yes.item() ? 'yes' : 'no');
const v = no.item();
console.log(v, String(v), JSON.stringify({ v }), x.gt(1.5).tolist());
`;

describe('analysis: item() of a bool tensor prints what a real run prints', () => {
  it('every print of the number agrees with the real run', async () => {
    const trace = analyzeChecked(CODE);
    assert.deepStrictEqual(trace.diagnostics.map((d) => `${d.line}: ${d.message}`), []);
    assert.deepStrictEqual(logTexts(trace), await runInProcess(CODE));
  });
});
