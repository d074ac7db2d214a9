import * as assert from 'assert';
import { tensor } from '../../engine/index';
import type { GradFn, Tensor } from '../../engine/index';

/**
 * The seed document (PyTorch's autograd tutorial), cell by cell, with the real engine.
 * Expected strings are what PyTorch printed in the seed; only object addresses are dropped.
 */
function seedGraph(): { x: Tensor; z0: Tensor; z1: Tensor; z2: Tensor } {
  const x = tensor(1.0, { requiresGrad: true });
  const z0 = x.mul(2);
  const z1 = z0.add(2);
  const z2 = z1.div(5);
  return { x, z0, z1, z2 };
}

function first(fn: GradFn): GradFn {
  const next = fn.nextFunctions[0]?.[0];
  assert.ok(next, `${fn.name} has a first next function`);
  return next;
}

function applyFirst(fn: GradFn | null, g: Tensor): Tensor {
  assert.ok(fn);
  const out = fn.apply(g)[0];
  assert.ok(out);
  return out;
}

describe('seed: the autograd tutorial reproduced line by line', () => {
  it('cell 1: z2 prints tensor(0.8000, grad_fn=<DivBackward0>)', () => {
    assert.strictEqual(seedGraph().z2.toString(), 'tensor(0.8000, grad_fn=<DivBackward0>)');
  });

  it('cells 2-6: DivBackward0 -> AddBackward0 -> MulBackward0 -> AccumulateGrad -> ()', () => {
    const { x, z2 } = seedGraph();
    const div = z2.gradFn;
    assert.ok(div);
    assert.strictEqual(div.name, 'DivBackward0');
    const add = first(div);
    assert.strictEqual(add.name, 'AddBackward0');
    const mul = first(add);
    assert.strictEqual(mul.name, 'MulBackward0');
    const acc = first(mul);
    assert.strictEqual(acc.name, 'AccumulateGrad');
    assert.strictEqual((acc as GradFn & { variable: Tensor }).variable, x);
    assert.deepStrictEqual(acc.nextFunctions, []);
    // the number operands take a slot with no function, as in torch
    assert.strictEqual(div.nextFunctions[1][0], null);
  });

  it('cells 7-10: calling grad functions by hand gives 0.2, 1, 2 and 0.4', () => {
    const { z0, z1, z2 } = seedGraph();
    const inputGrad = tensor(1.);
    assert.strictEqual(applyFirst(z2.gradFn, inputGrad).toString(), 'tensor(0.2000)');
    assert.strictEqual(applyFirst(z1.gradFn, inputGrad).toString(), 'tensor(1.)');
    assert.strictEqual(applyFirst(z0.gradFn, inputGrad).toString(), 'tensor(2.)');
    const chained = applyFirst(z0.gradFn, applyFirst(z1.gradFn, applyFirst(z2.gradFn, inputGrad)));
    assert.strictEqual(chained.toString(), 'tensor(0.4000)');
  });

  it('cell 11: the loop over grad functions prints the same before/after lines', () => {
    const { z2 } = seedGraph();
    const printed: string[] = [];
    let gradFn: GradFn | null = z2.gradFn;
    let grad: Tensor = tensor(1.);
    while (gradFn !== null) {
      printed.push(`before applying grad_fn: ${grad.toString()}`);
      printed.push(`grad_fn: ${gradFn.toString()}`);
      const out = gradFn.apply(grad);
      if (out.length === 0) break;
      const g0 = out[0];
      assert.ok(g0);
      grad = g0;
      printed.push(`after applying grad_fn: ${grad.toString()}`);
      printed.push('');
      gradFn = gradFn.nextFunctions[0][0];
    }
    const seedOutput = [
      'before applying grad_fn: tensor(1.)',
      'grad_fn: <DivBackward0 object at 0x7f85b81f98d0>',
      'after applying grad_fn: tensor(0.2000)',
      '',
      'before applying grad_fn: tensor(0.2000)',
      'grad_fn: <AddBackward0 object at 0x7f858214d810>',
      'after applying grad_fn: tensor(0.2000)',
      '',
      'before applying grad_fn: tensor(0.2000)',
      'grad_fn: <MulBackward0 object at 0x7f858214dfd0>',
      'after applying grad_fn: tensor(0.4000)',
      '',
      'before applying grad_fn: tensor(0.4000)',
      'grad_fn: <AccumulateGrad object at 0x7f858216b610>',
    ].map((line) => line.replace(/ object at 0x[0-9a-f]+>/, '>'));
    assert.deepStrictEqual(printed, seedOutput);
  });

  it('backward: x.grad is 0.4 (dz2/dx = 2/5), not the prose slip ((x + 2) * 2) / 5 order', () => {
    const { x, z2 } = seedGraph();
    z2.backward();
    assert.ok(x.grad);
    assert.strictEqual(x.grad.toString(), 'tensor(0.4000)');
    assert.ok(Math.abs(x.grad.item() - 0.4) < 1e-7);
  });

  it('the second slip: d(x1/x2)/dx2 is -x1/x2^2, not x1', () => {
    const x1 = tensor(3.0, { requiresGrad: true, dtype: 'float64' });
    const x2 = tensor(2.0, { requiresGrad: true, dtype: 'float64' });
    x1.div(x2).backward();
    assert.strictEqual(x2.grad?.item(), -3 / 4);
    assert.strictEqual(x1.grad?.item(), 1 / 2);
  });
});
