/**
 * A small CNN in an analysed file (conv2d -> relu -> nn.MaxPool2d -> flatten -> linear, plus elu,
 * hardtanh and the average pools): what `gradlens annotate`'s analyzer shows equals a real run of
 * the same file and PyTorch 1.13 (cnn-pooling/expected.json, written by expected.py), values,
 * grad_fn names and the leaves' gradients.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, errors } from './helpers';
import { itAgreesWithRealRun, itAgreesWithTorch, readExpected } from './torch-expected';

const DIR = path.join(ROOT, 'test', 'analysis', 'cnn-pooling');
const SOURCE = fs.readFileSync(path.join(DIR, 'sample.ts'), 'utf8');

describe('analysis: a small CNN with pooling agrees with a real run and PyTorch 1.13', function () {
  this.timeout(30000);
  const expected = readExpected(DIR);
  const trace = analyzeChecked(SOURCE);

  it('runs without errors', () => assert.deepStrictEqual(errors(trace), []));

  itAgreesWithTorch(trace, expected);

  // the leaves are never updated here: their values too
  itAgreesWithRealRun(SOURCE, trace, { values: [...Object.keys(expected.values), ...Object.keys(expected.grads)], grads: Object.keys(expected.grads) });
});
