import * as assert from 'assert';
import { tensor, cat, AccumulateGrad, Node } from '../../../engine/index';
import { nextNames } from './helpers';

const f64 = { dtype: 'float64' as const, requiresGrad: true };

// Nodes keep inputs 0 and 1 in fields and only ops with more inputs keep arrays: both layouts must
// read back the same inputs, edges and next_functions.
describe('engine/node: input and edge layout', () => {
  it('reads back a binary op\'s operands and edges (number operand: null edge)', () => {
    const x = tensor([1, 2], f64);
    const y = x.mul(3);
    const n = y.gradFn as Node;
    assert.ok(n instanceof Node);
    assert.strictEqual(n.arity, 2);
    assert.deepStrictEqual(n.inputs, [x, 3]);
    assert.strictEqual(n.input(0), x);
    assert.strictEqual(n.edge(0), x._accumulator());
    assert.strictEqual(n.edge(1), null);
    assert.deepStrictEqual(n.next, [x._accumulator(), null]);
  });

  it('keeps every slot of an op over more than two inputs, in order', () => {
    const a = tensor([1, 2], f64), b = tensor([3], { dtype: 'float64' }), c = tensor([4, 5, 6], f64), d = tensor([7], f64);
    const y = cat([a, b, c, d]);
    const n = y.gradFn as Node;
    assert.strictEqual(n.arity, 4);
    assert.deepStrictEqual(nextNames(y), ['AccumulateGrad', null, 'AccumulateGrad', 'AccumulateGrad']);
    const vars = n.nextFunctions.map(([f]) => (f instanceof AccumulateGrad ? f.variable : null));
    assert.deepStrictEqual(vars, [a, null, c, d]);
    assert.deepStrictEqual(n.inputs, [a, b, c, d]);
    assert.strictEqual(n.formulas.length, 4);
    y.mul(tensor([1, 2, 3, 4, 5, 6, 7], { dtype: 'float64' })).sum().backward();
    assert.deepStrictEqual([...a.grad!.dataSync()], [1, 2]);
    assert.strictEqual(b.grad, null);
    assert.deepStrictEqual([...c.grad!.dataSync()], [4, 5, 6]);
    assert.deepStrictEqual([...d.grad!.dataSync()], [7]);
  });

  it('gives a one-input op one slot', () => {
    const x = tensor(0.5, f64);
    const n = x.exp().gradFn as Node;
    assert.strictEqual(n.arity, 1);
    assert.deepStrictEqual(n.inputs, [x]);
    assert.strictEqual(n.nextFunctions.length, 1);
    assert.strictEqual(n.edge(1), null);
  });
});
