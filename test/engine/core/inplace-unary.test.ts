/**
 * The in-place unary ops on single-element tensors the tape records in compact slots (the
 * oracle's inplace-unary.json checks values, gradients and torch's errors on both kinds of slot;
 * these check that the compact path was the one taken, the stand-in tensors a compact slot builds,
 * and the argument errors). The version errors, sigmoid_'s dtype error and neg_'s are torch 1.13.1's
 * messages for the same programs; torch words clamp_'s dtype error "... output type long int".
 */
import * as assert from 'assert';
import { tensor, noGrad, ArgumentError, AutogradError } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { recordedAt, setTapeEnabled } from '../../../engine/tape-record';
import { nextNames } from './helpers';

/** Runs `f` with compact slots on and off; both must give the same outcome. */
function bothSlots<R>(f: (taped: boolean) => R): [R, R] {
  const run = (taped: boolean): R => {
    const prev = setTapeEnabled(taped);
    try {
      return f(taped);
    } finally {
      setTapeEnabled(prev);
    }
  };
  return [run(true), run(false)];
}

/** The message of the error `f` throws (without Gradlens's "[op] " prefix). */
function messageOf(f: () => void): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof AutogradError || e instanceof ArgumentError, String(e));
    return e.message.slice(e.op.length + 3);
  }
  return assert.fail('expected an error');
}

const VERSION_ERROR = (shape: string, node: string, now: number, expected: number): string =>
  `one of the variables needed for gradient computation has been modified by an inplace operation: [torch.DoubleTensor ${shape}], which is output 0 of ${node}, is at version ${now}; expected version ${expected} instead.`;

type Step = (y: Tensor) => Tensor;
/** Each op that saves its result, then a second in-place op on the same tensor. */
const SAVES_RESULT: [string, Step, string][] = [
  ['relu_', (y) => y.relu_(), 'ReluBackward0'],
  ['sigmoid_', (y) => y.sigmoid_(), 'SigmoidBackward0'],
  ['tanh_', (y) => y.tanh_(), 'TanhBackward0'],
  ['exp_', (y) => y.exp_(), 'ExpBackward0'],
  ['sqrt_', (y) => y.sqrt_(), 'SqrtBackward0'],
];

describe('engine/in-place unary ops on compact tape slots', () => {
  for (const [name, op, node] of SAVES_RESULT) {
    it(`${name} on a 0-d result of a compact slot, changed again: version 2, expected 1 (torch's message)`, () => {
      const [taped, general] = bothSlots((on) => {
        const a = tensor(0.75, { dtype: 'float64', requiresGrad: true });
        const y = a.mul(1.5);
        assert.strictEqual(recordedAt(y).compact, on);
        assert.strictEqual(op(y), y, 'returns self');
        assert.strictEqual(y._version, 1);
        y.mul_(2);
        return messageOf(() => y.backward());
      });
      assert.strictEqual(taped, VERSION_ERROR('[]', node, 2, 1));
      assert.strictEqual(general, taped);
    });
  }

  it('exp\'s compact slot saved its result; relu_ on it after a stand-in of that slot was built still fails backward', () => {
    const a = tensor(0.5, { dtype: 'float64', requiresGrad: true });
    const e = a.exp();
    const z = e.mul(3);
    assert.ok(recordedAt(e).compact && recordedAt(z).compact);
    // builds z's node, whose input is a stand-in for e's slot (e itself was never seen by the tape)
    assert.deepStrictEqual(nextNames(z), ['ExpBackward0', null]);
    e.relu_();
    assert.strictEqual(messageOf(() => z.backward()), VERSION_ERROR('[]', 'ExpBackward0', 1, 0));
  });

  it('the gradient through relu_ on a compact slot is the same as through the general slot', () => {
    const [taped, general] = bothSlots(() => {
      const grads: number[] = [];
      for (const v of [-0.5, 0, 0.5]) {
        const a = tensor(v, { dtype: 'float64', requiresGrad: true });
        const y = a.mul(1.5).relu_();
        y.mul(3).backward();
        grads.push(a.grad!.item());
      }
      return grads;
    });
    // (the values themselves are the oracle's: relu__0d and relu_vector in inplace-unary.json)
    assert.deepStrictEqual(taped, general);
  });

  it('under noGrad a leaf is clipped in place, stays a leaf without grad_fn, and its version moves', () => {
    const w = tensor([-2, 0.5, 3], { dtype: 'float64', requiresGrad: true });
    noGrad(() => w.clamp_(-1, 1));
    assert.deepStrictEqual(Array.from(w.dataSync()), [-1, 0.5, 1]);
    assert.ok(w.isLeaf && w.requiresGrad && w.gradFn === null);
    assert.strictEqual(w._version, 1);
  });
});

describe('engine/in-place unary ops: argument errors name the op', () => {
  const x = (): Tensor => tensor([1, 2, 3], { dtype: 'float64' });
  const ints = (): Tensor => tensor([1, 2, 3], { dtype: 'int64' });
  const ROWS: [string, () => unknown, string][] = [
    ['clamp_ without bounds', () => x().clamp_(), 'At least one of \'min\' or \'max\' must not be None'],
    ['clamp_ with a string bound', () => x().clamp_('1' as unknown as number), 'argument \'min\' must be a number, got string'],
    ['clamp_min_ without a bound', () => x().clampMin_(undefined as unknown as number), 'argument \'min\' must be a number, got undefined'],
    ['pow_ with a tensor exponent', () => x().pow_(x() as unknown as number), 'argument \'exponent\' must be a number, got object'],
    ['sigmoid_ on int64 (torch: a float result)', () => ints().sigmoid_(), 'result type Float can\'t be cast to the desired output type Long'],
    ['clamp_ on int64 with a fractional bound', () => ints().clamp_(0.5), 'result type Float can\'t be cast to the desired output type Long'],
    ['neg_ on bool', () => tensor([true]).neg_(), 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.'],
  ];
  for (const [title, f, message] of ROWS) {
    it(title, () => assert.strictEqual(messageOf(f as () => void), message));
  }
});
