/**
 * The op table (engine/ops/table.ts): every entry has every derived artefact -- compiled kernels,
 * the fused loop's expression, the scalar tape's forward and VJP, the OpDef in the ops registry
 * (name, one formula per input, saves), a gradient-check sample and, unless internal, the public
 * function and Tensor method -- and the derived paths agree bit for bit with each other.
 */
import * as assert from 'assert';
import * as gradlens from '../../../engine/index';
import { fromFlat, ops, Tensor, withLimits } from '../../../engine/index';
import type { Dtype } from '../../../engine/index';
import { binaryKernelOf, binaryOp, CODE, DEFS, maskOp, scalarOp, unaryKernelOf, unaryOp } from '../../../engine/ops/derive';
import { formulaOf, savesOf } from '../../../engine/ops/terms';
import { OP_IDS, TABLE } from '../../../engine/ops/table';
import type { OpId } from '../../../engine/ops/table';
import { FORWARDS, Io, VJPS, VjpFlag } from '../../../engine/tape-ops';
import { setTapeEnabled } from '../../../engine/tape-record';
import { fusion } from '../../../engine/lazy/node';
import { GRAD_SAMPLES } from '../gradcheck/samples';
import { values } from '../gradcheck/harness';

/** Entries that are not user API: reached through another op (rsub: number - tensor) or only inside derivatives. */
const INTERNAL = new Set<OpId>(['rsub', 'threshold', 'sgnMask', 'maximumMask', 'minimumMask', 'identity', 'zeroWhere', 'powZeroBase', 'zerosLike']);
const recorded = (id: OpId): boolean => TABLE[id].name !== null;

/** Operands from the entry's domains (a number exponent 0 exercises pow's special case). */
function operands(id: OpId, n: number, seed: number): [number[], number[]] {
  const e = TABLE[id];
  const pick = (i: number): number[] => {
    const d = e.domain[Math.min(i, e.domain.length - 1)];
    if (d === 'positive') return values(n, seed + i, 0.5, 2);
    return values(n, seed + i, -2, 2, typeof d === 'string' ? [] : d);
  };
  return [pick(0), pick(1)];
}

/** Bit-identical arrays (NaN equals NaN, 0 differs from -0). */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.strictEqual(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

/** Apply entry id to x (and y or the parameter c), as the op functions do. */
function applyOp(id: OpId, x: Tensor, y: Tensor | number, c: number): Tensor {
  const e = TABLE[id];
  if (!recorded(id)) {
    if (e.arity === 'unary') throw new Error(`${id} is only read inside derivatives`);
    return maskOp(id, x, y);
  }
  return e.arity === 'unary' ? unaryOp(id, x) : e.arity === 'scalar' ? scalarOp(id, x, c) : binaryOp(id, x, y);
}

describe('engine/ops/table: every entry derives every artefact', () => {
  for (const id of OP_IDS) {
    const e = TABLE[id];
    it(`${id}: kernels, fused expression${recorded(id) ? ', OpDef, formulas, tape forward and VJP, gradcheck sample' : ''}${INTERNAL.has(id) ? '' : ', public API'}`, () => {
      const [xs, ys] = operands(id, 8, 31 + CODE[id]);
      // the eager kernel agrees with its scalar form, and the fused loop with the eager kernel
      const a = Float64Array.from(xs), b = Float64Array.from(ys), out = new Float64Array(8);
      if (e.arity === 'unary') {
        const k = unaryKernelOf(id);
        k(a, out, 8);
        sameBits(out, xs.map((v) => k.scalar(v)), `${id} kernel`);
      } else {
        const k = binaryKernelOf(id);
        k.same(a, b, out, 8);
        sameBits(out, xs.map((v, i) => k.scalar(v, ys[i])), `${id} kernel`);
      }
      if (e.dtype !== 'bool' && e.name !== null) {
        const big = (fused: boolean): number[] => {
          const saved = fusion.minElements;
          fusion.minElements = fused ? 4 : Infinity;
          try {
            const x = fromFlat(a, [8], { dtype: 'float32' }), y = fromFlat(b, [8], { dtype: 'float32' });
            return [...applyOp(id, x, y, 2.5).dataSync()];
          } finally {
            fusion.minElements = saved;
          }
        };
        sameBits(big(true), big(false), `${id} fused`);
      }
      if (!INTERNAL.has(id)) {
        assert.strictEqual(typeof (Tensor.prototype as unknown as Record<string, unknown>)[e.api], 'function', `Tensor.${e.api}`);
        assert.strictEqual(typeof (gradlens as unknown as Record<string, unknown>)[e.api], 'function', `export ${e.api}`);
      }
      if (!recorded(id)) {
        assert.strictEqual(id in DEFS, false);
        return;
      }
      const def = (ops as Record<string, unknown>)[id] as (typeof DEFS)[keyof typeof DEFS];
      assert.strictEqual(def, (DEFS as Record<string, unknown>)[id], `ops.${id} is the derived OpDef`);
      assert.strictEqual(def.name, e.name);
      assert.strictEqual(def.formulas.length, e.arity === 'binary' ? 2 : 1);
      def.formulas.forEach((f, i) => assert.strictEqual(f, formulaOf(id, i)));
      assert.strictEqual(def.saves, savesOf(id));
      assert.ok(GRAD_SAMPLES[id as keyof typeof GRAD_SAMPLES] !== undefined, `gradient-check sample for ${id}`);
      // the compact forward is the kernel's expression; its VJP exists for every input
      const k = e.arity === 'unary' ? null : binaryKernelOf(id);
      const io = new Float64Array(6);
      const fwd = (x: number, y: number): number => {
        io[Io.X] = x;
        io[Io.Y] = y;
        FORWARDS[CODE[id]](io);
        return io[Io.Result];
      };
      sameBits(xs.map((v, i) => fwd(v, ys[i])), xs.map((v, i) => (k === null ? unaryKernelOf(id).scalar(v) : k.scalar(v, ys[i]))), `${id} tape forward`);
      io[Io.Result] = fwd(xs[0], ys[0]);
      io[Io.Grad] = 1;
      io[Io.D0] = io[Io.D1] = NaN;
      const binary = e.arity === 'binary';
      VJPS[CODE[id]](VjpFlag.E0 | (binary ? VjpFlag.E1 | VjpFlag.OtherTensor : 0), io);
      assert.ok(!Number.isNaN(io[Io.D0]) && (!binary || !Number.isNaN(io[Io.D1])), `${id} tape VJP`);
    });
  }
});

/** One op on single-element leaves, forward and backward; values, gradients and the budget it needs. */
function scalarRun(id: OpId, dtype: Dtype, x: number, y: number | null, c: number, taped: boolean): (number | string)[] {
  const prev = setTapeEnabled(taped);
  try {
    const run = (): (number | string)[] => {
      const tx = fromFlat([x], [], { dtype, requiresGrad: true });
      const ty = y === null ? c : fromFlat([y], [], { dtype, requiresGrad: true });
      const z = applyOp(id, tx, ty, c);
      z.mul(-1.25).backward();
      return [z.item(), z.gradFn!.name, tx.grad!.item(), typeof ty === 'number' ? 'number' : ty.grad!.item()];
    };
    let need = 0;
    for (;;) {
      try {
        withLimits({ maxElements: need }, run);
        break;
      } catch {
        need++;
      }
    }
    return [...run(), need];
  } finally {
    setTapeEnabled(prev);
  }
}

describe('engine/ops/table: the scalar tape and the tensor path agree per entry', () => {
  for (const id of OP_IDS.filter(recorded)) {
    const e = TABLE[id];
    it(`${id}: values, gradients and element charges, float64 and float32, bit for bit`, () => {
      const [xs, ys] = operands(id, 3, 7 + CODE[id]);
      for (const dtype of ['float64', 'float32'] as Dtype[]) {
        for (let i = 0; i < xs.length; i++) {
          // [tensor y or null, number operand or parameter]: both operands tensors, a number operand, pow's exponent 0
          const cases: [number | null, number][] = e.arity === 'binary' ? [[ys[i], 0], [null, ys[i]]] : e.arity === 'scalar' ? [[null, ys[i]], [null, 0]] : [[null, 0]];
          for (const [y, c] of cases) {
            const taped = scalarRun(id, dtype, xs[i], y, c, true), tensor = scalarRun(id, dtype, xs[i], y, c, false);
            assert.deepStrictEqual(taped.map(String), tensor.map(String), `${id} ${dtype} x=${xs[i]} y=${y} c=${c}`);
          }
        }
      }
    });
  }
});
