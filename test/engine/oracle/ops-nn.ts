/** Oracle ops added with the activations, pooling ops and second-order cases of erf and embedding (README "Ops"). */
import { F, Tensor } from '../../../engine/index';
import type { KwargValue } from './format';

type Arg = Tensor | number | null;
type Kwargs = Readonly<Record<string, KwargValue>>;

export type NnOracleOp = 'erf' | 'embedding';

function tensorAt(a: readonly Arg[], i: number, op: string): Tensor {
  const t = a[i];
  if (!(t instanceof Tensor)) throw new Error(`${op}: argument ${i} must be a tensor name`);
  return t;
}

export const NN_OPS: Record<NnOracleOp, (a: readonly Arg[], k: Kwargs) => Tensor> = {
  erf: (a) => F.erf(tensorAt(a, 0, 'erf')),
  embedding: (a) => F.embedding(tensorAt(a, 0, 'embedding'), tensorAt(a, 1, 'embedding')),
};
