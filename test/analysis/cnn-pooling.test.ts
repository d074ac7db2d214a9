/**
 * A small CNN in an analysed file (conv2d -> relu -> nn.MaxPool2d -> flatten -> linear, plus elu,
 * hardtanh and the average pools): what `gradlens annotate`'s analyzer shows equals a real run of
 * the same file and PyTorch 1.13 (cnn-pooling/expected.json, written by expected.py), values,
 * grad_fn names and the leaves' gradients.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding, closeElements, errors } from './helpers';
import { isRunTensor, runProbed } from './unknowns/real-run';
import { itAgreesWithTorch, readExpected } from './torch-expected';

const DIR = path.join(ROOT, 'test', 'analysis', 'cnn-pooling');
const SOURCE = fs.readFileSync(path.join(DIR, 'sample.ts'), 'utf8');


describe('analysis: a small CNN with pooling agrees with a real run and PyTorch 1.13', function () {
  this.timeout(30000);
  const expected = readExpected(DIR);
  const trace = analyzeChecked(SOURCE);

  it('runs without errors', () => assert.deepStrictEqual(errors(trace), []));

  itAgreesWithTorch(trace, expected);

  it('shows what a real run of the file computes, values and gradients', async () => {
    const run = await runProbed(SOURCE, trace.bindings);
    assert.strictEqual(run.error, undefined);
    for (const name of [...Object.keys(expected.values), ...Object.keys(expected.grads)]) {
      const b = binding(trace, name);
      const real = run.values.get(b.id)?.at(-1)?.object;
      assert.ok(isRunTensor(real), `${name} is a tensor in the real run`);
      closeElements(b.value!.data, real.dataSync(), `${name} value`);
      if (name in expected.grads) closeElements(b.grad!.data, real.grad!.dataSync(), `${name}.grad`);
    }
  });
});
