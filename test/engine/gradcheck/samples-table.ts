/**
 * Gradient-check samples derived from the op table: each recorded entry is checked on inputs drawn
 * from its declared domains (a [2, 3] tensor, and a [3] one broadcast against it for binary ops).
 * Entries whose domain is 'sample' need a hand-written sample in samples-core.ts instead.
 */
import type { Tensor } from '../../../engine/index';
import { binaryOp, DEFS, scalarOp, unaryOp } from '../../../engine/ops/derive';
import { OP_IDS, TABLE } from '../../../engine/ops/table';
import type { Domain, OpId, RecordedOpId } from '../../../engine/ops/table';
import type { GradSample } from './harness';
import { leaf } from './harness';

/** The number parameter of `scalar` entries (an exponent, a number operand). */
const PARAM = 2.5;

function input(shape: number[], seed: number, d: Domain): Tensor {
  if (d === 'positive') return leaf(shape, seed, { lo: 0.5, hi: 2 });
  return leaf(shape, seed, typeof d === 'string' ? {} : { avoid: d });
}

function sample(id: OpId, seed: number): GradSample | null {
  const e = TABLE[id];
  if (e.domain.includes('sample')) return null;
  switch (e.arity) {
    case 'unary': return { inputs: () => [input([2, 3], seed, e.domain[0])], fn: ([x]) => unaryOp(id, x) };
    case 'scalar': return { inputs: () => [input([2, 3], seed, e.domain[0])], fn: ([x]) => scalarOp(id, x, PARAM) };
    case 'binary': return { inputs: () => [input([2, 3], seed, e.domain[0]), input([3], seed + 500, e.domain[1])], fn: ([a, b]) => binaryOp(id, a, b) };
  }
}

/** Samples of every recorded table entry whose domains suffice. */
export const TABLE_SAMPLES: Partial<Record<RecordedOpId, GradSample>> = Object.fromEntries(
  OP_IDS.filter((id) => id in DEFS).flatMap((id, i) => {
    const s = sample(id, 1000 + i);
    return s === null ? [] : [[id, s]];
  }),
);
