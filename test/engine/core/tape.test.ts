/**
 * Compact slots against general slots: the same seeded random graphs of single-element ops, recorded
 * once in compact slots (the backward walk's number step) and once as Node objects (its node step,
 * the tensor ops that the oracle suite checks against PyTorch), must give bit-identical values, leaf
 * gradients, grad_fn ids/names/next_functions/formulas and onStep sequences.
 */
import * as assert from 'assert';
import { add, autograd, div, fromFlat, mul, Node, sub, tensor } from '../../../engine/index';
import type { BackwardStep, Dtype, GradFn, Tensor } from '../../../engine/index';
import { counters } from '../../../engine/ids';
import { recordedAt, setTapeEnabled } from '../../../engine/tape-record';
import { walkStats } from '../../../engine/backward';
import { binaryOp, scalarOp, unaryOp } from '../../../engine/ops/derive';
import { OP_IDS, TABLE } from '../../../engine/ops/table';
import type { OpId } from '../../../engine/ops/table';

type Pick = () => number;
type Step = (xs: Tensor[], p: Pick, dtype: Dtype) => Tensor;
const NUMBERS = [2, -0.5, 1.0001, 0.1, 3, -2.5];
const num = (p: Pick): number => NUMBERS[p() % NUMBERS.length];
/** An operand inside the entry's domain for input i (log of a positive number, ...). */
const inDomain = (id: OpId, i: number, x: Tensor): Tensor => (TABLE[id].domain[i] === 'positive' ? x.abs().add(0.5) : x);
/** One step per recorded op of the table (a new entry is covered without editing this file). */
const TABLE_STEPS: Step[] = OP_IDS.filter((id) => TABLE[id].name !== null).map((id): Step => {
  const e = TABLE[id];
  if (e.arity === 'unary') return (xs, p) => unaryOp(id, inDomain(id, 0, xs[p()]));
  if (e.arity === 'scalar') return (xs, p) => scalarOp(id, inDomain(id, 0, xs[p()]), num(p));
  return (xs, p) => binaryOp(id, inDomain(id, 0, xs[p()]), p() % 3 === 0 ? num(p) : inDomain(id, 1, xs[p()]));
});
const STEPS: Step[] = [
  ...TABLE_STEPS,
  (xs, p) => xs[p()].mul(num(p)),
  (xs, p) => xs[p()].add(num(p)),
  (xs, p) => xs[p()].sub(num(p)),
  (xs, p) => xs[p()].div(num(p)),
  (xs, p) => mul(num(p), xs[p()]),
  (xs, p) => add(num(p), xs[p()]),
  (xs, p) => xs[p()].mul(xs[p()]),
  (xs, p) => xs[p()].add(xs[p()]),
  (xs, p) => xs[p()].sub(xs[p()]),
  (xs, p) => xs[p()].div(xs[p()].mul(xs[p()]).add(1)),
  (xs, p) => xs[p()].neg(),
  (xs, p) => xs[p()].tanh().exp(),
  (xs, p) => xs[p()].mul(xs[p()]).add(0.5).log(),
  (xs, p) => xs[p()].tanh(),
  (xs, p) => xs[p()].sigmoid(),
  (xs, p) => xs[p()].relu(),
  (xs, p) => xs[p()].pow([2, 3, 0, -1][p() % 4]),
  (xs, p) => xs[p()].mul(xs[p()]).add(0.25).pow(0.5),
  (xs, p) => xs[p()].abs().add(0.1).sqrt(),
  (xs, p) => xs[p()].sin(),
  (xs, p) => xs[p()].cos(),
  (xs, p) => div(num(p), xs[p()].mul(xs[p()]).add(1)),
  (xs, p) => sub(num(p), xs[p()]),
  (xs, p) => xs[p()].abs(),
  (xs, p) => xs[p()].sum(),
  (xs, p) => xs[p()].mean(),
  // off the tape (from OFF_TAPE on): a two-element tensor, a view, a different rank, a float64/float32 mix
  (xs, p, dt) => xs[p()].mul(tensor([1.5, -2], { dtype: dt })).sum(),
  (xs, p) => xs[p()].reshape([1]).mul(0.75),
  (xs, p) => xs[p()].add(xs[p()].reshape([1, 1])),
  (xs, p) => xs[p()].mul(tensor(0.3, { dtype: 'float64' })),
];

const OFF_TAPE = STEPS.length - 4;

interface Run {
  values: number[];
  grads: (number[] | null)[];
  /** Per result: grad_fn name, id relative to the first id of the run, next_functions (name, relative id). */
  fns: string[];
  /** Some slots took the walk's number step (compact slots). */
  swept: boolean;
}

function describeFn(f: GradFn | null, base: number): string {
  if (f === null) return 'leaf';
  const next = f.nextFunctions.map(([n]) => (n === null ? 'null' : `${n.name}#${n.id - base}`)).join(',');
  return `${f.name}#${f.id - base}[${next}]{${f.formulas.join(';')}}`;
}

/** Build a seeded random graph, backward from a sum of its last results, then read every grad_fn. */
function run(seed: number, dtype: Dtype, taped: boolean, opts: { onStep?: (s: BackwardStep) => void; twice?: boolean } = {}): Run {
  const prev = setTapeEnabled(taped);
  try {
    const base = counters.node;
    let r = seed;
    const p: Pick = () => (r = (r * 48271) % 2147483647) % 97;
    const leaf = (v: number, shape: number[], rg = true): Tensor => fromFlat(Float64Array.of(v), shape, { dtype, requiresGrad: rg });
    // even seeds: only ops and shapes the tape takes; odd seeds: graphs mixed with object-path nodes
    const pure = seed % 2 === 0, steps = pure ? STEPS.slice(0, OFF_TAPE) : STEPS;
    const leaves = [leaf(0.7, []), leaf(-1.3, []), leaf(0.2, []), leaf(0.9, pure ? [] : [1]), leaf(1.7, [], false)];
    const xs: Tensor[] = [...leaves];
    const pick = (): number => p() % xs.length;
    for (let i = 0; i < 24; i++) xs.push(steps[p() % steps.length](xs, pick, dtype));
    const last = xs.slice(-4).filter((t) => t.requiresGrad);
    if (last.length === 0) last.push(xs[0]);
    let loss = last[0].sum();
    for (const t of last.slice(1)) loss = loss.add(t.sum());
    const before = walkStats.numberSteps;
    loss.backward(undefined, { onStep: opts.onStep, retainGraph: opts.twice });
    if (opts.twice) loss.backward();
    const swept = walkStats.numberSteps > before;
    return {
      swept,
      values: xs.map((t) => t.dataSync()[0]).concat(loss.item()),
      grads: leaves.map((l) => (l.grad === null ? null : [...l.grad.dataSync()])),
      fns: xs.concat(loss).map((t) => describeFn(t.gradFn, base)),
    };
  } finally {
    setTapeEnabled(prev);
  }
}

describe('engine/tape: compact slots against general slots', () => {
  for (const dtype of ['float64', 'float32'] as Dtype[]) {
    it(`100 random scalar graphs (${dtype}): identical values, leaf grads, grad_fns`, () => {
      let onTape = 0, swept = 0;
      for (let seed = 1; seed <= 100; seed++) {
        const a = run(seed, dtype, true), b = run(seed, dtype, false);
        assert.strictEqual(b.swept, false);
        if (a.swept) swept++;
        assert.deepStrictEqual(a.values, b.values, `seed ${seed} values`);
        assert.deepStrictEqual(a.grads, b.grads, `seed ${seed} grads`);
        assert.deepStrictEqual(a.fns, b.fns, `seed ${seed} grad_fns`);
        if (a.grads.some((g) => g !== null && g[0] !== 0 && g[0] !== 1)) onTape++;
      }
      assert.ok(onTape >= 60, `only ${onTape} graphs had non-trivial gradients`);
      assert.ok(swept >= 25, `only ${swept} graphs took the number step`);
    });

    it(`random graphs (${dtype}) with retainGraph and a second backward accumulate identically`, () => {
      for (let seed = 101; seed <= 140; seed++) {
        const a = run(seed, dtype, true, { twice: true }), b = run(seed, dtype, false, { twice: true });
        assert.deepStrictEqual(a.grads, b.grads, `seed ${seed}`);
      }
    });

    it(`random graphs (${dtype}): the same onStep sequence (nodes, gradients in and out)`, () => {
      for (let seed = 141; seed <= 170; seed++) {
        const seq: string[][] = [[], []];
        const base = [0, 0];
        [true, false].forEach((taped, i) => {
          base[i] = counters.node;
          run(seed, dtype, taped, {
            onStep: (s) => seq[i].push(`${s.node.name}#${s.node.id - base[i]} in ${s.gradsIn.map((g) => g.dataSync()[0])} out ${s.gradsOut.map((g) => (g === null ? 'null' : [...g.dataSync()].join('/')))}`),
          });
        });
        assert.ok(seq[0].length > 0);
        assert.deepStrictEqual(seq[0], seq[1], `seed ${seed}`);
      }
    });
  }

  it('autograd.grad (with createGraph: second derivatives) and an explicit backward gradient, as with general slots', () => {
    const out: number[][] = [];
    for (const taped of [true, false]) {
      const prev = setTapeEnabled(taped);
      const x = tensor(0.7, { dtype: 'float32', requiresGrad: true }), w = tensor(-1.2, { dtype: 'float32', requiresGrad: true });
      const y = x.mul(w).tanh().mul(x).add(w.exp());
      const [gx, gw] = autograd.grad(y, [x, w], { createGraph: true });
      const [gxx] = autograd.grad(gx!, x);
      const z = x.sigmoid().mul(3);
      z.backward(tensor(0.25, { dtype: 'float32' }));
      out.push([gx!.item(), gw!.item(), gxx!.item(), x.grad!.item(), w.grad === null ? -1 : w.grad.item()]);
      setTapeEnabled(prev);
    }
    assert.deepStrictEqual(out[0], out[1]);
  });

  it('gradFn is built once, is a Node, and reads like a general slot\'s', () => {
    const x = tensor(0.5, { dtype: 'float64', requiresGrad: true });
    const y = x.mul(3).exp();
    const f = y.gradFn as Node;
    assert.ok(f instanceof Node);
    assert.strictEqual(y.gradFn, f);
    assert.strictEqual(f.name, 'ExpBackward0');
    assert.deepStrictEqual(f.formulas, ['grad * result']);
    assert.strictEqual(f.out, y, 'the saved result is the tensor itself');
    const m = f.nextFunctions[0][0] as Node;
    assert.strictEqual(m.name, 'MulBackward0');
    assert.deepStrictEqual(m.inputs, [x, 3]);
    assert.strictEqual(m.nextFunctions[0][0], x._accumulator());
    assert.ok(m.id < f.id && x._accumulator()!.id < m.id, 'ids in creation order');
    assert.strictEqual(m.nextFunctions[1][0], null);
    const [g] = f.apply(tensor(2, { dtype: 'float64' }));
    assert.strictEqual(g!.item(), 2 * y.item());
    assert.ok(String(y).endsWith('grad_fn=<ExpBackward0>)'));
  });

  it('an intermediate read back through next_functions has the same id and value', () => {
    const x = tensor(0.25, { dtype: 'float32', requiresGrad: true });
    const h = x.tanh();
    const z = h.mul(h).add(1);
    const mulNode = z.gradFn!.nextFunctions[0][0] as Node;
    const seen = mulNode.input(0) as Tensor;
    assert.strictEqual(seen.id, h.id);
    assert.strictEqual(seen.item(), h.item());
    assert.strictEqual(seen.gradFn, h.gradFn);
    assert.strictEqual(seen.dtype, 'float32');
  });

  it('printing a taped result does not build its node', () => {
    const x = tensor(1, { dtype: 'float64', requiresGrad: true });
    const y = x.sigmoid();
    assert.ok(String(y).includes('grad_fn=<SigmoidBackward0>'));
    assert.strictEqual(recordedAt(y).built, false);
    assert.strictEqual(y.isLeaf, false);
  });

  it('mixed scalar and tensor graphs: a vector op on taped scalars and taped ops on an object-path scalar', () => {
    const out: number[][] = [];
    for (const taped of [true, false]) {
      const prev = setTapeEnabled(taped);
      const a = tensor(0.3, { dtype: 'float64', requiresGrad: true }), v = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
      const s = a.mul(2).tanh();
      const w = v.mul(s).sum();          // a general slot consuming a compact result
      const z = w.mul(a).add(s.exp());   // compact slots consuming a general result
      z.backward();
      out.push([z.item(), a.grad!.item(), ...v.grad!.dataSync()]);
      setTapeEnabled(prev);
    }
    assert.deepStrictEqual(out[0], out[1]);
  });
});
