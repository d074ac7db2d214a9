/**
 * Reading the op table's derivative terms (table.ts) without evaluating them: the formula labels
 * of the graph's edges, and which tensors an op saves for backward (the leaves its terms read).
 * No imports beyond the table, so the scalar tape (tape-ops.ts) can use it at load.
 */
import { OP_IDS, TABLE } from './table';
import type { Entry, Leaf, OpId, Term } from './table';
import { SAVE_OTHER, SAVE_OUT, SAVE_SELF } from './saves';

/** A term in derivatives.yaml vocabulary (grad, self, other, result), parenthesised by precedence. */
function show(t: Term, e: Entry): [string, number] {
  if (typeof t === 'number') return [String(t), t < 0 ? 3 : 5];
  if ('leaf' in t) return [t.leaf === 'other' ? e.other : t.leaf, 5];
  if ('ifEq' in t) return show(t.else, e); // the general case (the special one is a shortcut)
  const [template, prec] = TABLE[t.op].show;
  const text = template.replace(/\$(\d)/g, (_, k: string, at: number) => {
    const [s, p] = show(t.args[Number(k)], e);
    // an argument of a call needs no parentheses; an operand needs them below the operator's
    // precedence (on the right, also at it: a - (b - c))
    const inCall = template[at - 1] === '(' && (template[at + 2] === ')' || template[at + 2] === ',');
    const need = inCall ? 0 : at === 0 ? prec : prec + 1;
    return p < need ? `(${s})` : s;
  });
  return [text, prec];
}

/** The formula label of input i of entry id (the graph panel's edge labels). */
export function formulaOf(id: OpId, i: number): string {
  const e = TABLE[id];
  return show(e.d[i], e)[0];
}

function leaves(t: Term, out: Set<Leaf>): Set<Leaf> {
  if (typeof t === 'number') return out;
  if ('leaf' in t) out.add(t.leaf);
  else if ('ifEq' in t) [t.ifEq, t.then, t.else].forEach((u) => leaves(u, out));
  else t.args.forEach((u) => leaves(u, out));
  return out;
}

function derivedSaves(e: Entry): number {
  const used = new Set<Leaf>();
  e.d.forEach((t) => leaves(t, used));
  return (used.has('self') ? SAVE_SELF : 0) | (used.has('other') && e.arity === 'binary' ? SAVE_OTHER : 0) | (used.has('result') ? SAVE_OUT : 0);
}
const SAVES = Object.fromEntries(OP_IDS.map((id) => [id, derivedSaves(TABLE[id])])) as { readonly [K in OpId]: number };

/**
 * For each input (self, other): the one derivative that reads it, or -1 (read by several or none).
 * torch's generated code saves such an input only when that gradient is needed, so an in-place
 * change to it is no error when that gradient is not computed (OpDef.savedOnlyFor).
 */
function derivedSavedOnlyFor(e: Entry): number[] {
  const readers = (leaf: Leaf): number[] => e.d.flatMap((t, i) => (leaves(t, new Set()).has(leaf) ? [i] : []));
  return (['self', 'other'] as const).map((leaf) => {
    const r = readers(leaf);
    return r.length === 1 ? r[0] : -1;
  });
}
const SAVED_ONLY_FOR: Readonly<Record<string, readonly number[]>> = Object.fromEntries(OP_IDS.map((id) => [id, derivedSavedOnlyFor(TABLE[id])]));

/** OpDef.savedOnlyFor of entry id. */
export function savedOnlyForOf(id: OpId): readonly number[] {
  return SAVED_ONLY_FOR[id];
}

/** Which tensors the entry's backward reads (OpDef.saves): self, other (when a tensor input), result. */
export function savesOf(id: OpId): number {
  return SAVES[id];
}
