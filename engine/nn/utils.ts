/**
 * torch.nn.utils' gradient clipping, as torch 1.13 computes it: the gradients are changed in place
 * (without recording) and the total norm is computed with the engine's own norm, stack and max, so
 * its float32 rounding is the ops'.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { tensor } from '../creation';
import { stack } from '../ops/join';
import { noGrad } from '../grad-mode';

export interface ClipGradNormOptions {
  /** The p of the p-norm: a number, Infinity or 'inf' (default 2). */
  normType?: number | 'inf';
  /** Throw when the total norm is NaN or infinite (torch 1.13's default: false). */
  errorIfNonfinite?: boolean;
}

/** The gradients of `parameters` (a tensor or an iterable of tensors) that exist, in order. */
function gradsOf(op: string, parameters: Tensor | Iterable<Tensor>): Tensor[] {
  const list = parameters instanceof Tensor ? [parameters] : parameters !== null && typeof parameters === 'object' && Symbol.iterator in parameters ? [...parameters] : null;
  if (list === null) throw new ArgumentError(op, `argument 'parameters' must be a tensor or an iterable of tensors, got ${parameters === null ? 'null' : typeof parameters}`);
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new ArgumentError(op, `parameters[${i}] is not a tensor (got ${p === null ? 'null' : typeof p})`);
  });
  return list.map((p) => p.grad).filter((g): g is Tensor => g !== null);
}

function finiteNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new ArgumentError(op, `argument '${name}' must be a number, got ${String(v)}`);
  return v;
}

/**
 * total = ‖(‖g₁‖_p, ‖g₂‖_p, ...)‖_p (for p = ∞: max |g|); each gradient is multiplied by
 * min(1, maxNorm / (total + 1e-6)). Returns the total norm (a 0-d tensor; tensor(0.) without gradients).
 */
export function clipGradNorm_(parameters: Tensor | Iterable<Tensor>, maxNorm: number, options: ClipGradNormOptions = {}): Tensor {
  const op = 'clipGradNorm_';
  const grads = gradsOf(op, parameters);
  finiteNumber(op, 'maxNorm', maxNorm);
  const raw = options.normType ?? 2;
  const p = raw === 'inf' ? Infinity : finiteNumber(op, 'normType', raw);
  if (grads.length === 0) return tensor(0);
  return noGrad(() => {
    const total = p === Infinity
      ? grads.length === 1 ? grads[0].abs().max() : stack(grads.map((g) => g.abs().max())).max()
      : stack(grads.map((g) => g.norm(p))).norm(p);
    if (options.errorIfNonfinite === true && !Number.isFinite(total.item())) {
      throw new ArgumentError(op, `The total norm of order ${p === Infinity ? 'inf' : p} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`errorIfNonfinite: false\``);
    }
    // maxNorm / (total + 1e-6) is torch's __rtruediv__: reciprocal, then the product
    const coef = total.add(1e-6).reciprocal().mul(maxNorm).clamp(null, 1);
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

/** Clamp each gradient element into [-clipValue, clipValue], in place. */
export function clipGradValue_(parameters: Tensor | Iterable<Tensor>, clipValue: number): void {
  const op = 'clipGradValue_';
  const grads = gradsOf(op, parameters);
  const c = finiteNumber(op, 'clipValue', clipValue);
  noGrad(() => {
    for (const g of grads) g.copy_(g.clamp(-c, c));
  });
}
