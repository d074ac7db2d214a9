/**
 * What the analyzer learns about each tensor the engine returns: where it was made (source range and
 * loop/call group), which grad function produced it; non-finite values go to the debugger (explain/nan.ts).
 */
import type * as ts from 'typescript';
import type { RunContext } from './context';
import { isTensor, tensorData, type GradNodeLike, type TensorLike } from './engine-bridge';
import type { Value } from './values';
import { noteForward } from './explain/nan';
import { carryCut, notePlain } from './explain/missing';

export interface Origin {
  /** The expression that made the tensor (its range is computed only when shown). */
  node: ts.Node;
  group: string | undefined;
}

export class TensorRegistry {
  private readonly origins = new Map<TensorLike['id'], Origin>();
  /** Grad function -> the tensor it produced (its output), for graph nodes' values. */
  private readonly outputs = new Map<GradNodeLike, TensorLike>();
  /** Grad function -> the call that recorded it (an in-place op's, not where its tensor was first made). */
  private readonly makers = new Map<GradNodeLike, ts.Node>();
  /** Elements of the tensors the engine returned (a statistic for the trace). */
  elements = 0;

  originOf(t: TensorLike): Origin | undefined {
    return this.origins.get(t.id);
  }

  outputOf(fn: GradNodeLike): TensorLike | undefined {
    return this.outputs.get(fn);
  }

  makerOf(fn: GradNodeLike): ts.Node | undefined {
    return this.makers.get(fn);
  }

  /** Called with every value an engine call returned (tensors, or arrays/objects holding them). */
  noteResult(ctx: RunContext, result: Value, node: ts.Node, receiver: Value, args: readonly Value[]): void {
    if (isTensor(result)) this.note(ctx, result, node, receiver, args);
    else if (Array.isArray(result)) {
      for (const x of result) if (isTensor(x)) this.note(ctx, x, node, receiver, args);
    } else if (result && typeof result === 'object' && Object.getPrototypeOf(result) === Object.prototype) {
      for (const x of Object.values(result)) if (isTensor(x)) this.note(ctx, x, node, receiver, args);
    }
  }

  private note(ctx: RunContext, t: TensorLike, node: ts.Node, receiver: Value, args: readonly Value[]): void {
    if (!this.origins.has(t.id)) {
      this.origins.set(t.id, { node, group: ctx.currentGroup() });
      this.elements += tensorData(t).length;
    }
    if (t.gradFn && !this.outputs.has(t.gradFn)) {
      this.outputs.set(t.gradFn, t);
      this.makers.set(t.gradFn, node);
    }
    noteForward(ctx, t, node, receiver, args);
    carryCut(ctx, t, receiver, args);
    notePlain(ctx, t, receiver, args);
  }
}
