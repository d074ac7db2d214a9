/**
 * torch's `.data` idiom in analysed files: `w.data.sub_(…)` updates w without history, `w.data = t`
 * gives w t's values. What the analyzer shows agrees with a real run of the same file.
 */
import * as assert from 'assert';
import { analyzeChecked, binding, closeElements, errors } from './helpers';
import { isRunTensor, runProbed } from './unknowns/real-run';

const CODE = `import { tensor } from 'gradlens';
const w = tensor([0.5, -1.25, 2.0], { requiresGrad: true });
const x = tensor([1.5, 0.25, -0.75]);
for (let i = 0; i < 3; i++) {
  const loss = w.mul(x).sum().pow(2);
  loss.backward();
  w.data.sub_(w.grad!.mul(0.1));
  w.grad = null;
}
const trained = w.detach().clone();
const raw = w.data;
w.data = tensor([1.0, 2.0, 3.0]);
const after = w.mul(x).sum();
after.backward();
`;

describe('analysis: the .data idiom', function () {
  this.timeout(30000);

  it('updates through w.data and assigns w.data as a real run does', async () => {
    const trace = analyzeChecked(CODE);
    assert.deepStrictEqual(errors(trace), []);
    const run = await runProbed(CODE, trace.bindings);
    assert.strictEqual(run.error, undefined);
    for (const name of ['trained', 'raw', 'after']) {
      const b = binding(trace, name);
      const real = run.values.get(b.id)!.at(-1)!.object;
      assert.ok(isRunTensor(real), `${name} is a tensor in the real run`);
      closeElements(b.value!.data, real.dataSync(), `${name} value`);
    }
    // three steps moved w (the loop's updates were not lost), and the assignment replaced it
    assert.notDeepStrictEqual(binding(trace, 'trained').value!.data.map(Number), [0.5, -1.25, 2.0]);
    closeElements(binding(trace, 'after').value!.data, [1.5 * 1 + 0.25 * 2 - 0.75 * 3], 'after');
    closeElements(binding(trace, 'w').grad!.data, [1.5, 0.25, -0.75], 'w.grad after the assignment');
  });

  it('refuses data of another shape at the assignment, naming it', () => {
    const trace = analyzeChecked(`import { tensor } from 'gradlens';
const w = tensor([1.0, 2.0], { requiresGrad: true });
w.data = tensor([1.0, 2.0, 3.0]);
`);
    const [e] = errors(trace);
    assert.ok(e !== undefined, 'an error');
    assert.match(e.message, /data.*shape \[3\].*\[2\]/);
    assert.strictEqual(e.line, 3, "at the assignment (1-based lines)");
  });
});

describe('analysis: writes into copies of engine state', function () {
  this.timeout(30000);

  it('a write into dataSync()\'s array is refused at its line and leaves the tensor unknown, not stale', () => {
    const trace = analyzeChecked(`import { tensor } from 'gradlens';
const w = tensor([0.5, -1.25, 2.0]);
const arr = w.dataSync();
const before = w.sum();
arr[0] = 7;
const s = w.sum();
`);
    const [e] = errors(trace);
    assert.ok(e !== undefined && e.line === 5, 'an error at the write');
    assert.match(e.message, /read from a gradlens object/);
    assert.strictEqual(binding(trace, 'before').value?.data[0], 1.25);
    const s = binding(trace, 's');
    assert.strictEqual(s.value, null, 'a real run has 8.25 here: the analysis must not show 1.25');
    assert.match(s.unknown ?? '', /written through a copy of its state at line 5/);
  });
});
