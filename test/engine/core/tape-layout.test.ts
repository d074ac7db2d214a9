/**
 * How a segment stores a slot (engine/tape.ts, tape-ids.ts, tape-layout.ts): ids kept as runs, the
 * second operand in the operand cell, the rank limit of compact slots, and the sweep that stops once
 * no reached slot is left. Each is checked against what the general slots (Node objects) give.
 */
import * as assert from 'assert';
import { fromFlat, tensor } from '../../../engine/index';
import type { GradFn, Tensor } from '../../../engine/index';
import { recordedAt, setTapeEnabled } from '../../../engine/tape-record';
import { walkStats } from '../../../engine/backward';
import { IdRuns } from '../../../engine/tape-ids';
import { MAX_RANK } from '../../../engine/tape-layout';

/** Every tensor reachable backwards from `t` through next_functions (the stand-ins a segment rebuilds), with its grad_fn. */
function chain(t: Tensor): { id: number; value: number; fn: string; fnId: number }[] {
  const out: { id: number; value: number; fn: string; fnId: number }[] = [];
  let f: GradFn | null = t.gradFn;
  let cur: Tensor = t;
  while (f !== null && f.name !== 'AccumulateGrad') {
    out.push({ id: cur.id, value: cur.item(), fn: f.name, fnId: f.id });
    const node = f as unknown as { input(i: number): unknown };
    const next = node.input(0);
    if (next === null || typeof next !== 'object') break;
    cur = next as Tensor;
    f = f.nextFunctions[0][0];
  }
  return out;
}

/** A chain whose ops are interleaved with leaves and general ops, so ids do not advance with slots. */
function interleaved(): { ids: number[]; root: Tensor } {
  const x = tensor(0.3, { dtype: 'float64', requiresGrad: true });
  const ids: number[] = [];
  let y = x;
  for (let i = 0; i < 40; i++) {
    y = i % 3 === 0 ? y.mul(tensor(1 + i / 100, { dtype: 'float64' })) : y.add(0.25);
    if (i % 5 === 0) tensor([1, 2, 3], { requiresGrad: true }).mul(2).sum(); // a general graph between
    if (i % 7 === 0) assert.ok(y.gradFn !== null); // a node built now takes no new id
    ids.push(y.id);
  }
  return { ids, root: y.exp() };
}

describe('engine/tape: how a segment stores a slot', () => {
  it('IdRuns: one run for ids advancing with slots, a run per jump, ids read back for every slot', () => {
    const r = new IdRuns();
    const ids = [10, 11, 12, 20, 21, 22, 23, 40, 41, 100];
    ids.forEach((id, k) => {
      if (id - k !== r.last) r.note(k, id);
    });
    assert.strictEqual(r.runs, 4);
    assert.deepStrictEqual(ids.map((_, k) => r.idOf(k)), ids);
    assert.throws(() => new IdRuns().idOf(0), /no id was noted for slot 0/);
  });

  it('IdRuns: ids jumping at every slot are kept per slot from then on (no run per slot), all read back', () => {
    const r = new IdRuns();
    const ids: number[] = [];
    for (let k = 0; k < 500; k++) ids.push(k < 100 ? 7 + k : 7 + 3 * k);
    ids.forEach((id, k) => {
      if (id - k !== r.last) r.note(k, id);
    });
    assert.strictEqual(r.runs, -1);
    assert.deepStrictEqual(ids.map((_, k) => r.idOf(k)), ids);
  });

  it('ids of tensors and nodes rebuilt from compact slots are the real ones, with leaves and graphs made between ops', () => {
    const { ids, root } = interleaved();
    assert.strictEqual(recordedAt(root).compact, true);
    const seen = chain(root);
    // the stand-ins read back through next_functions: the ids the ops returned, newest first
    assert.deepStrictEqual(seen.slice(1).map((s) => s.id), ids.slice().reverse());
    // against the general slots: the same names and values, node ids increasing with creation as there
    const prev = setTapeEnabled(false);
    try {
      const general = chain(interleaved().root);
      assert.deepStrictEqual(seen.map((s) => [s.fn, s.value]), general.map((s) => [s.fn, s.value]));
      for (const c of [seen, general]) for (let i = 1; i < c.length; i++) assert.ok(c[i].fnId < c[i - 1].fnId);
    } finally {
      setTapeEnabled(prev);
    }
  });

  it('a chain taking a new leaf at every op (ids jump at every slot): the rebuilt tensors keep their ids', () => {
    const x = tensor(0.1, { dtype: 'float64', requiresGrad: true });
    const ids: number[] = [];
    let y = x;
    for (let i = 0; i < 300; i++) {
      y = y.add(tensor(i / 1000, { dtype: 'float64' }));
      ids.push(y.id);
    }
    const seen = chain(y.exp());
    assert.deepStrictEqual(seen.slice(1).map((s) => s.id), ids.slice().reverse());
  });

  it('a tensor second operand (on the segment, or from outside it) and a number one: values, grads and next_functions', () => {
    const results: unknown[] = [];
    for (const taped of [true, false]) {
      const prev = setTapeEnabled(taped);
      try {
        const a = tensor(0.7, { dtype: 'float64', requiresGrad: true }), b = tensor(-1.2, { dtype: 'float64', requiresGrad: true });
        const u = a.mul(b);          // both from outside the segment
        const v = u.mul(u.add(2));    // second operand on the segment
        const w = v.sub(0.5).div(a);  // a number, then a leaf again
        w.backward();
        const fns = [u, v, w].map((t) => t.gradFn!.nextFunctions.map(([f]) => f?.name ?? null));
        results.push({ w: w.item(), ga: a.grad!.item(), gb: b.grad!.item(), fns });
      } finally {
        setTapeEnabled(prev);
      }
    }
    assert.deepStrictEqual(results[0], results[1]);
  });

  it(`a single element of rank above ${MAX_RANK} takes a general slot and gives the same gradient`, () => {
    const shape = new Array<number>(MAX_RANK + 1).fill(1);
    const x = fromFlat(Float64Array.of(0.4), shape, { dtype: 'float64', requiresGrad: true });
    const y = x.mul(3).tanh();
    assert.strictEqual(recordedAt(y).compact, false);
    assert.deepStrictEqual(y.shape, shape);
    y.sum().backward();
    const t = Math.tanh(0.4 * 3);
    assert.strictEqual(x.grad!.item(), (1 - t * t) * 3);
    const z = fromFlat(Float64Array.of(0.4), shape.slice(1), { dtype: 'float64', requiresGrad: true }).mul(3);
    assert.strictEqual(recordedAt(z).compact, true);
  });

  it('the sweep stops at the last reached slot: an older graph on the segment keeps its graph and runs its own backward', () => {
    const a = tensor(0.5, { dtype: 'float64', requiresGrad: true });
    let first = a;
    for (let i = 0; i < 50; i++) first = first.mul(1.01);
    const b = tensor(2, { dtype: 'float64', requiresGrad: true });
    let second = b;
    for (let i = 0; i < 30; i++) second = second.add(0.1).mul(0.9);
    assert.strictEqual(recordedAt(first).segment, recordedAt(second).segment);
    const before = walkStats.numberSteps;
    second.backward();
    // its 60 slots (and the seed's), not the older chain's
    assert.strictEqual(walkStats.numberSteps - before, 60);
    assert.strictEqual(a.grad, null);
    first.backward();
    const prev = setTapeEnabled(false);
    try {
      const g = tensor(0.5, { dtype: 'float64', requiresGrad: true });
      let y = g;
      for (let i = 0; i < 50; i++) y = y.mul(1.01);
      y.backward();
      assert.strictEqual(a.grad!.item(), g.grad!.item());
    } finally {
      setTapeEnabled(prev);
    }
  });
});
