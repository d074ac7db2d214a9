/**
 * Dtypes that fail loudly: int32 exists and prints like torch's, integers Gradlens cannot hold
 * exactly (|v| > 2^53 - 1, where torch keeps or wraps 64-bit values) are refused, and bad creation
 * arguments are ArgumentErrors naming the op and the argument. Promotion and int32 wrap-around are
 * checked against PyTorch in test/fixtures/oracle/dtypes.json. Printed strings are PyTorch 1.13's str().
 */
import * as assert from 'assert';
import { ArgumentError, arange, full, rand, randint, randn, tensor, zeros } from '../../../engine/index';
import type { Dtype } from '../../../engine/index';

const argError = (re: RegExp) => (e: unknown): boolean => e instanceof ArgumentError && re.test((e as Error).message);

describe('engine/dtypes: int32', () => {
  it('creates and prints int32 tensors as torch does', () => {
    const cases: [string, string][] = [
      [zeros(2, { dtype: 'int32' }).toString(), 'tensor([0, 0], dtype=torch.int32)'],
      [tensor([[5, -7]], { dtype: 'int32' }).toString(), 'tensor([[ 5, -7]], dtype=torch.int32)'],
      [tensor(5, { dtype: 'int32' }).toString(), 'tensor(5, dtype=torch.int32)'],
      [tensor([], { dtype: 'int32' }).toString(), 'tensor([], dtype=torch.int32)'],
      [arange(5, { dtype: 'int32' }).toString(), 'tensor([0, 1, 2, 3, 4], dtype=torch.int32)'],
      [tensor([1.5, -2.5]).int().toString(), 'tensor([ 1, -2], dtype=torch.int32)'],
    ];
    for (const [actual, expected] of cases) assert.strictEqual(actual, expected);
  });

  it('.int() and .long() never require grad, and return the tensor itself when it already has that dtype', () => {
    const x = tensor([1.5], { requiresGrad: true });
    assert.strictEqual(x.int().requiresGrad, false);
    assert.strictEqual(x.long().gradFn, null);
    const i = tensor([1], { dtype: 'int32' });
    assert.strictEqual(i.int(), i);
  });
});

describe('engine/dtypes: integers beyond what float64 holds exactly are refused, not rounded', () => {
  const big = 2 ** 53;
  const cases: [string, () => unknown, RegExp][] = [
    ['tensor([2^53], int64)', () => tensor([big], { dtype: 'int64' }), /^\[tensor\] value 9007199254740992 cannot be converted to int64: 9007199254740992 is outside the range of integers Gradlens holds exactly as int64/],
    ['an int64 product past 2^53', () => tensor([2 ** 52], { dtype: 'int64' }).mul(4), /^\[mul\] the int64 result 18014398509481984 is outside the range/],
    ['an int64 sum of two tensors past 2^53', () => tensor([big - 1], { dtype: 'int64' }).add(tensor([2], { dtype: 'int64' })), /^\[add\] the int64 result/],
    ['an int32 product past 2^53 (torch would wrap the exact 64-bit product)', () => tensor([2147483647], { dtype: 'int32' }).mul(tensor([2147483647], { dtype: 'int32' })), /^\[mul\] the int32 result/],
    ['.long() of 1e20 (torch: undefined behaviour)', () => tensor([1e20], { dtype: 'float64' }).long(), /^\[long\] cannot convert float64 to int64: 100000000000000000000 is outside/],
    ['.long() of NaN', () => tensor([NaN]).long(), /cannot convert float32 to int64: NaN cannot be converted to int64/],
    ['.int() of 3e9 (torch: undefined behaviour)', () => tensor([3e9], { dtype: 'float64' }).int(), /cannot convert float64 value 3000000000 to int32: it is outside \[-2147483648, 2147483647\]/],
    ['tensor([3e9], int32) (torch: "value cannot be converted to type int32 without overflow")', () => tensor([3e9], { dtype: 'int32' }), /value cannot be converted to type int32 without overflow: 3000000000/],
    ['full(2^40, int32)', () => full([2], 2 ** 40, { dtype: 'int32' }), /^\[full\] value cannot be converted to type int32 without overflow/],
  ];
  for (const [name, f, re] of cases) it(name, () => assert.throws(f, argError(re)));

  it('the largest exact integers still work', () => {
    assert.deepStrictEqual([...tensor([big - 2], { dtype: 'int64' }).add(1).dataSync()], [big - 1]);
    assert.deepStrictEqual([...tensor([-(big - 1)], { dtype: 'int64' }).dataSync()], [-(big - 1)]);
  });
});

describe('engine/dtypes: creation arguments', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["tensor('abc')", () => tensor('abc' as never), /^\[tensor\] invalid data type 'string': tensor data must be numbers or booleans$/],
    ['tensor([1, null])', () => tensor([1, null] as never), /invalid data type null \(element 1\)/],
    ["an unknown dtype 'int8'", () => tensor([1], { dtype: 'int8' as Dtype }), /argument 'dtype' must be one of 'float32', 'float64', 'int32', 'int64', 'bool', got 'int8'/],
    ['options that are not an object', () => zeros(2, 'float64' as never), /argument 'size' must be a list of integers, got 'float64'/],
    ['requiresGrad not a boolean', () => zeros(2, { requiresGrad: 1 as never }), /argument 'requiresGrad' must be a boolean, got 1/],
    ['randn([2, -2]) names the size, not the element budget', () => randn([2, -2]), /^\[randn\] Trying to create tensor with negative dimension -2: \[2, -2\]$/],
    ['randn(2.5)', () => randn(2.5), /^\[randn\] argument 'size' must be a list of integers, got 2\.5 in \[2\.5\]$/],
    ['rand with an integer dtype', () => rand(2, { dtype: 'int64' }), /^\[rand\] argument 'dtype' must be a floating point dtype, got int64$/],
    ['randint(5, 2, ...) (torch\'s message)', () => randint(5, 2, [2]), /random_ expects 'from' to be less than 'to', but got from=5 >= to=2/],
    ['randint with a negative size', () => randint(0, 2, [2, -1]), /Trying to create tensor with negative dimension -1: \[2, -1\]/],
    ['arange(5, 0) (torch\'s message)', () => arange(5, 0), /upper bound and larger bound inconsistent with step sign/],
    ['arange(NaN)', () => arange(NaN), /argument 'end' must be a finite number, got NaN/],
    ['an integer tensor requiring grad', () => tensor([1], { dtype: 'int32', requiresGrad: true }), /Only Tensors of floating point and complex dtype can require gradients/],
  ];
  for (const [name, f, re] of cases) it(name, () => assert.throws(f, argError(re)));
});
