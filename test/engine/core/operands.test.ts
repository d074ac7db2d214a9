/**
 * What a JavaScript caller may pass where the types say tensor: the elementwise ops name the op and
 * the argument (an ArgumentError), whether the other operand is a result continuing a chain on the
 * current segment (the recorder's fast path, engine/tape-record.ts) or not.
 */
import * as assert from 'assert';
import * as g from '../../../engine/index';
import { ArgumentError, tensor } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';

const bad: [string, unknown][] = [['a number', 2], ['a string', 's'], ['an array', [1, 2]], ['null', null], ['an object', {}]];
const kind: Record<string, string> = { 'a number': 'number', 'a string': 'str', 'an array': 'list', null: 'null', 'an object': 'object' };

describe('engine/ops: operands that are not tensors', () => {
  for (const chain of [false, true]) {
    const self = (): Tensor => {
      const x = tensor(0.5, { dtype: 'float64', requiresGrad: true });
      return chain ? x.mul(2).add(1) : x;
    };
    for (const [what, v] of bad) {
      if (typeof v !== 'number') {
        it(`${chain ? 'a chained result' : 'a leaf'} .mul/.add/.sub/.div of ${what}: [op] argument 'other'`, () => {
          for (const op of ['mul', 'add', 'sub', 'div'] as const) {
            assert.throws(() => (self()[op] as (o: unknown) => Tensor)(v), (e: unknown) => e instanceof ArgumentError && e.message.includes(`[${op}] argument 'other' must be Tensor or a number, not ${kind[what]}`));
          }
        });
      }
      it(`${chain ? 'with a segment open, ' : ''}exp/tanh/mul of ${what} as the input: [op] argument 'input'`, () => {
        self();
        for (const [op, f] of [['exp', () => g.exp(v as Tensor)], ['tanh', () => g.tanh(v as Tensor)], ['mul', () => g.mul(v as Tensor, tensor(1))]] as const) {
          if (op === 'mul' && typeof v === 'number') continue; // a number on the left is torch's __rmul__
          assert.throws(f, (e: unknown) => e instanceof ArgumentError && e.message.includes(`[${op}] argument 'input' (position 1) must be Tensor, not ${kind[what]}`));
        }
      });
    }
  }
});

describe('engine/ops: number arguments that are not numbers', () => {
  const cases: [string, () => unknown, string][] = [
    ['clamp min', () => tensor([1, 2]).clamp('0' as never), "[clamp] argument 'min' must be a number, got string"],
    ['clamp max', () => tensor([1, 2]).clamp(null, {} as never), "[clamp] argument 'max' must be a number, got object"],
    ['clamp_ min', () => tensor([1, 2]).clamp_('0' as never), "[clamp_] argument 'min' must be a number, got string"],
    ['clampMin', () => tensor([1, 2]).clampMin(null as never), "[clamp_min] argument 'min' must be a number, got null"],
    ['pow_ exponent', () => tensor([1, 2]).pow_('2' as never), "[pow_] argument 'exponent' must be a number, got string"],
  ];
  for (const [what, f, text] of cases) it(`${what}: ${text}`, () => assert.throws(f, (e: unknown) => e instanceof ArgumentError && e.message === text));
});
