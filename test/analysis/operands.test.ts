/** Half-typed calls give typed argument errors naming the op and what it got, never JavaScript's TypeError text. */
import * as assert from 'assert';
import { analyzeChecked, binding, errors, near, scalar } from './helpers';

const H = "import { tensor, F } from 'gradlens';\nconst z1 = tensor(4.0, { requiresGrad: true });\n";

const cases: { call: string; message: string }[] = [
  { call: 'z1.div()', message: 'div: expected a tensor or number, got nothing' },
  { call: 'z1.add()', message: 'add: expected a tensor or number, got nothing' },
  { call: "z1.mul('a')", message: 'mul: expected a tensor or number, got a string' },
  { call: 'z1.pow(undefined)', message: 'pow: expected a tensor or number, got nothing' },
  { call: 'z1.matmul(2)', message: 'matmul: expected a tensor, got a number' },
  { call: 'z1.maximum([1])', message: 'maximum: expected a tensor or number, got an array' },
  // a call the operand table does not cover: the engine's own TypeError becomes a typed message
  { call: 'F.mseLoss(z1)', message: 'mseLoss: an argument is missing or has the wrong type (got a tensor)' },
];

describe('analysis: typed argument errors for half-typed calls', () => {
  for (const c of cases) {
    it(`${c.call}: ${c.message}`, () => {
      const trace = analyzeChecked(`${H}const z2 = ${c.call};\n`);
      assert.deepStrictEqual(errors(trace).map((d) => [d.line, d.message]), [[3, c.message]]);
      const z2 = binding(trace, 'z2');
      assert.strictEqual(z2.value, null);
      assert.strictEqual(z2.unknown, c.message);
      assert.ok(!/Cannot read|undefined \(reading/.test(JSON.stringify(trace)));
    });
  }

  it('a call whose operand fits is evaluated as before', () => {
    near(scalar(binding(analyzeChecked(`${H}const z2 = z1.div(2);\n`), 'z2').value), 2);
  });
});
