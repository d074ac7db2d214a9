/**
 * The `ctx` a custom autograd.Function's forward and backward share (torch's FunctionCtx, camelCase).
 * Fields a user sets on it (`ctx.k = 3`) are plain properties; the methods below are torch's.
 */
import { Tensor } from './tensor';
import type { Node } from './node';
import { versionError } from './node';
import { AutogradError } from './errors';

/** torch's message when saved tensors are read after backward freed them (no retainGraph). */
const FREED = 'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

function tensorsOnly(op: string, what: string, ts: readonly unknown[]): Tensor[] {
  return ts.map((t, i) => {
    if (!(t instanceof Tensor)) throw new AutogradError(op, `${what} only accepts tensors (argument ${i} is ${t === null ? 'null' : typeof t})`);
    return t;
  });
}

/**
 * The engine's part of each ctx, kept outside the object: its fields are the user's, and a `#private`
 * field would appear in the shipped declarations, which older TypeScript targets reject (ts18028).
 */
const STATES = new WeakMap<FunctionCtx, CtxState>();

export class FunctionCtx {
  /** Per forward argument: is it a tensor that requires grad (torch's needs_input_grad). */
  readonly needsInputGrad: readonly boolean[];
  /** Arbitrary fields set by forward for backward. */
  [field: string]: unknown;

  constructor(needsInputGrad: readonly boolean[]) {
    this.needsInputGrad = needsInputGrad;
    STATES.set(this, { saved: [], versions: [], savedOutput: [], dirty: [], nonDiff: [], materialize: true, node: null });
  }

  /** @internal */
  static stateOf(ctx: FunctionCtx): CtxState {
    const state = STATES.get(ctx);
    if (state === undefined) throw new AutogradError('Function', 'not a ctx the engine made');
    return state;
  }

  /** Tensors backward will read; their versions are checked when read back. */
  saveForBackward(...tensors: Tensor[]): void {
    ctxState(this).saved = tensorsOnly('saveForBackward', 'saveForBackward', tensors);
  }
  /** Inputs forward modified in place (they must be returned as outputs). */
  markDirty(...tensors: Tensor[]): void {
    ctxState(this).dirty = tensorsOnly('markDirty', 'markDirty', tensors);
  }
  /** Outputs that are not differentiable (indices, masks): no grad_fn, zero gradient in backward. */
  markNonDifferentiable(...tensors: Tensor[]): void {
    ctxState(this).nonDiff = tensorsOnly('markNonDifferentiable', 'markNonDifferentiable', tensors);
  }
  /** false: backward receives null (not zeros) for outputs whose gradient was not computed. */
  setMaterializeGrads(value: boolean): void {
    if (typeof value !== 'boolean') throw new AutogradError('setMaterializeGrads', `value must be a boolean, got ${typeof value}`);
    ctxState(this).materialize = value;
  }

  /**
   * The tensors saved by saveForBackward. torch's SavedVariable checks: freed by a backward without
   * retainGraph, or modified in place since they were saved.
   */
  get savedTensors(): Tensor[] {
    const s = ctxState(this);
    const node = s.node;
    if (node === null) return s.saved.slice();
    if (node.freed) throw new AutogradError(node.name, FREED);
    return s.saved.map((t, i) => {
      // torch names the node that saved an output, and a saved input's grad_fn now
      if (t._version !== s.versions[i]) throw versionError(t, s.versions[i], s.savedOutput[i] ? node : t.gradFn);
      return t;
    });
  }
}

/** What a ctx keeps for the engine. */
export interface CtxState {
  saved: Tensor[];
  /** Versions of the saved tensors at the end of forward, and which of them are outputs. */
  versions: number[];
  savedOutput: boolean[];
  dirty: Tensor[];
  nonDiff: Tensor[];
  materialize: boolean;
  node: Node | null;
}

export function ctxState(ctx: FunctionCtx): CtxState {
  return FunctionCtx.stateOf(ctx);
}
