/**
 * Compact slots keep the general slots' errors and limits: freed graphs, in-place modification of
 * saved tensors, element budgets; long chains run without recursion; segments do not grow across
 * independent graphs.
 */
import * as assert from 'assert';
import { BudgetError, div, noGrad, sub, tensor, withLimits } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { currentTape, MAX_SEGMENT, recordedAt, setTapeEnabled, WIDE_SEGMENT } from '../../../engine/tape-record';
import { walkStats } from '../../../engine/backward';

/** Slots the backward walk processed with the number step (compact slots, no objects) while fn ran. */
function numberSteps(fn: () => void): number {
  const before = walkStats.numberSteps;
  fn();
  return walkStats.numberSteps - before;
}

/** fn's result (or thrown message) with the tape on, then off: they must agree. */
function bothPaths<T>(fn: () => T): [T | string, T | string] {
  const out: (T | string)[] = [];
  for (const taped of [true, false]) {
    const prev = setTapeEnabled(taped);
    try {
      out.push(fn());
    } catch (e) {
      out.push(`${(e as Error).constructor.name}: ${(e as Error).message}`);
    } finally {
      setTapeEnabled(prev);
    }
  }
  return [out[0], out[1]];
}

const leaf = (v: number): Tensor => tensor(v, { dtype: 'float64', requiresGrad: true });

describe('engine/tape: errors, limits, long chains, segments', () => {
  it('a second backward without retainGraph throws PyTorch\'s error when a node saved tensors', () => {
    const [a, b] = bothPaths(() => {
      const x = leaf(0.5);
      const y = x.mul(1.5).add(2).sum();
      y.backward();
      y.backward();
      return x.grad!.item();
    });
    assert.match(String(a), /Trying to backward through the graph a second time/);
    assert.strictEqual(a, b);
  });

  it('a graph whose nodes save nothing can run backward twice (grads add up), as in torch', () => {
    const [a, b] = bothPaths(() => {
      const x = leaf(0.5);
      const y = x.add(2).neg().sum();
      y.backward();
      y.backward();
      return x.grad!.item();
    });
    assert.strictEqual(a, -2);
    assert.strictEqual(a, b);
  });

  it('random chains run backward twice without retainGraph: same errors or same grads on both paths', () => {
    let errors = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const [a, b] = bothPaths(() => {
        let r = seed;
        const p = (): number => (r = (r * 48271) % 2147483647) % 7;
        const x = leaf(0.4), xs: Tensor[] = [x];
        for (let i = 0; i < 12; i++) {
          const v = xs[xs.length - 1], w = xs[p() % xs.length];
          xs.push([() => v.add(w), () => v.sub(0.5), () => v.neg(), () => v.add(1), () => v.mul(w), () => v.sum(), () => v.tanh()][p()]());
        }
        const y = xs[xs.length - 1];
        y.backward();
        y.backward();
        return x.grad!.item();
      });
      assert.strictEqual(a, b, `seed ${seed}`);
      if (typeof a === 'string') errors++;
    }
    assert.ok(errors > 10 && errors < 60, `${errors} of 60 chains failed the second time`);
  });

  it('retainGraph keeps the graph: two backwards accumulate into .grad in place', () => {
    const [a, b] = bothPaths(() => {
      const x = leaf(0.5);
      const y = x.mul(x).exp();
      y.backward(undefined, { retainGraph: true });
      const g = x.grad!;
      y.backward();
      return [x.grad === g, x.grad!.item(), x.grad!._version];
    });
    assert.deepStrictEqual(a, [true, 2 * 2 * 0.5 * Math.exp(0.25), 1]);
    assert.deepStrictEqual(a, b);
  });

  it('reading gradFn after a tape backward shows freed nodes (apply throws as with general slots)', () => {
    const [a, b] = bothPaths(() => {
      const x = leaf(0.5);
      const y = x.tanh();
      y.backward();
      return y.gradFn!.apply(tensor(1, { dtype: 'float64' }));
    });
    assert.match(String(a), /backward through the graph a second time/);
    assert.strictEqual(a, b);
  });

  it('modifying a saved intermediate in place: the same version error, naming the new grad_fn', () => {
    const [a, b] = bothPaths(() => {
      const x = leaf(0.5);
      const h = x.mul(2);
      const z = h.mul(h);
      h.add_(1);
      z.backward();
      return 'no error';
    });
    assert.match(String(a), /is at version 1; expected version 0.*/);
    assert.match(String(a), /output 0 of AddBackward0/);
    assert.strictEqual(a, b);
  });

  it('modifying a saved result under noGrad (exp saves its result) and a saved leaf: the same errors', () => {
    const cases: (() => string | number)[] = [
      () => { const x = leaf(0.5); const y = x.exp(); noGrad(() => y.mul_(2)); y.backward(); return 'no error'; },
      () => { const x = leaf(0.5), w = tensor(3, { dtype: 'float64' }); const y = x.mul(w); noGrad(() => w.add_(1)); y.backward(); return 'no error'; },
      () => { const x = leaf(0.5); const h = x.add(1); noGrad(() => h.mul_(3)); const y = h.log(); y.backward(); return x.grad!.item(); },
    ];
    for (const c of cases) {
      const [a, b] = bothPaths(c);
      assert.strictEqual(a, b);
    }
    assert.match(String(bothPaths(cases[0])[0]), /modified by an inplace operation/);
    assert.strictEqual(bothPaths(cases[2])[0], 1 / 4.5, 'modified before use: no error, new value used');
  });

  it('withLimits: compact slots charge what the tensor ops allocate (same smallest budget, same error)', () => {
    const graph = (): number => {
      const x = leaf(0.3), w = leaf(-0.7);
      let y = x;
      for (let i = 0; i < 5; i++) y = y.mul(w).add(x).div(w.add(3)).tanh().pow(2).sub(w);
      for (let i = 0; i < 3; i++) y = sub(1, div(1, y.sin().abs().add(0.1).sqrt().cos().add(2)));
      y.mean().backward();
      return x.grad!.item() + w.grad!.item();
    };
    const smallest = (taped: boolean): number => {
      const prev = setTapeEnabled(taped);
      try {
        let n = 0;
        for (;;) {
          try {
            withLimits({ maxElements: n }, graph);
            return n;
          } catch (e) {
            assert.ok(e instanceof BudgetError);
            n++;
          }
        }
      } finally {
        setTapeEnabled(prev);
      }
    };
    const need = smallest(false);
    assert.ok(need > 60, `the graph allocates ${need} elements`);
    assert.strictEqual(smallest(true), need);
    const [a, b] = bothPaths(() => withLimits({ maxElements: need - 1 }, graph));
    assert.strictEqual(a, b);
  });

  it('a 1,000,000-op chain runs forward and backward on the tape (no recursion)', function () {
    this.timeout(20000);
    const x = leaf(0.1);
    let y = x;
    for (let i = 0; i < 500000; i++) y = y.mul(1.000001).add(1e-7);
    y.sum().backward();
    assert.ok(Math.abs(x.grad!.item() - Math.pow(1.000001, 500000)) < 1e-9 * Math.pow(1.000001, 500000));
  });

  it('a 200,000-op chain builds its nodes and takes the node step with onStep (no recursion)', function () {
    this.timeout(20000);
    const x = leaf(0.1);
    let y = x;
    for (let i = 0; i < 100000; i++) y = y.mul(1.00001).add(1e-7);
    let steps = 0;
    y.backward(undefined, { onStep: () => steps++ });
    assert.strictEqual(steps, 200001);
    assert.ok(Math.abs(x.grad!.item() - Math.pow(1.00001, 100000)) < 1e-9 * Math.pow(1.00001, 100000));
  });

  it('chains after forward-only chains start on a fresh segment: their backward takes the number step', () => {
    const x = leaf(0.1);
    const chain = (): Tensor => {
      let y = x;
      for (let i = 0; i < 3000; i++) y = y.mul(1.0001).add(0.5);
      return y;
    };
    for (let run = 0; run < 8; run++) {
      for (let i = 0; i < run; i++) chain();
      const y = chain();
      assert.ok(y.mul(1).gradFn !== null && recordedAt(y).segment === recordedAt(x.mul(1)).segment, 'one segment from the chain on');
      assert.strictEqual(numberSteps(() => y.sum().backward()), 6000, `after ${run} forward-only chains`);
    }
  });

  it('a wide graph (most ops start from leaves, as in a neuron) stays on one segment: its backward takes the number step', () => {
    const ws = Array.from({ length: 4000 }, (_, i) => leaf(Math.sin(i)));
    let s = leaf(0);
    for (const w of ws) s = s.add(w.mul(tensor(0.5, { dtype: 'float64' })));
    const y = s.tanh();
    assert.strictEqual(recordedAt(y).segment, recordedAt(ws[0].mul(1)).segment, 'one segment');
    assert.strictEqual(numberSteps(() => y.backward()), 2 * 4000 + 1);
    assert.strictEqual(ws[17].grad!.item(), 0.5 * (1 - y.item() * y.item()));
  });

  it('a graph spanning two segments (wider than WIDE_SEGMENT) is swept segment by segment, with the general slots\' results', function () {
    this.timeout(20000);
    const segments = new Set<unknown>();
    let swept = false;
    const [a, b] = bothPaths(() => {
      const w = leaf(0.5), v = leaf(-0.25), u = leaf(2);
      let s = leaf(0);
      for (let i = 0; i < WIDE_SEGMENT / 3 + 64; i++) {
        s = s.add(w.mul(0.001 * (i % 7)).mul(i % 3 === 0 ? v : u));
        if (recordedAt(s).compact) segments.add(recordedAt(s).segment);
      }
      const y = s.tanh().mul(s);
      const steps = numberSteps(() => y.backward());
      swept ||= steps > WIDE_SEGMENT;
      return [w.grad!.item(), v.grad!.item(), u.grad!.item()];
    });
    assert.strictEqual(segments.size, 2);
    assert.ok(swept, 'the number step ran on both segments');
    assert.deepStrictEqual(a, b);
    // a second backward meets the freed graph in the older segment: the same error on both kinds of slot
    const [c, d] = bothPaths(() => {
      const w = leaf(0.5);
      let s = leaf(0);
      for (let i = 0; i < WIDE_SEGMENT / 3 + 64; i++) s = s.add(w.mul(0.001 * (i % 7)).mul(w));
      const y = s.add(1).neg();
      y.backward();
      y.backward();
      return w.grad!.item();
    });
    assert.match(String(c), /second time/);
    assert.strictEqual(c, d);
  });

  it('segments: a backward finishes one; independent graphs never grow a segment without bound', function () {
    this.timeout(20000);
    const x = leaf(1);
    x.mul(2).sum().backward();
    const done = currentTape();
    x.mul(3);
    assert.notStrictEqual(currentTape(), done, 'a new graph from a leaf starts a new segment');
    // small graphs that never run backward: a new segment once one holds WIDE_SEGMENT slots
    let biggest = 0, segments = 0, last = currentTape();
    for (let i = 0; i < 3 * WIDE_SEGMENT / 5; i++) {
      leaf(i).mul(2).add(1).tanh().mul(3).exp();
      biggest = Math.max(biggest, currentTape()!.cap);
      if (currentTape() !== last) segments++;
      last = currentTape();
    }
    assert.ok(biggest <= 2 * WIDE_SEGMENT && WIDE_SEGMENT < MAX_SEGMENT, `a segment grew to ${biggest} slots`);
    assert.ok(segments >= 2, `${segments} new segments`);
  });
});
