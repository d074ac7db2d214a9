/** Oracle ops added with views.json: the view ops and in-place ops not in ops.ts (README "Ops"). */
import { Tensor } from '../../../engine/index';
import type { KwargValue } from './format';

type Arg = Tensor | number | null;
type Kwargs = Readonly<Record<string, KwargValue>>;

export type ViewOracleOp = 'same' | 't' | 'narrow' | 'fill_' | 'zero_' | 'copy_';

function tensorAt(a: readonly Arg[], i: number, op: string): Tensor {
  const t = a[i];
  if (!(t instanceof Tensor)) throw new Error(`${op}: argument ${i} must be a tensor name`);
  return t;
}
function numberAt(a: readonly Arg[], i: number, op: string): number {
  const v = a[i];
  if (typeof v !== 'number') throw new Error(`${op}: argument ${i} must be a number`);
  return v;
}
function intKw(k: Kwargs, key: string, op: string): number {
  const v = k[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${op}: kwarg ${key} must be an int`);
  return v;
}

export const VIEW_OPS: Record<ViewOracleOp, (a: readonly Arg[], k: Kwargs) => Tensor> = {
  // Python's `b1 = b`: the same tensor, recorded under another name at this step
  same: (a) => tensorAt(a, 0, 'same'),
  t: (a) => tensorAt(a, 0, 't').t(),
  narrow: (a, k) => tensorAt(a, 0, 'narrow').narrow(intKw(k, 'dim', 'narrow'), intKw(k, 'start', 'narrow'), intKw(k, 'length', 'narrow')),
  fill_: (a) => tensorAt(a, 0, 'fill_').fill_(numberAt(a, 1, 'fill_')),
  zero_: (a) => tensorAt(a, 0, 'zero_').zero_(),
  copy_: (a) => tensorAt(a, 0, 'copy_').copy_(tensorAt(a, 1, 'copy_')),
};
