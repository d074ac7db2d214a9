/**
 * `new nn.Parameter(t)`: ported code writes it as often as torch's call form; the library takes both
 * (the construct form type-checks here, so this file compiling is part of the test).
 */
import * as assert from 'assert';
import { nn, noGrad, tensor } from '../../engine/index';
import { isParameter } from '../../engine/nn/parameter';

describe('engine/nn.Parameter with and without new', () => {
  it('new nn.Parameter(t) is the leaf nn.Parameter(t) makes: requires grad, shares t\'s values, registered', () => {
    const t = tensor([1, 2], { dtype: 'float64' });
    const p = new nn.Parameter(t);
    assert.ok(isParameter(p) && p.isLeaf && p.requiresGrad);
    noGrad(() => t.fill_(5));
    assert.deepStrictEqual(Array.from(p.dataSync()), [5, 5], 'shares the storage, as nn.Parameter(t)');
    assert.strictEqual(new nn.Parameter(t, false).requiresGrad, false);
  });

  it('a module registers a field made with new', () => {
    class Block extends nn.Module {
      scale = new nn.Parameter(tensor([1, 2]));
    }
    assert.deepStrictEqual(new Block().namedParameters().map(([n]) => n), ['scale']);
  });

  it('names its argument when it is not a tensor, with or without new', () => {
    assert.throws(() => new nn.Parameter([1, 2] as unknown as ReturnType<typeof tensor>), /\[Parameter\] argument 'data' must be a Tensor, got object/);
  });
});
