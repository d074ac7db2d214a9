/**
 * autograd's entry points: tensor.backward / torch.autograd.backward and torch.autograd.grad. Both
 * run the one backward walk (engine/backward.ts) over the recorded graph (engine/tape.ts).
 */
import { Tensor } from './tensor';
import type { GradFn } from './node';
import { gradEdge } from './node';
import { isGradEnabled, setGradEnabled } from './grad-mode';
import { ArgumentError, AutogradError, ShapeError } from './errors';
import { fmtShape, sameShape } from './shape';
import { onesLike } from './creation';
import { toTensor } from './creation';
import { counters } from './ids';
import { Walk } from './backward';
import { collectTransient, endTransient } from './lazy/node';
import { materialiseAll } from './lazy/materialise';

/** One executed grad function, reported in execution order (for the graph panel's stepper). */
export interface BackwardStep {
  node: GradFn;
  /** The summed gradient that arrived at the node's output. */
  gradsIn: Tensor[];
  /** What the node returned, per next_functions slot (AccumulateGrad: none). */
  gradsOut: (Tensor | null)[];
}

export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
  onStep?: (step: BackwardStep) => void;
}

export interface GradOptions extends BackwardOptions {
  gradOutputs?: (Tensor | number | null)[];
  allowUnused?: boolean;
}

/** tensor.backward / torch.autograd.backward: accumulate d(roots)/d(leaf) into every leaf's .grad. */
export function backward(roots: Tensor[], grads: (Tensor | number | null)[] | undefined, options: BackwardOptions = {}): void {
  execute(roots, grads, options, null);
  // graphs recorded from now on start a fresh tape segment (this one may become garbage)
  if (!(options.retainGraph ?? options.createGraph ?? false)) {
    for (const r of roots) {
      const tape = r._node()?.tape ?? r._compactTape();
      if (tape !== null) tape.finished = true;
    }
  }
}

/** torch.autograd.grad: the gradients of `outputs` w.r.t. `inputs`, without touching `.grad`. */
export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], options: GradOptions = {}): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const targets = ins.map((t) => {
    if (!t.requiresGrad) throw new AutogradError('grad', 'One of the differentiated Tensors does not require grad');
    return gradEdge(t);
  });
  const captured = execute(outs, options.gradOutputs, options, targets);
  return captured.map((g, i) => {
    if (g === null && !options.allowUnused) {
      throw new AutogradError('grad', `One of the differentiated Tensors (input ${i}) appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior.`);
    }
    return g;
  });
}

function rootGrad(root: Tensor, g: Tensor | number | null | undefined, i: number): Tensor {
  if (g === null || g === undefined) {
    if (root.numel() !== 1) throw new AutogradError('backward', 'grad can be implicitly created only for scalar outputs');
    return onesLike(root);
  }
  if (typeof g !== 'number' && !(g instanceof Tensor)) {
    // backward({ retainGraph: true }) passes the options where the gradient goes
    const hint = typeof g === 'object' ? '; pass the options second: backward(undefined, { retainGraph: true })' : '';
    throw new ArgumentError('backward', `argument 'gradient' must be a tensor or a number, got ${Array.isArray(g) ? 'an array' : typeof g === 'object' ? 'an object' : typeof g}${hint}`);
  }
  const t = typeof g === 'number' ? toTensor(g, root.dtype) : g;
  if (!sameShape(t.shape, root.shape) && !(typeof g === 'number' && root.numel() === 1)) {
    throw new ShapeError('backward', `Mismatch in shape: grad_output[${i}] has a shape of ${fmtShape(t.shape)} and output[${i}] has a shape of ${fmtShape(root.shape)}.`);
  }
  return t;
}

function execute(roots: Tensor[], grads: (Tensor | number | null)[] | undefined, options: BackwardOptions, targets: GradFn[] | null): (Tensor | null)[] {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const start = counters.tensor;
  const seeds: Tensor[] = [];
  for (let i = 0; i < roots.length; i++) {
    if (!roots[i].requiresGrad) throw new AutogradError('backward', `element ${i} of tensors does not require grad and does not have a grad_fn`);
    seeds.push(rootGrad(roots[i], grads?.[i], i));
  }
  const walk = new Walk({ retainGraph, createGraph, onStep: options.onStep, targets }, start);
  const prevMode = isGradEnabled();
  setGradEnabled(createGraph);
  // a plain walk's deferred intermediates are the engine's alone (engine/lazy)
  const prevTransient = walk.plain ? collectTransient() : null;
  let done = false;
  try {
    for (let i = 0; i < roots.length; i++) walk.seed(roots[i], seeds[i]);
    walk.run();
    // deferred gradients (engine/lazy): all computed together, one pass per element count
    // (with deferred roots: a deferred loss is then computed in the same pass as its gradients)
    materialiseAll(walk.owned.gradHolders.map((t) => t._g).concat(walk.captured, roots));
    done = true;
  } finally {
    walk.finish();
    setGradEnabled(prevMode);
    if (walk.plain) endTransient(prevTransient, done);
  }
  return walk.captured;
}

/** `autograd` namespace as exported by the library. */
export const autograd = { grad, backward };
