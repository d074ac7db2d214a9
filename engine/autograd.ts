/**
 * The backward engine. Iterative (no recursion: a 1,000,000-node chain is fine) with PyTorch's
 * dependency counting: a grad function runs once every gradient flowing into it has arrived.
 * Ready functions run latest-created first (torch's sequence-number priority); AccumulateGrad first.
 */
import { Tensor } from './tensor';
import { AccumulateGrad, counters, Node } from './node';
import type { GradFn } from './node';
import { computeInputGrads, gradEdge } from './ops/define';
import { isGradEnabled, setGradEnabled } from './grad-mode';
import { AutogradError, ShapeError } from './errors';
import { fmtShape, sameShape } from './shape';
import { onesLike } from './creation';
import { toTensor } from './creation';
import { addInto } from './kernels/elementwise';
import type { FloatArray } from './kernels/gemm';
import { isFloating } from './dtype';
import { tapeBackward } from './tape-backward';
import { collectTransient, endTransient, hasReaders } from './lazy/node';
import { materialiseAll } from './lazy/defer';
import { markEngineMade } from './lazy/pool';

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

type Fn = Node | AccumulateGrad;

/** tensor.backward / torch.autograd.backward: accumulate d(roots)/d(leaf) into every leaf's .grad. */
export function backward(roots: Tensor[], grads: (Tensor | number | null)[] | undefined, options: BackwardOptions = {}): void {
  const retain = options.retainGraph ?? options.createGraph ?? false;
  if (!sweepable(roots, grads, options) || !tapeBackward(roots[0], retain)) execute(roots, grads, options, null);
  // graphs recorded from now on start a fresh tape segment (this one may become garbage)
  if (!retain) for (const r of roots) if (r._tape !== null) r._tape.finished = true;
}

/** One scalar-tape root, implicit gradient, and nothing watching: the tape's own sweep may run it. */
function sweepable(roots: Tensor[], grads: (Tensor | number | null)[] | undefined, options: BackwardOptions): boolean {
  const g = grads?.[0];
  return roots.length === 1 && roots[0]._tape !== null && (g === undefined || g === null) && options.onStep === undefined && !options.createGraph;
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
  const t = typeof g === 'number' ? toTensor(g, root.dtype) : g;
  if (!sameShape(t.shape, root.shape) && !(typeof g === 'number' && root.numel() === 1)) {
    throw new ShapeError('backward', `Mismatch in shape: grad_output[${i}] has a shape of ${fmtShape(t.shape)} and output[${i}] has a shape of ${fmtShape(root.shape)}.`);
  }
  return t;
}

/** Walk the graph from the roots counting, per function, how many edges lead into it. */
function countDependencies(roots: Fn[], epoch: number): void {
  const stack: Fn[] = [];
  for (const r of roots) {
    if (r._epoch !== epoch) {
      r._epoch = epoch;
      r._deps = 0;
      r._buf = null;
      stack.push(r);
    }
  }
  while (stack.length > 0) {
    const f = stack.pop()!;
    for (let i = 0; i < f.arity; i++) {
      const c = f.edge(i) as Fn | null;
      if (c === null) continue;
      if (c._epoch !== epoch) {
        c._epoch = epoch;
        c._deps = 0;
        c._buf = null;
        stack.push(c);
      }
      c._deps++;
    }
  }
}

function execute(rootTensors: Tensor[], grads: (Tensor | number | null)[] | undefined, options: BackwardOptions, targets: GradFn[] | null): (Tensor | null)[] {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const onStep = options.onStep;
  // in-place reuse of gradient buffers only when no one outside the engine sees the intermediate gradients
  const plain = onStep === undefined && targets === null && !createGraph;
  const owned = new Owned(counters.tensor, createGraph, plain);
  const roots: Fn[] = [];
  const rootGrads: Tensor[] = [];
  for (let i = 0; i < rootTensors.length; i++) {
    const r = rootTensors[i];
    if (!r.requiresGrad) throw new AutogradError('backward', `element ${i} of tensors does not require grad and does not have a grad_fn`);
    rootGrads.push(rootGrad(r, grads?.[i], i));
    roots.push(gradEdge(r) as Fn);
  }
  const epoch = ++counters.epoch;
  countDependencies(roots, epoch);
  const captured: (Tensor | null)[] = targets ? targets.map(() => null) : [];
  const heap = new ReadyHeap();
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i];
    owned.put(r, rootGrads[i]);
  }
  for (const r of roots) if (r._deps === 0 && !heap.has(r)) heap.push(r);
  const prevMode = isGradEnabled();
  setGradEnabled(createGraph);
  const prevTransient = plain ? collectTransient() : null;
  let done = false;
  try {
    while (heap.size > 0) {
      const f = heap.pop();
      const g = f._buf;
      f._buf = null;
      if (targets !== null) {
        const k = targets.indexOf(f);
        if (k >= 0 && g !== null) captured[k] = captured[k] === null ? g : captured[k]!.add(g);
      }
      if (f instanceof AccumulateGrad) {
        if (g !== null && targets === null) {
          f.variable._accumulateGrad(g, createGraph, owned.take(f.variable, g));
          if (onStep) onStep({ node: f, gradsIn: [g], gradsOut: [] });
        }
        continue;
      }
      runNode(f, g, heap, retainGraph, onStep, owned);
    }
    // deferred gradients (engine/lazy): all computed together, one pass per element count
    // (with deferred roots: a deferred loss is then computed in the same pass as its gradients)
    materialiseAll(owned.gradHolders.map((t) => t._g).concat(captured, rootTensors));
    done = true;
  } finally {
    setGradEnabled(prevMode);
    if (plain) endTransient(prevTransient, done);
  }
  return captured;
}

function runNode(f: Node, g: Tensor | null, heap: ReadyHeap, retainGraph: boolean, onStep: BackwardOptions['onStep'], owned: Owned): void {
  let out: (Tensor | null)[] | null = null;
  if (g !== null) {
    if (f.retained !== null) {
      owned.handOut(g);
      f.retained._accumulateGrad(g, isGradEnabled(), owned.take(f.retained, g));
    }
    out = computeInputGrads(f, g, owned.owns(g));
    owned.release(g); // this node's slot no longer holds g (its outputs may hand it on again)
    if (onStep) onStep({ node: f, gradsIn: [g], gradsOut: out });
  }
  if (!retainGraph) {
    f.freed = true;
    f.out = f.op.saves === 0 ? f.out : null;
  }
  for (let i = 0; i < f.arity; i++) {
    const c = f.edge(i) as Fn | null;
    if (c === null) continue;
    const gi = out === null ? null : out[i];
    if (gi !== null) owned.put(c, gi);
    if (--c._deps === 0) heap.push(c);
  }
}

/**
 * Which gradients `.grad` may take without a copy: made during this backward (id after `start`), not a
 * view of another tensor, and not already taken (by storage) -- so no two `.grad`s share memory and
 * no user tensor (e.g. an explicit `gradient`) becomes a `.grad` that later accumulates in place.
 * Also which pending gradients the engine owns outright (may overwrite): the same conditions, plus
 * their storage was handed to exactly one place (counted per storage of multi-element gradients).
 */
class Owned {
  private readonly taken = new Set<unknown>();
  private readonly handed = new Map<unknown, number>();
  /** Tensors whose `.grad` this backward set (materialised together at the end). */
  readonly gradHolders: Tensor[] = [];
  constructor(private readonly start: number, private readonly createGraph: boolean, private readonly inPlace: boolean) {}
  take(t: Tensor, g: Tensor): boolean {
    this.gradHolders.push(t);
    const key = g._d ?? g;
    if (this.createGraph || t._g !== null || g.id <= this.start || g._base !== null || this.taken.has(key)) return false;
    this.taken.add(key);
    // no hook sees it: `.grad` will be its only holder (its buffer may be recycled: engine/lazy/pool)
    if (this.inPlace) markEngineMade(g);
    return true;
  }
  /** Count one more holder of g's storage (single elements are never reused, so not counted). */
  handOut(g: Tensor): void {
    const d = g._d;
    if (this.inPlace && d !== null && d.length > 1) this.handed.set(d, (this.handed.get(d) ?? 0) + 1);
  }
  /** One holder fewer: a grad function consumed its pending g (not for AccumulateGrad: `.grad` keeps it). */
  release(g: Tensor): void {
    const d = g._d;
    if (this.inPlace && d !== null && d.length > 1) this.handed.set(d, (this.handed.get(d) ?? 1) - 1);
  }
  /** True when g may be overwritten: made by this backward, not a view, its storage held only by its one slot. */
  owns(g: Tensor): boolean {
    const d = g._d;
    return this.inPlace && d !== null && d.length > 1 && g.id > this.start && g._base === null && this.handed.get(d) === 1 && !hasReaders(d);
  }
  /** Add gradient g into f's pending sum: in place (dst += g) when the pending buffer is owned. */
  put(f: Fn, g: Tensor): void {
    const b = f._buf;
    if (b === null) {
      f._buf = g;
      this.handOut(g);
    } else if (this.owns(b) && b.dtype === g.dtype && isFloating(b.dtype) && sameShape(b.shape, g.shape)) {
      const d = b._d as FloatArray;
      addInto(d, g.data as FloatArray, d.length);
      b._vstrides = null; // dense, as the fresh sum it replaces
    } else {
      const sum = b.add(g);
      f._buf = sum;
      this.handOut(sum);
    }
  }
}

/** Max-heap of ready functions by priority: AccumulateGrad first, then the latest-created node. */
class ReadyHeap {
  private items: Fn[] = [];
  get size(): number {
    return this.items.length;
  }
  has(f: Fn): boolean {
    return this.items.includes(f);
  }
  push(f: Fn): void {
    const a = this.items;
    let i = a.length;
    a.push(f);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]._prio >= f._prio) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = f;
  }
  pop(): Fn {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = l;
        if (l >= a.length) break;
        if (r < a.length && a[r]._prio > a[l]._prio) m = r;
        if (a[m]._prio <= last._prio) break;
        a[i] = a[m];
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}


/** `autograd` namespace as exported by the library. */
export const autograd = { grad, backward };
