/**
 * Deferred values, the tensor's side: whether a tensor is pending, computing one tensor's values or
 * many in one pass, and which deferred values graph nodes saved. Tensors and nodes appear here only
 * as types, so the tensor state (engine/tensor-state.ts) computes its deferred values from below
 * the Tensor class; making deferred tensors is defer.ts.
 */
import type { Tensor } from '../tensor';
import type { Storage } from '../dtype';
import type { Node } from '../node';
import type { LazyNode } from './node';
import { evaluate } from './evaluate';

/** True when `t`'s values are deferred and not computed yet. */
export function isPending(t: Tensor): boolean {
  const z = t._deferred();
  return z !== null && z.data === null;
}

/** Add `by` to the saved count of every deferred value the graph node saves for backward (its saved inputs and result). */
function countSaved(node: Node, by: number): void {
  const mask = node.op.saves;
  for (let i = 0; i < 3; i++) {
    const x = (mask & (1 << i)) !== 0 ? node.input(i) : null;
    const z = x !== null && typeof x === 'object' ? x._deferred() : null;
    if (z !== null) z.saved += by;
  }
  const z = node.out === null ? null : node.out._deferred();
  if (z !== null) z.saved += by;
}

/** Deferred tensors a graph node saved for backward are stored when first computed (not computed twice). */
export function keepSaved(node: Node): void {
  countSaved(node, 1);
}

/**
 * The graph node no longer needs its saved tensors (backward freed it): their deferred values need
 * not be stored any more (a pass stores them only if some later reader may need them).
 */
export function releaseSaved(node: Node): void {
  countSaved(node, -1);
}

/** Compute (if needed) and attach a deferred tensor's storage. */
export function materialise(t: Tensor): Storage {
  const z = t._deferred()!;
  if (z.data === null) evaluate([z], z.len);
  t._settle(z.data!);
  return z.data!;
}

/** Materialise many tensors at once: one multi-output pass per loop length. */
export function materialiseAll(ts: readonly (Tensor | null)[]): void {
  const groups = new Map<number, LazyNode[]>();
  for (const t of ts) {
    if (t === null || !isPending(t)) continue;
    const z = t._deferred()!;
    const g = groups.get(z.len);
    if (g === undefined) groups.set(z.len, [z]);
    else if (!g.includes(z)) g.push(z);
  }
  for (const [len, nodes] of groups) evaluate(nodes, len);
  for (const t of ts) if (t !== null && t._deferred() !== null) materialise(t);
}
