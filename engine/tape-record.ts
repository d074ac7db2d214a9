/**
 * Recording on the tape (tape.ts): which segment an op goes to, and in which kind of slot. An op of
 * the op table is recorded in a compact slot when grad mode is on, its tensor operands each hold
 * one float element of the same dtype and shape rank (so result dtype and shape are the first
 * operand's, and no gradient needs un-broadcasting), and some operand requires grad; tapeUnary and
 * tapeBinary return null otherwise, and the op records a general slot (recordNode) instead.
 */
import { Tensor } from './tensor';
import { Tape } from './tape';
import { MAX_RANK } from './tape-layout';
import type { Node } from './node';
import type { OpDef, Operand } from './ops/define';
import { chargeName } from './tape-ops';
import type { TapeOp } from './tape';
import { isGradEnabled } from './grad-mode';
import { chargeOne } from './limits';

/**
 * Module state, like grad mode: the segment new graphs are recorded on, the size to give the next
 * one, and the switch the tests use to record single-element ops in general slots instead.
 */
const state = { current: null as Tape | null, hint: 1024, enabled: true };
const MIN_SEGMENT = 256, MAX_HINT = 1 << 22;
/** Slots an unfinished segment may grow to for many graphs (a single long chain may grow further). */
export const MAX_SEGMENT = 1 << 19;
/** Slots after which an op from leaves opens a new segment even if none finished this one. */
export const WIDE_SEGMENT = 1 << 16;

/** Turn compact slots on or off (tests compare both kinds of slot); returns the previous setting. */
export function setTapeEnabled(on: boolean): boolean {
  const prev = state.enabled;
  state.enabled = on;
  return prev;
}

/** The segment currently recorded on (tests measure segment turnover). */
export function currentTape(): Tape | null {
  return state.current;
}

/** Where t's op is recorded (tests): its segment (null for a leaf), in a compact slot or not, its node built. */
export function recordedAt(t: Tensor): { segment: Tape | null; compact: boolean; built: boolean } {
  const tape = t._compactTape();
  if (tape !== null) return { segment: tape, compact: true, built: tape.nodes?.[t._compactSlot()] !== undefined };
  return { segment: t._node()?.tape ?? null, compact: false, built: t._node() !== null };
}

/**
 * One float element (no storage yet, or storage of length 1) in a shape the tape can rebuild; a tape
 * result without storage is one by construction (the common case, checked first).
 */
function single(a: Tensor): boolean {
  if (a._compactTape() !== null && a._storage() === null) return true;
  // _isSingle: a deferred (engine/lazy) tensor also has no storage yet
  return a._isSingle() && (a.dtype === 'float64' || a.dtype === 'float32') && a.shape.length <= MAX_RANK;
}

/**
 * The common case, checked before any other dispatch: op on a result of the current segment with a
 * number operand or parameter y (none: a unary op, y unused) -- every op of a chain of scalar ops
 * after its first. It records exactly as tapeBinary/tapeUnary would (such a result is one float
 * element by construction); null when anything else holds, and the caller takes the full path.
 * (Measured: the full path's layers of dispatch cost ~11% of a scalar graph's forward+backward.)
 */
export function chained(op: TapeOp, a: Tensor, y: number): Tensor | null {
  // (anything else a JavaScript caller passed takes the full path, which names the argument)
  const cur = a instanceof Tensor ? continuing(a) : null;
  if (cur === null || a._storage() !== null) return null;
  if (!state.enabled || !isGradEnabled() || !a.requiresGrad) return null;
  return recordOn(cur, op, a, null, a.dtype === 'float32' ? Math.fround(y) : y);
}

/** The same for a binary op on two results of the current segment of the same dtype and rank (a neuron's w * x inside a graph). */
export function chainedPair(op: TapeOp, a: Tensor, b: Tensor): Tensor | null {
  const cur = a instanceof Tensor && b instanceof Tensor ? continuing(a) : null;
  if (cur === null || b._compactTape() !== cur || a._storage() !== null || b._storage() !== null) return null;
  if (a.dtype !== b.dtype || a.shape.length !== b.shape.length) return null;
  if (!state.enabled || !isGradEnabled() || !(a.requiresGrad || b.requiresGrad)) return null;
  return recordOn(cur, op, a, b, b._first());
}

/** a op b (b: a number, or a tensor like a) in a compact slot when eligible; null: record a general slot. */
export function tapeBinary(op: TapeOp, a: Tensor, b: Tensor | number): Tensor | null {
  if (!state.enabled || !isGradEnabled() || !single(a)) return null;
  if (typeof b === 'number') return a.requiresGrad ? put(op, a, null, b) : null;
  if (!b._isSingle() || b.dtype !== a.dtype || b.shape.length !== a.shape.length || !(a.requiresGrad || b.requiresGrad)) return null;
  return put(op, a, b, b._first());
}

/** op(a) (a scalar op: parameter c) in a compact slot when eligible; else null. */
export function tapeUnary(op: TapeOp, a: Tensor, c = 0): Tensor | null {
  if (!state.enabled || !a.requiresGrad || !isGradEnabled() || !single(a)) return null;
  return put(op, a, null, c);
}

/** y: b's element, or the number operand or parameter, cast to the slot's dtype as the tensor path (binaryForward) casts it. */
function put(op: TapeOp, a: Tensor, b: Tensor | null, y: number): Tensor {
  // an op continuing a chain on the current segment needs none of segmentFor's choices
  const t = continuing(a) ?? segmentFor(a, b);
  return recordOn(t, op, a, b, a.dtype === 'float32' ? Math.fround(y) : y);
}

/** The current segment when `a` is a compact result on it and it can take one more slot now; else null. */
function continuing(a: Tensor): Tape | null {
  const cur = state.current;
  return cur !== null && a._compactTape() === cur && cur.n < cur.cap && !cur.busy ? cur : null;
}

/** Charge one element and record op on segment t, which has room (y already in the slot's dtype). */
function recordOn(t: Tape, op: TapeOp, a: Tensor, b: Tensor | null, y: number): Tensor {
  chargeOne(chargeName(op.code));
  if (t.defs[op.code] === null) t.defs[op.code] = op.def;
  return t.record(op, a, b, y);
}

/** Record `def` on `inputs` in a general slot of the current segment: its Node. */
export function recordNode<P>(def: OpDef<P>, inputs: readonly Operand[], params: P): Node<P> {
  const a = inputs.length > 0 ? inputs[0] : null, b = inputs.length > 1 ? inputs[1] : null;
  return segmentFor(a !== null && typeof a === 'object' ? a : null, b !== null && typeof b === 'object' ? b : null).recordNode(def, inputs, params);
}

/**
 * The segment to record on, with room for one slot. Graphs stay on one segment while it is in use:
 * ops starting from leaves are as common inside a graph (w * x in a neuron) as at the start of a new
 * one, so only a backward without retainGraph (which finishes the segment) tells that the graphs on
 * it are complete; after that, new graphs open a new segment and the old one becomes garbage with its
 * tensors. Forward-only graphs never finish a segment: once it holds WIDE_SEGMENT slots an op from
 * leaves opens a new one (a graph wider than that then spans two and its backward takes the general
 * engine), and a full segment grows only up to MAX_SEGMENT slots (beyond that only for an op that
 * continues a graph on it: that graph keeps the segment alive whether it grows or the op opens a new
 * one). That bounds what graphs that never run backward keep alive.
 */
function segmentFor(a: Tensor | null, b: Tensor | null): Tape {
  const t = state.current;
  if (t !== null && !t.busy) {
    const linked = onSegment(t, a) || onSegment(t, b);
    if (t.n < t.cap) {
      if (linked || (!t.finished && t.n < WIDE_SEGMENT)) return t;
    } else if (!t.finished && (t.cap < MAX_SEGMENT || linked)) {
      t.grow();
      return t;
    }
  }
  const size = t === null ? state.hint : Math.min(MAX_HINT, Math.max(MIN_SEGMENT, t.n));
  state.hint = size;
  const fresh = new Tape(1 << Math.ceil(Math.log2(size)));
  state.current = fresh;
  return fresh;
}

/** x's result was recorded on segment t (compact or general). */
function onSegment(t: Tape, x: Tensor | null): boolean {
  return x !== null && (x._compactTape() === t || x._node()?.tape === t);
}
