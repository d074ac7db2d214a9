import * as assert from 'node:assert/strict';
import type { Graph } from '../../extension/analysis/trace';
import { chainLines, codeBlock, escapeMarkdown, hoverMarkdown } from '../../extension/host/hover-text';
import { binding, snap } from './fixtures';

/** The seed's graph: x → MulBackward0 → AddBackward0 → DivBackward0, with AccumulateGrad for x. */
const SEED: Graph = {
  nodes: [
    { id: 'n0', kind: 'leaf', label: 'x', name: 'x' },
    { id: 'n1', kind: 'accumulate', label: 'AccumulateGrad', gradFn: 'AccumulateGrad', leafId: 'n0' },
    { id: 'n2', kind: 'op', label: 'MulBackward0', gradFn: 'MulBackward0' },
    { id: 'n3', kind: 'op', label: 'AddBackward0', gradFn: 'AddBackward0' },
    { id: 'n4', kind: 'op', label: 'DivBackward0', gradFn: 'DivBackward0' },
  ],
  edges: [
    { id: 'e0', from: 'n0', to: 'n1', index: 0 },
    { id: 'e1', from: 'n1', to: 'n2', index: 0 },
    { id: 'e2', from: 'n2', to: 'n3', index: 0 },
    { id: 'e3', from: 'n3', to: 'n4', index: 0 },
  ],
  groups: [],
};
const IMPLICIT = { graph: SEED, target: 'z2', targetKind: 'backward' as const };
const NONE = { graph: SEED, target: null, targetKind: null };

describe('hover text', () => {
  it('says why a gradient or an end value is not known', () => {
    const b = binding('w', { value: snap([], [0.5]), gradUnknown: 'a backward() not evaluated', finalUnknown: 'changed by code not evaluated' });
    const md = hoverMarkdown(b, IMPLICIT, 4, undefined);
    assert.match(md, /gradient unknown: a backward.{0,6} not evaluated/);
    assert.match(md, /at the end of the file: unknown .{1,2}changed by code not evaluated/);
    assert.doesNotMatch(md, /no gradient/);
  });

  it('walks next_functions from the binding\'s grad_fn down to the leaf', () => {
    assert.deepEqual(chainLines(SEED, 'n4'), ['DivBackward0', '  AddBackward0', '    MulBackward0', '      AccumulateGrad', '        x (leaf)']);
  });

  it('orders next_functions by slot and marks a node reached twice', () => {
    const g: Graph = {
      nodes: [
        { id: 'a', kind: 'leaf', label: 'a', name: 'a' },
        { id: 'm', kind: 'op', label: 'MulBackward0', gradFn: 'MulBackward0' },
      ],
      edges: [{ id: 'e1', from: 'a', to: 'm', index: 1 }, { id: 'e0', from: 'a', to: 'm', index: 0 }],
      groups: [],
    };
    assert.deepEqual(chainLines(g, 'm'), ['MulBackward0', '  a (leaf)', '  a (leaf) (shared, above)']);
  });

  it('shows PyTorch text, shape, requiresGrad, grad_fn, the chain and the links', () => {
    const z2 = binding('z2', {
      value: snap([], [0.8], 'tensor(0.8000, grad_fn=<DivBackward0>)'), grad: snap([], [1], 'tensor(1.)'),
      gradFn: 'DivBackward0', requiresGrad: true, isLeaf: false, nodeId: 'n4',
    });
    const md = hoverMarkdown(z2, IMPLICIT, 4, { showInGraph: 'command:a', makeTarget: 'command:b' });
    for (const s of ['tensor(0.8000, grad_fn=<DivBackward0>)', 'tensor(1.)', 'requiresGrad `true`', 'grad_fn `DivBackward0`', '    MulBackward0', '[Show in graph](command:a)', '[Make this the target](command:b)', '∇ of `z2` (implicit target)']) {
      assert.ok(md.includes(s), `missing ${s} in\n${md}`);
    }
  });

  it('escapes names from the file so they cannot inject links or HTML', () => {
    const evil = binding('[x](command:evil)<img>', { value: snap([], [1], 'tensor(1.)') });
    const md = hoverMarkdown(evil, IMPLICIT, 4, undefined);
    assert.ok(!md.includes('[x](command:evil)'));
    assert.ok(!md.includes('<img>'));
    assert.equal(escapeMarkdown('a*b'), 'a\\*b');
  });

  it('a chosen target is named as such; without any target the hover says why there is no gradient', () => {
    const z1 = binding('z1', { value: snap([], [4], 'tensor(4.)'), grad: snap([], [1], 'tensor(1.)'), requiresGrad: true });
    assert.ok(hoverMarkdown(z1, { ...IMPLICIT, target: 'z1', targetKind: 'user' }, 4, undefined).includes('∇ of `z1` (target)'));
    const x = binding('x', { value: snap([], [1], 'tensor(1., requires_grad=True)'), requiresGrad: true, isLeaf: true });
    assert.match(hoverMarkdown(x, NONE, 4, undefined), /no gradient: the file calls no backward\(\) or autograd\.grad yet/);
  });

  it('a value changed later: initial → final, and both in full', () => {
    const w = binding('w', { value: snap([1, 1], [0], 'tensor([[0.]], requires_grad=True)'), finalValue: snap([1, 1], [2.98], 'tensor([[2.9800]], requires_grad=True)') });
    const md = hoverMarkdown(w, IMPLICIT, 4, undefined);
    assert.ok(md.includes('initial `[[0]]` → final `[[2.98]]`'), md);
    assert.ok(md.includes('tensor([[0.]], requires_grad=True)') && md.includes('tensor([[2.9800]], requires_grad=True)'), md);
  });

  it('a value that failed: no facts about it (shape, requiresGrad, leaf), no gradient claim', () => {
    const z = binding('z', { value: null, unknown: 'div: expected a tensor or number, got nothing', requiresGrad: false, isLeaf: true });
    const md = hoverMarkdown(z, IMPLICIT, 4, undefined);
    assert.match(md, /value unknown: div: expected a tensor or number, got nothing/);
    for (const claim of ['requiresGrad', 'leaf', 'shape', 'gradient']) assert.ok(!md.includes(claim), `${claim} in\n${md}`);
  });

  it('a code block fence outgrows backticks in the text', () => {
    assert.ok(codeBlock('a ``` b').startsWith('````text\n'));
  });

  it('shows the iteration history of a loop binding', () => {
    const loss = binding('loss', { value: snap([], [0.1], 'tensor(0.1000)'), iterations: 3, history: [3, 2, 0.1] });
    assert.match(hoverMarkdown(loss, IMPLICIT, 4, undefined), /3 iterations: `█▆▁` from 3 to 0\.1/);
  });
});
