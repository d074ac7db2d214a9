import * as assert from 'assert';
import { tensor, Node, Tensor } from '../../../engine/index';

const f64 = { dtype: 'float64' as const, requiresGrad: true };

// The methods that are ops are attached to the class by engine/tensor-methods.ts (and Node.apply by
// engine/ops/input-grads.ts), below which the class and the recorder sit: they must look and work
// as class methods do, and a compact slot's node must find its definition without the op table's.
describe('engine: methods attached above the ops', () => {
  it('are on the prototype, not enumerable, like class methods (getters too)', () => {
    const x = tensor([1, 2]);
    for (const name of ['add', 'mul', 'sum', 'matmul', 'add_', 'tolist', 'backward', 'data', 'T']) {
      const d = Object.getOwnPropertyDescriptor(Tensor.prototype, name);
      assert.ok(d !== undefined, `${name} is on Tensor.prototype`);
      assert.strictEqual(d.enumerable, false, `${name} is not enumerable`);
    }
    const seen: string[] = [];
    for (const k in x) seen.push(k);
    assert.ok(!seen.some((k) => ['add', 'mul', 'data', 'T'].includes(k)), `for-in lists no method: ${seen.join(', ')}`);
    assert.deepStrictEqual(x.T.shape, [2]);
    assert.deepStrictEqual(x.data.tolist(), [1, 2]);
  });

  it('gives a compact slot\'s node its name and backward from the handle that recorded it', () => {
    const x = tensor(2, f64);
    const y = x.mul(3).add(1); // single elements: compact slots
    assert.strictEqual(String(y), 'tensor(7., dtype=torch.float64, grad_fn=<AddBackward0>)');
    const mulNode = (y.gradFn as Node).nextFunctions[0][0] as Node;
    assert.strictEqual(mulNode.name, 'MulBackward0');
    const [gx, gc] = mulNode.apply(tensor(0.5, { dtype: 'float64' }));
    assert.strictEqual(gx?.item(), 1.5);
    assert.strictEqual(gc, null);
  });

  it('Node.apply reduces a broadcast gradient to the input\'s shape (the op it needs sits above node.ts)', () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]], f64), b = tensor([10, 20, 30], f64);
    const [ga, gb] = (a.mul(b).gradFn as Node).apply(tensor([[1, 1, 1], [1, 1, 1]], { dtype: 'float64' }));
    assert.deepStrictEqual(ga?.tolist(), [[10, 20, 30], [10, 20, 30]]);
    assert.deepStrictEqual(gb?.shape, [3]);
    assert.deepStrictEqual(gb?.tolist(), [5, 7, 9]);
  });
});
