/**
 * Custom autograd Functions against torch 1.13 (test/fixtures/oracle/custom/functions.json, made by
 * test/fixtures/oracle/generate/custom_functions.py): outputs, grad_fn names, next_functions,
 * needs_input_grad, the gradients backward received, input gradients, second derivatives and
 * torch's exact errors. Values compare exactly (float64, same ops in the same order).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Tensor, autograd, fromFlat, linspace } from '../../../engine/index';
import { FIXTURE_DIR } from '../oracle/fixtures';
import { actualMessage, expectedMessage } from '../oracle/errors';
import { FUNCTIONS, seen } from './functions';

interface Spec { data: number[]; shape: number[]; requires_grad?: boolean }
interface OutputExp { data: number[]; shape: number[]; requires_grad: boolean; grad_fn: string | null; next_functions: ([string, number] | null)[] | null }
interface Expected {
  outputs?: OutputExp[];
  same_node?: boolean;
  returned_input?: boolean;
  grads?: Record<string, number[] | null>;
  needs_input_grad?: boolean[] | null;
  grad_none?: boolean[] | null;
  double?: Record<string, number[] | null>;
  error?: { step: string; message: string };
}
interface Case {
  id: string; fn: string; inputs: Record<string, Spec>; args: (string | number)[]; weights: (number[] | null)[];
  double?: boolean | 'backward'; weights_grad?: boolean; pre?: 'clone'; after?: 'out0' | 'x'; twice?: boolean; expected: Expected;
}

const lines = fs.readFileSync(path.join(FIXTURE_DIR, 'custom', 'functions.json'), 'utf8').trim().split('\n');
const CASES = lines.slice(1).map((l) => JSON.parse(l) as Case);

const flat = (t: Tensor): number[] => Array.from(t.detach().reshape(-1).dataSync());
const edge = ([f, k]: readonly [unknown, number]): [string, number] | null => (f === null ? null : [(f as { name: string }).name, k]);

/** Runs the case as the generator does; the step names match its `expected.error.step`. */
function run(c: Case): Expected {
  seen.needs = null;
  seen.none = null;
  const leaves = Object.entries(c.inputs).map(([n, s]) => [n, fromFlat(s.data, s.shape, { dtype: 'float64', requiresGrad: s.requires_grad ?? true })] as const);
  const ins = new Map(leaves.map(([n, t]) => [n, c.pre === 'clone' ? t.mul(1) : t]));
  const args = c.args.map((a) => (typeof a === 'string' ? ins.get(a)! : a));
  const exp: Expected = {};
  let step = 'forward';
  try {
    const out = FUNCTIONS[c.fn].apply(...args);
    const outs = (Array.isArray(out) ? out : [out]) as Tensor[];
    exp.outputs = outs.map((o) => ({
      data: flat(o), shape: [...o.shape], requires_grad: o.requiresGrad, grad_fn: o.gradFn?.name ?? null,
      next_functions: o.gradFn === null ? null : o.gradFn.nextFunctions.map(edge),
    }));
    // torch: `a.grad_fn is b.grad_fn`; here each further output has a node of its own that reads as
    // the Function's (same id, name, next_functions), so the same node is the same id
    exp.same_node = outs.length > 1 && outs[0].gradFn !== null && outs[0].gradFn.id === outs[1].gradFn?.id;
    exp.returned_input = outs.some((o) => args.includes(o));
    if (c.after === 'out0') outs[0].mul_(2);
    else if (c.after === 'x') ins.get('x')!.add_(1);
    const used = outs.flatMap((o, i) => (c.weights[i] === null ? [] : [[o, fromFlat(c.weights[i]!, o.shape, { dtype: 'float64', requiresGrad: c.weights_grad ?? false })] as const]));
    step = 'backward';
    const graph = c.double !== undefined && c.double !== false;
    const named = leaves.filter(([, t]) => t.requiresGrad);
    const targets = named.map(([, t]) => t);
    const first = (retainGraph: boolean): (Tensor | null)[] => autograd.grad(used.map(([o]) => o), targets, { gradOutputs: used.map(([, w]) => w), createGraph: graph, retainGraph, allowUnused: true });
    const grads = first(graph || c.twice === true);
    exp.grads = Object.fromEntries(named.map(([n], i) => [n, grads[i] === null ? null : flat(grads[i]!)]));
    exp.needs_input_grad = seen.needs;
    exp.grad_none = seen.none;
    if (graph) {
      step = 'double';
      let h: Tensor | null = null;
      for (const g of grads) if (g !== null) h = (h === null ? (x: Tensor) => x : (x: Tensor) => h!.add(x))(g.mul(linspace(-1, 1, g.numel(), { dtype: 'float64' }).reshape(g.shape)).sum());
      let gg: (Tensor | null)[];
      if (c.double === 'backward') {
        h!.backward();
        gg = targets.map((t) => t.grad);
      } else gg = autograd.grad([h!], targets, { allowUnused: true });
      exp.double = Object.fromEntries(named.map(([n], i) => [n, gg[i] === null ? null : flat(gg[i]!)]));
    }
    if (c.twice === true) {
      step = 'backward2';
      first(false);
      first(false);
    }
  } catch (e) {
    exp.error = { step, message: actualMessage(e) };
  }
  return exp;
}

describe('autograd.Function: custom Functions against torch 1.13 (test/fixtures/oracle/custom/functions.json)', () => {
  it('the fixture holds the cases the generator defines', () => {
    assert.ok(CASES.length >= 20, `${CASES.length} cases`);
    for (const c of CASES) assert.ok(FUNCTIONS[c.fn] !== undefined, `no twin for ${c.fn}`);
  });
  for (const c of CASES) {
    it(`${c.id} (${c.fn})`, () => {
      const want = { ...c.expected };
      if (want.error !== undefined) want.error = { ...want.error, message: expectedMessage(want.error.message) };
      const got = run(c);
      // the generator records `twice: "ok"` when the repeated backward succeeded
      delete (want as { twice?: unknown }).twice;
      assert.deepStrictEqual(got, want);
    });
  }
});
