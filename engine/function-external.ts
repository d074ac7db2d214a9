/**
 * A custom Function whose forward already ran elsewhere (the analyzer runs an analysed file's
 * `forward` itself and never hands the engine the file's class): the same node as `apply` records
 * (engine/function.ts), built from the forward's inputs and outputs and what its ctx was told, with a
 * backward given as a callback on gradient tensors.
 */
import type { Tensor } from './tensor';
import { applyFunction, type FunctionClass } from './function';
import type { FunctionCtx } from './function-ctx';

export interface ExternalFunction {
  /** The class's name: the node is `<name>Backward`. */
  readonly name: string;
  /** Per forward argument: the tensor, or null for a non-tensor argument (its gradient is null). */
  readonly args: readonly (Tensor | null)[];
  /** What forward returned: a tensor, or a list of tensors and nulls (non-tensor outputs). */
  readonly outputs: Tensor | readonly (Tensor | null)[];
  /** What forward passed to ctx.saveForBackward / markDirty / markNonDifferentiable / setMaterializeGrads. */
  readonly saved: readonly Tensor[];
  readonly dirty: readonly Tensor[];
  readonly nonDiff: readonly Tensor[];
  readonly materialize: boolean;
  readonly onceDifferentiable: boolean;
  /** The backward: the saved tensors (read as torch reads them, checked) and one gradient per output. */
  backward(saved: () => Tensor[], grads: (Tensor | null)[]): unknown;
}

/**
 * Record the node (when an input requires grad and grad mode is on) and return the outputs as the
 * caller must use them: an input returned unchanged comes back as a new alias, as in torch.
 */
export function recordExternalFunction(f: ExternalFunction): unknown {
  const cls: FunctionClass = {
    name: f.name,
    onceDifferentiable: f.onceDifferentiable,
    forward(ctx: FunctionCtx): unknown {
      if (f.saved.length > 0) ctx.saveForBackward(...f.saved);
      if (f.dirty.length > 0) ctx.markDirty(...f.dirty);
      if (f.nonDiff.length > 0) ctx.markNonDifferentiable(...f.nonDiff);
      ctx.setMaterializeGrads(f.materialize);
      return Array.isArray(f.outputs) ? f.outputs.slice() : f.outputs;
    },
    backward(ctx: FunctionCtx, ...grads: never[]): unknown {
      return f.backward(() => ctx.savedTensors, grads as (Tensor | null)[]);
    },
  };
  return applyFunction(cls, f.args);
}
