/**
 * Deferred elementwise values. A large float elementwise op records a LazyNode (its scalar
 * expression and its arguments) instead of running a pass; the values are computed when read,
 * many nodes in one fused loop (engine/lazy/evaluate.ts).
 *
 * Safety without a registry of pending nodes: a node reads stored values through source nodes,
 * one per storage that pending nodes read (kept in a WeakMap, so nothing is kept alive). Any code
 * that writes a storage in place calls `beforeWrite(storage)` first: its source node then gets a
 * copy of the old values, so a node evaluated later sees exactly what the eager op would have read.
 */
import type { FloatArray } from '../kernels/gemm';
import { uninitialised } from './alloc';
import type { ExprId } from '../ops/exprs';
import { noteWrite } from '../strided';

/** A node's argument: another node (pending, or stored and then read as a load), or a number. */
export type LazyArg = LazyNode | number;

/** Module configuration (tests lower the threshold or turn fusion off to compare with the eager path). */
export const fusion = {
  /** Ops on fewer elements run eagerly (a node costs more than a small pass). */
  minElements: 4096,
  /** A pending DAG grows to at most this many nodes; beyond, its pending inputs are computed first. */
  maxNodes: 24,
};

export class LazyNode {
  /** The values once computed and stored (a source: later passes load them). */
  data: FloatArray | null;
  /** Nodes that were created reading this one. */
  consumers = 0;
  /** Of those, the ones not computed and stored yet (they may still read this node's values). */
  pendingReaders = 0;
  /**
   * Graph nodes that saved this value for their backward and are not freed yet: while any is, the
   * value is stored when computed (backward reads it again). Otherwise a pass stores a value only
   * when a reader outside the pass may still need it (engine/lazy/evaluate.ts).
   */
  saved = 0;
  /** Dropped by the backward that made it (unreachable): evaluating it again is a bug. */
  retired = false;
  /** Nodes in this DAG (shared ones counted per use: an upper bound). */
  readonly size: number;
  /** Elements the computing loop runs over (`n`, or the summed node's count for a sum). */
  readonly len: number;
  /**
   * `op` keys the frozen expression table (engine/ops/exprs.ts), in x (args[0]) and y (args[1]);
   * null for a source or a sum. The result is
   * rounded to float32 with Math.fround when `f32` (where the eager kernel stores to a Float32Array).
   * `divisor` > 0 makes this a full sum of args[0] divided by it (sum: 1, mean: N): one element.
   */
  constructor(readonly op: ExprId | null, public args: readonly LazyArg[], readonly f32: boolean, readonly n: number, data: FloatArray | null = null, readonly divisor = 0) {
    this.data = data;
    this.len = divisor > 0 ? (args[0] as LazyNode).len : n;
    this.size = dagSize(args);
    for (const a of args) {
      if (typeof a === 'number') continue;
      a.consumers++;
      a.pendingReaders++;
    }
    if (transient.nodes !== null) transient.nodes.push(this);
  }

  /** A pending node of numbers only (e.g. a broadcast scalar). */
  isConstant(): boolean {
    return this.data === null && this.args.every((a) => typeof a === 'number');
  }
}

/** Nodes in the DAG of a node over `args`: itself and its pending arguments' DAGs (an upper bound). */
export function dagSize(args: readonly LazyArg[]): number {
  let size = 1;
  for (const a of args) if (typeof a !== 'number' && a.data === null) size += a.size;
  return size;
}

/**
 * Module state: while a plain backward runs (no hook, no autograd.grad, no createGraph), the nodes
 * it creates. Only the engine holds them; those not stored by its end (gradient intermediates
 * computed in registers) are unreachable then, and stop counting as readers of their arguments.
 */
const transient = { nodes: null as LazyNode[] | null };

/** Start collecting the nodes a plain backward creates; returns the previous collection. */
export function collectTransient(): LazyNode[] | null {
  const prev = transient.nodes;
  transient.nodes = [];
  return prev;
}
/** Stop collecting (restoring `prev`); with `retire`, the collected nodes not stored are dropped. */
export function endTransient(prev: LazyNode[] | null, retire: boolean): void {
  const nodes = transient.nodes;
  transient.nodes = prev;
  if (!retire || nodes === null) return;
  for (const n of nodes) {
    if (n.data !== null) continue;
    unread(n);
    n.retired = true;
  }
}

/** `node` reads its arguments no more: a source whose last pending reader it was leaves the registry. */
function unread(node: LazyNode): void {
  for (const a of node.args) {
    if (typeof a === 'number' || --a.pendingReaders > 0 || a.data === null) continue;
    if (readers.get(a.data) === a) readers.delete(a.data);
  }
  node.args = [];
}

/** Src records of storages that pending nodes read, keyed weakly by the storage. */
const readers = new WeakMap<FloatArray, LazyNode>();

/** The source node reading `data` (one per storage, shared by all readers). */
export function srcOf(data: FloatArray): LazyNode {
  let s = readers.get(data);
  if (s === undefined) {
    s = new LazyNode(null, [], data instanceof Float32Array, data.length, data);
    readers.set(data, s);
  }
  return s;
}

/**
 * A node's values are computed and stored: it reads its arguments no more (a source whose last
 * pending reader this was leaves the registry), and it is registered as the source of its storage
 * while pending nodes read it.
 */
export function stored(node: LazyNode, data: FloatArray): void {
  unread(node);
  node.data = data;
  if (node.pendingReaders > 0) readers.set(data, node);
}

/** True when some deferred value may still read `data` (so the engine must not overwrite it). */
export function hasReaders(data: unknown): boolean {
  return readers.has(data as FloatArray);
}

/** Call before writing `data` in place: its readers keep a copy of the current values. */
export function beforeWrite(data: unknown): void {
  noteWrite(); // strided views' row-major copies may be stale from now on (engine/strided.ts)
  const s = readers.get(data as FloatArray);
  if (s === undefined) return;
  const d = data as FloatArray;
  const copy = uninitialised(d instanceof Float32Array, d.length);
  copy.set(d);
  s.data = copy;
  readers.delete(data as FloatArray);
}
