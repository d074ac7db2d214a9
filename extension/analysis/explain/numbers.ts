/** Numbers and places as the debugger's messages write them (PyTorch's spelling of non-finite values). */
import ts from 'typescript';
import type { RunContext } from '../context';
import type { TensorLike } from '../engine-bridge';

/** A number as a message shows it: `nan`, `inf`, `-inf`, else at most 5 significant digits. */
export function num(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(Number(x.toPrecision(5)));
}

/** The first index of `data` holding NaN or ±Infinity, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** `[1, 0]` for flat index 3 of shape [2, 3]; `` for a scalar. */
export function indexText(shape: readonly number[], flat: number): string {
  if (shape.length === 0) return '';
  const idx: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(rest % shape[d]);
    rest = Math.floor(rest / shape[d]);
  }
  return `[${idx.join(', ')}]`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Source text of a node, cut to `max` characters (for messages). */
export function shortText(ctx: RunContext, node: ts.Node, max = 40): string {
  const s = node.getText(ctx.sf).replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The name the file gave `t` (its last binding), else undefined. */
export function nameOf(ctx: RunContext, t: TensorLike): string | undefined {
  const all = ctx.recorder.all();
  for (let i = all.length - 1; i >= 0; i--) if (all[i].tensor === t) return all[i].name;
  return undefined;
}

/** The file's name for `t`, else the source text that made it, else `a tensor`. */
export function describeTensor(ctx: RunContext, t: TensorLike): string {
  const named = nameOf(ctx, t);
  if (named) return named;
  const o = ctx.registry.originOf(t);
  return o ? `\`${shortText(ctx, o.node)}\`` : 'a tensor';
}
