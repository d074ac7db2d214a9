/**
 * Backward steps keep the gradients as they were when each grad function ran, also where one gradient
 * tensor flows through several functions and is summed with another (values derived by hand).
 */
import * as assert from 'assert';
import { analyzeChecked } from './helpers';

const HEAD = "import { tensor } from 'gradlens';\nconst x = tensor([1, 2], { requiresGrad: true });\n";

const cases: { name: string; code: string; steps: [string, number[][], (number[] | null)[]][] }[] = [
  {
    // z = y + 3y with y = 2x: dz/dy = 1 + 3 = 4 arrives at y's MulBackward0, dz/dx = 8
    name: 'a gradient passed on unchanged, then summed with another',
    code: 'const y = x.mul(2);\nconst z = y.add(y.mul(3));\nz.sum().backward();\n',
    steps: [
      ['SumBackward0', [[1]], [[1, 1]]],
      ['AddBackward0', [[1, 1]], [[1, 1], [1, 1]]],
      ['MulBackward0', [[1, 1]], [[3, 3], null]],
      ['MulBackward0', [[4, 4]], [[8, 8], null]],
      ['AccumulateGrad', [[8, 8]], []],
    ],
  },
  {
    // s = x·x summed: d/dx = 2x, both inputs of the product are x
    name: 'one tensor in both slots',
    code: 'const s = x.mul(x).sum();\ns.backward();\n',
    steps: [
      ['SumBackward0', [[1]], [[1, 1]]],
      ['MulBackward0', [[1, 1]], [[1, 2], [1, 2]]],
      ['AccumulateGrad', [[2, 4]], []],
    ],
  },
];

describe('analysis: backward steps', () => {
  for (const c of cases) {
    it(c.name, () => {
      const trace = analyzeChecked(HEAD + c.code);
      const got = trace.backwardSteps.map((s) => [s.gradFn, s.gradIn.map((g) => g.data), s.gradsOut.map((g) => g && g.data)]);
      assert.deepStrictEqual(got, c.steps);
    });
  }
});
