/**
 * The matmul family on the shared gemm kernel (engine/kernels/gemm.ts): dot mv mm bmm addmm, and
 * `matmul` decomposed exactly as torch 1.13's _matmul_impl so the recorded graph matches.
 * Backward uses the transpose flags of gemm directly unless a graph of the gradient is wanted.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import { SAVE_BOTH } from './saves';
import type { Operand } from './define';
import { gemm } from '../kernels/gemm';
import type { FloatArray } from '../kernels/gemm';
import { isGradEnabled } from '../grad-mode';
import { broadcastShapes, fmtShape, sameShape } from '../shape';
import { ArgumentError, ShapeError } from '../errors';
import * as V from './view';
import { chargeCompute } from '../limits';

const T = (x: Operand): Tensor => x as Tensor;
const F = (t: Tensor): FloatArray => t.dataSync() as FloatArray;

function checkDtypes(op: string, a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) throw new ArgumentError(op, `expected both operands to have the same dtype, but got ${a.dtype} and ${b.dtype}`);
  if (a.dtype === 'bool') throw new ArgumentError(op, 'not implemented for bool tensors');
}
/** torch 1.13's mm/addmm text: the two matrices as RxC (after matmul folded any batch dims into rows). */
function mmMismatch(op: string, a: Tensor, b: Tensor): never {
  throw new ShapeError(op, `mat1 and mat2 shapes cannot be multiplied (${a.shape[0]}x${a.shape[1]} and ${b.shape[0]}x${b.shape[1]})`);
}

/** C = op(A)·op(B) for 2-D tensors with optional transposes, as a fresh tensor. */
function mmRaw(a: Tensor, ta: boolean, b: Tensor, tb: boolean): Tensor {
  const m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1], n = tb ? b.shape[0] : b.shape[1];
  chargeCompute('mm', m * n * k);
  const out = Tensor.empty('mm', [m, n], a.dtype);
  gemm(m, n, k, F(a), 0, ta, F(b), 0, tb, F(out), 0, false);
  return out;
}
/** Batched op(A)·op(B) over the leading dim of 3-D tensors. */
function bmmRaw(a: Tensor, ta: boolean, b: Tensor, tb: boolean): Tensor {
  const B = a.shape[0];
  const m = ta ? a.shape[2] : a.shape[1], k = ta ? a.shape[1] : a.shape[2], n = tb ? b.shape[1] : b.shape[2];
  chargeCompute('bmm', B * m * n * k);
  const out = Tensor.empty('bmm', [B, m, n], a.dtype);
  for (let i = 0; i < B; i++) gemm(m, n, k, F(a), i * m * k, ta, F(b), i * k * n, tb, F(out), i * m * n, false);
  return out;
}

export const Dot = defineOp({
  name: 'DotBackward0', doc: 'self·other for vectors; d/dself = grad*other, d/dother = grad*self', formulas: ['grad * other', 'grad * self'], saves: SAVE_BOTH, savedOnlyFor: [1, 0],
  forward: ([a, b]) => {
    const x = T(a), y = T(b);
    chargeCompute('dot', x.numel());
    const out = Tensor.empty('dot', [], x.dtype);
    let s = 0;
    for (let i = 0; i < x.dataSync().length; i++) s += x.dataSync()[i] * y.dataSync()[i];
    out.dataSync()[0] = s;
    return out;
  },
  backward: (g, n) => [n.edge(0) === null ? null : g.mul(T(n.input(1))), n.edge(1) === null ? null : g.mul(T(n.input(0)))],
});
export const Mv = defineOp({
  name: 'MvBackward0', doc: 'matrix·vector; d/dself = outer(grad, vec), d/dvec = self^T·grad', formulas: ['grad.ger(vec)', 'self.t().mv(grad)'], saves: SAVE_BOTH, savedOnlyFor: [1, 0],
  forward: ([a, b]) => {
    const A = T(a);
    chargeCompute('mv', A.shape[0] * A.shape[1]);
    const out = Tensor.empty('mv', [A.shape[0]], A.dtype);
    gemm(A.shape[0], 1, A.shape[1], F(A), 0, false, F(T(b)), 0, false, F(out), 0, false);
    return out;
  },
  backward: (g, n) => {
    const A = T(n.input(0)), v = T(n.input(1));
    return [n.edge(0) === null ? null : g.unsqueeze(1).mul(v), n.edge(1) === null ? null : mv(V.t(A), g)];
  },
});
export const Mm = defineOp({
  name: 'MmBackward0', doc: 'matrix product; d/dself = grad·other^T, d/dother = self^T·grad', formulas: ['grad.mm(other.t())', 'self.t().mm(grad)'], saves: SAVE_BOTH, savedOnlyFor: [1, 0],
  forward: ([a, b]) => mmRaw(T(a), false, T(b), false),
  backward: (g, n) => {
    const A = T(n.input(0)), B = T(n.input(1));
    if (!isGradEnabled()) return [n.edge(0) === null ? null : mmRaw(g, false, B, true), n.edge(1) === null ? null : mmRaw(A, true, g, false)];
    return [n.edge(0) === null ? null : mm(g, V.t(B)), n.edge(1) === null ? null : mm(V.t(A), g)];
  },
});
export const Bmm = defineOp({
  name: 'BmmBackward0', doc: 'batched matrix product; d/dself = grad·other^T, d/dother = self^T·grad', formulas: ['grad.bmm(other.transpose(1, 2))', 'self.transpose(1, 2).bmm(grad)'], saves: SAVE_BOTH, savedOnlyFor: [1, 0],
  forward: ([a, b]) => bmmRaw(T(a), false, T(b), false),
  backward: (g, n) => {
    const A = T(n.input(0)), B = T(n.input(1));
    if (!isGradEnabled()) return [n.edge(0) === null ? null : bmmRaw(g, false, B, true), n.edge(1) === null ? null : bmmRaw(A, true, g, false)];
    return [n.edge(0) === null ? null : bmm(g, V.transpose(B, 1, 2)), n.edge(1) === null ? null : bmm(V.transpose(A, 1, 2), g)];
  },
});
/** bias + mat1·mat2 (F.linear's op). The bias gradient is summed to its shape by autograd. */
export const Addmm = defineOp({
  name: 'AddmmBackward0', doc: 'self + mat1·mat2; d/dself = grad, d/dmat1 = grad·mat2^T, d/dmat2 = mat1^T·grad', formulas: ['grad', 'grad.mm(mat2.t())', 'mat1.t().mm(grad)'], saves: 6, savedOnlyFor: [-1, 2, 1],
  forward: ([c, a, b]) => {
    const A = T(a), B = T(b), C = T(c);
    chargeCompute('addmm', A.shape[0] * B.shape[1] * A.shape[1]);
    const out = Tensor.empty('addmm', [A.shape[0], B.shape[1]], A.dtype);
    const o = F(out), cd = C.dataSync(), n = B.shape[1];
    if (C.dataSync().length === o.length) o.set(cd);
    else if (C.shape.length === 1 || (C.shape.length === 2 && C.shape[0] === 1)) for (let i = 0; i < o.length; i++) o[i] = cd[i % n];
    else o.fill(cd[0]);
    gemm(A.shape[0], n, A.shape[1], F(A), 0, false, F(B), 0, false, o, 0, true);
    return out;
  },
  backward: (g, n) => {
    const A = T(n.input(1)), B = T(n.input(2));
    if (!isGradEnabled()) return [g, n.edge(1) === null ? null : mmRaw(g, false, B, true), n.edge(2) === null ? null : mmRaw(A, true, g, false)];
    return [g, n.edge(1) === null ? null : mm(g, V.t(B)), n.edge(2) === null ? null : mm(V.t(A), g)];
  },
});

export function dot(a: Tensor, b: Tensor): Tensor {
  checkDtypes('dot', a, b);
  if (a.shape.length !== 1 || b.shape.length !== 1) throw new ShapeError('dot', `1D tensors expected, but got ${a.shape.length}D and ${b.shape.length}D tensors`);
  if (a.shape[0] !== b.shape[0]) throw new ShapeError('dot', `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
  return run(Dot, [a, b], undefined);
}
export function mv(a: Tensor, b: Tensor): Tensor {
  checkDtypes('mv', a, b);
  if (a.shape.length !== 2 || b.shape.length !== 1) throw new ShapeError('mv', `expected a matrix and a vector, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  if (a.shape[1] !== b.shape[0]) throw new ShapeError('mv', `size mismatch, got ${a.shape[0]}, ${a.shape[0]}x${a.shape[1]},${b.shape[0]}`);
  return run(Mv, [a, b], undefined);
}
export function mm(a: Tensor, b: Tensor, op = 'mm'): Tensor {
  checkDtypes(op, a, b);
  if (a.shape.length !== 2 || b.shape.length !== 2) throw new ShapeError(op, `expected 2-D tensors, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  if (a.shape[1] !== b.shape[0]) mmMismatch(op, a, b);
  return run(Mm, [a, b], undefined);
}
export function bmm(a: Tensor, b: Tensor, op = 'bmm'): Tensor {
  checkDtypes(op, a, b);
  if (a.shape.length !== 3 || b.shape.length !== 3) throw new ShapeError(op, `expected 3-D tensors, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new ShapeError(op, `Expected size for first two dimensions of batch2 tensor to be: [${a.shape[0]}, ${a.shape[2]}] but got: [${b.shape[0]}, ${b.shape[1]}].`);
  }
  return run(Bmm, [a, b], undefined);
}
/** bias + mat1·mat2 with torch's argument order (bias first: next_functions [bias, mat1, mat2]). */
export function addmm(bias: Tensor, a: Tensor, b: Tensor): Tensor {
  checkDtypes('addmm', a, b);
  if (a.shape.length !== 2 || b.shape.length !== 2) throw new ShapeError('addmm', `expected 2-D tensors, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  if (a.shape[1] !== b.shape[0]) mmMismatch('addmm', a, b);
  broadcastShapes('addmm', bias.shape, [a.shape[0], b.shape[1]]);
  return run(Addmm, [bias, a, b], undefined);
}

/** expand (skipped when already that shape) then reshape: torch's batched-matmul operand prep. */
function batchOperand(x: Tensor, shape: readonly number[], flat: readonly number[]): Tensor {
  return V.reshape(sameShape(x.shape, shape) ? x : V.expand(x, shape), flat);
}

/**
 * torch.matmul, decomposed as torch 1.13 does (so grad_fn names match). A size mismatch is reported by
 * the kernel the decomposition reaches (dot, mv, mm on folded rows, bmm), with that kernel's torch text.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const d1 = a.shape.length, d2 = b.shape.length;
  if (d1 === 0 || d2 === 0) throw new ShapeError('matmul', `both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  const k1 = a.shape[d1 - 1], k2 = d2 === 1 ? b.shape[0] : b.shape[d2 - 2];
  checkDtypes('matmul', a, b);
  if (d1 === 1 && d2 === 1) return dot(a, b);
  if (d1 === 2 && d2 === 1) return mv(a, b);
  if (d1 === 1 && d2 === 2) return run(V.SqueezeInternal, [mm(V.unsqueeze(a, 0), b, 'matmul')], [0]);
  if (d1 === 2 && d2 === 2) return mm(a, b, 'matmul');
  if (d1 >= 3 && d2 <= 2) {
    // fold the batch dims of a into its rows: one mm (or mv) then an _unsafe_view
    const outShape = a.shape.slice(0, -1);
    const folded = V.reshape(a, [-1, k1]);
    if (d2 === 2) outShape.push(b.shape[1]);
    const r = d2 === 2 ? mm(folded, b, 'matmul') : mv(folded, b);
    return run(V.UnsafeView, [r], outShape);
  }
  if (d2 >= 3 && d1 <= 2) {
    // (b^T · a^T)^T, as torch: the transpose back is made contiguous (CloneBackward0)
    const r = matmul(V.transpose(b, -1, -2), d1 === 2 ? V.t(a) : a);
    return d1 === 2 ? V.contiguous(V.transpose(r, -1, -2)) : r;
  }
  const n = d1 > 1 ? a.shape[d1 - 2] : 1, p = d2 > 1 ? b.shape[d2 - 1] : 1;
  const batch = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const bp = batch.reduce((x, y) => x * y, 1);
  const r = bmm(batchOperand(a, [...batch, n, k1], [bp, n, k1]), batchOperand(b, [...batch, k2, p], [bp, k2, p]), 'matmul');
  return run(V.UnsafeView, [r], [...batch, n, p]);
}
