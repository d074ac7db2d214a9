/**
 * The modules over the new ops (nn.ELU, nn.Hardtanh, nn.ReLU6, nn.MaxPool2d, nn.AvgPool2d,
 * nn.AdaptiveAvgPool2d): each forward is its functional op with the module's arguments (stride
 * defaulting to the kernel size), each prints as torch 1.13's repr, and bad arguments are refused
 * with errors naming the op. Values against PyTorch: test/fixtures/oracle/pooling.json.
 */
import * as assert from 'assert';
import { F, autograd, fromFlat, nn, randn, manualSeed } from '../../engine/index';
import type { Tensor } from '../../engine/index';

const same = (a: Tensor, b: Tensor): void => {
  assert.deepStrictEqual(a.shape, b.shape);
  assert.deepStrictEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
};

describe('engine/nn: activation and pooling modules', () => {
  manualSeed(7);
  const x = randn([2, 3, 6, 7]);
  const CASES: [string, nn.Module, (t: Tensor) => Tensor][] = [
    ['ELU', new nn.ELU(0.5), (t) => F.elu(t, 0.5)],
    ['Hardtanh', new nn.Hardtanh(-0.5, 2), (t) => F.hardtanh(t, -0.5, 2)],
    ['ReLU6', new nn.ReLU6(), (t) => F.relu6(t)],
    ['MaxPool2d', new nn.MaxPool2d(2), (t) => F.maxPool2d(t, 2, 2)],
    ['MaxPool2d with pairs', new nn.MaxPool2d([2, 3], 1, 1, 2, false, true), (t) => F.maxPool2d(t, [2, 3], 1, 1, 2, true)],
    ['AvgPool2d', new nn.AvgPool2d(3, 2, 1, false, false), (t) => F.avgPool2d(t, 3, 2, 1, false, false)],
    ['AdaptiveAvgPool2d', new nn.AdaptiveAvgPool2d([3, null]), (t) => F.adaptiveAvgPool2d(t, [3, 7])],
  ];
  for (const [name, m, f] of CASES) it(`${name}: forward is the functional op`, () => same(m.forward(x) as Tensor, f(x)));

  it("print as torch 1.13's repr", () => {
    // strings printed by torch 1.13.1 for the same constructor calls
    assert.deepStrictEqual([new nn.ELU(0.5), new nn.ELU(), new nn.ReLU6(), new nn.MaxPool2d(2), new nn.MaxPool2d([2, 3], 1, 1, 2, false, true),
      new nn.AvgPool2d(3, 2, 1), new nn.AdaptiveAvgPool2d([3, null]), new nn.AdaptiveAvgPool2d(1)].map(String), [
      'ELU(alpha=0.5)', 'ELU(alpha=1.0)', 'ReLU6()', 'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)',
      'MaxPool2d(kernel_size=(2, 3), stride=1, padding=1, dilation=2, ceil_mode=True)', 'AvgPool2d(kernel_size=3, stride=2, padding=1)',
      'AdaptiveAvgPool2d(output_size=(3, None))', 'AdaptiveAvgPool2d(output_size=1)',
    ]);
  });

  it('gives -inf for a max-pool window wholly in the padding, and sends it no gradient', () => {
    // torch 1.13 gives -inf too; its backward then writes outside the input (heap corruption), so
    // there is no torch gradient to match: none is sent from such a window
    const t = fromFlat([1, 2, 3], [1, 1, 1, 3], { dtype: 'float64', requiresGrad: true });
    const y = F.maxPool2d(t, 2, 1, 1, 2);
    assert.deepStrictEqual(Array.from(y.dataSync()), [-Infinity, -Infinity, -Infinity]);
    const [g] = autograd.grad([y.mul(fromFlat([1, 2, 3], [1, 1, 1, 3], { dtype: 'float64', requiresGrad: true })).sum()], [t], { createGraph: true });
    assert.deepStrictEqual(Array.from(g!.dataSync()), [0, 0, 0]);
  });

  const ERRORS: [string, () => unknown, RegExp][] = [
    ['padding over half the kernel', () => F.maxPool2d(x, 2, 2, 2), /\[max_pool2d\] pad should be at most half of effective kernel size/],
    ['a 2-d input to a 2d pool', () => F.avgPool2d(randn([4, 4]), 2), /\[avg_pool2d\] .*3D or 4D/],
    ['a zero kernel', () => F.maxPool2d(x, 0), /\[max_pool2d\] kernelSize should be greater than zero/],
    ['a non-integer kernel', () => F.avgPool2d(x, 1.5), /\[avg_pool2d\] argument 'kernelSize' must be an int or a pair of ints/],
    ['a 4-d input to a 1d pool', () => F.maxPool1d(x, 2), /\[max_pool1d\] Expected 2D or 3D/],
    ['an output too small', () => F.maxPool2d(randn([1, 1, 2, 2]), 3, 1, 1, 2), /\[max_pool2d\] Output size is too small/],
    ['hardtanh bounds reversed', () => new nn.Hardtanh(1, -1), /\[Hardtanh\] minVal \(1\) cannot be greater than maxVal \(-1\)/],
    ['elu on integers', () => F.elu(x.long()), /\[elu\]/],
    ['returnIndices', () => new nn.MaxPool2d(2, null, 0, 1, true), /\[MaxPool2d\] returnIndices is not supported/],
  ];
  for (const [what, f, re] of ERRORS) it(`refuses ${what}, naming the op`, () => assert.throws(f, re));
});
