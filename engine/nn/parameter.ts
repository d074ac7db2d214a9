/**
 * torch.nn.Parameter: a leaf tensor that requires grad and that a Module registers when it is stored
 * in one of its fields. The tensor shares its values with `data` (torch's Parameter does too) and is
 * an ordinary Tensor; what marks it is membership in a weak set, so printing and every op are the
 * tensor's own.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';

const PARAMETERS = new WeakSet<Tensor>();

/**
 * `nn.Parameter(t)` or `new nn.Parameter(t)` (ported code writes both): a new leaf sharing t's
 * values, requiring grad unless `requiresGrad` is false.
 */
export interface ParameterFactory {
  (data: Tensor, requiresGrad?: boolean): Tensor;
  new (data: Tensor, requiresGrad?: boolean): Tensor;
}

/**
 * A plain function, so `new` may call it too: a constructor that returns an object gives that
 * object, so both forms give the same leaf.
 */
function makeParameter(data: Tensor, requiresGrad = true): Tensor {
  if (!(data instanceof Tensor)) throw new ArgumentError('Parameter', `argument 'data' must be a Tensor, got ${data === null ? 'null' : typeof data}`);
  if (typeof requiresGrad !== 'boolean') throw new ArgumentError('Parameter', `argument 'requiresGrad' must be a boolean, got ${typeof requiresGrad}`);
  const p = data.detach();
  p.requiresGrad_(requiresGrad);
  PARAMETERS.add(p);
  return p;
}
export const Parameter = makeParameter as ParameterFactory;

/** Whether `t` was made by `nn.Parameter` (what a module registers). */
export function isParameter(t: unknown): t is Tensor {
  return t instanceof Tensor && PARAMETERS.has(t);
}
