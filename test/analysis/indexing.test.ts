/**
 * Advanced indexing as a file writes it, through the analyzer: tensor indices index (never a full
 * slice), with the values, gradients and grad_fn PyTorch 1.13 gives (expected values printed by
 * torch: probs[torch.arange(3), ys], torch.eye(5)[torch.tensor([0, 2])]).
 */
import * as assert from 'assert';
import { analyzeChecked, binding, errors, near, scalar } from './helpers';

const H = `import { tensor, arange, eye } from 'gradlens';\n`;

describe('analysis: advanced indexing', () => {
  it('picks one element per row with index tensors, and differentiates through IndexBackward0', () => {
    const t = analyzeChecked(`${H}const probs = tensor([[0.1, 0.9], [0.7, 0.3], [0.5, 0.5]], { requiresGrad: true });
const ys = tensor([1, 0, 1], { dtype: 'int64' });
const picked = probs.index([arange(3), ys]);
const loss = picked.log().neg().mean();
loss.backward();
`);
    assert.deepStrictEqual(errors(t), []);
    const picked = binding(t, 'picked');
    assert.deepStrictEqual(picked.value?.shape, [3]);
    assert.strictEqual(picked.gradFn, 'IndexBackward0');
    const want = [0.8999999761581421, 0.699999988079071, 0.5];
    picked.value?.data.forEach((x, i) => near(Number(x), want[i], 1e-7));
    near(scalar(binding(t, 'loss').value), 0.3850609064102173, 1e-7);
    const g = [0.0, -0.37037038803100586, -0.4761905074119568, 0.0, 0.0, -0.6666666865348816];
    binding(t, 'probs').grad?.data.forEach((x, i) => near(Number(x), g[i], 1e-6));
  });

  it('selects rows of eye(5), and arange of whole numbers is int64 as in torch', () => {
    const t = analyzeChecked(`${H}const e = eye(5).index([tensor([0, 2], { dtype: 'int64' })]);\nconst r = arange(3);\nconst f = arange(0, 1, 0.25);\n`);
    assert.deepStrictEqual(binding(t, 'e').value?.shape, [2, 5]);
    assert.deepStrictEqual(binding(t, 'e').value?.data, [1, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert.strictEqual(binding(t, 'r').dtype, 'int64');
    assert.strictEqual(binding(t, 'f').dtype, 'float32');
  });

  it('a float tensor as an index is an error naming the dtype, never a slice', () => {
    const t = analyzeChecked(`${H}const x = eye(3);\nconst bad = x.index([tensor([0, 1])]);\n`);
    assert.ok(errors(t).some((d) => d.line === 3 && /must be long, byte or bool/.test(d.message)));
    assert.strictEqual(binding(t, 'bad').value, null);
  });

  it('int32 tensors show as integers, and integer tensors cannot require gradients', () => {
    const t = analyzeChecked(`${H}const i = tensor([1, 2]).int();\nconst bad = arange(3).requiresGrad_();\n`);
    assert.strictEqual(binding(t, 'i').dtype, 'int32');
    assert.strictEqual(binding(t, 'i').value?.text, 'tensor([1, 2], dtype=torch.int32)');
    assert.ok(errors(t).some((d) => d.line === 3 && /only Tensors of floating point/.test(d.message)));
  });
});
