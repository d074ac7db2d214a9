/**
 * Which ops go on the scalar tape (tape.ts), and on which tape segment. An op is taped when grad
 * mode is on, its tensor operands each hold one float element of the same dtype and shape rank (so
 * result dtype and shape are the first operand's, and no gradient needs un-broadcasting), and some
 * operand requires grad. Everything else returns null and takes the object path unchanged.
 */
import type { Tensor } from './tensor';
import { Tape, MAX_RANK } from './tape';
import { chargeName } from './tape-ops';
import type { TapeCode } from './tape-ops';
import { isGradEnabled } from './grad-mode';
import { charge } from './limits';

/**
 * Module state, like grad mode: the segment new graphs are recorded on, the size to give the next
 * one, and the switch the tests use to run the same code on the object path.
 */
const state = { current: null as Tape | null, hint: 1024, enabled: true };
const MIN_SEGMENT = 256, MAX_HINT = 1 << 22;
/** Slots an unfinished segment may grow to for many graphs (a single long chain may grow further). */
export const MAX_SEGMENT = 1 << 19;
/** Slots after which an op from leaves opens a new segment even if none finished this one. */
export const WIDE_SEGMENT = 1 << 16;

/** Turn taping on or off (tests compare both paths); returns the previous setting. */
export function setTapeEnabled(on: boolean): boolean {
  const prev = state.enabled;
  state.enabled = on;
  return prev;
}

/** The segment currently recorded on (tests measure segment turnover). */
export function currentTape(): Tape | null {
  return state.current;
}

/**
 * One float element (no storage yet, or storage of length 1) in a shape the tape can rebuild; a tape
 * result without storage is one by construction (the common case, checked first).
 */
function single(a: Tensor): boolean {
  if (a._tape !== null && a._d === null) return true;
  // _isSingle: a deferred (engine/lazy) tensor also has no storage yet
  return a._isSingle() && (a.dtype === 'float64' || a.dtype === 'float32') && a.shape.length <= MAX_RANK;
}

/** a op b (b: a number, or a tensor like a), on the tape when eligible; null: use the object path. */
export function tapeBinary(code: TapeCode, a: Tensor, b: Tensor | number): Tensor | null {
  if (!state.enabled || !isGradEnabled() || !single(a)) return null;
  if (typeof b === 'number') return a.requiresGrad ? put(code, a, null, b, a.shape) : null;
  if (!b._isSingle() || b.dtype !== a.dtype || b.shape.length !== a.shape.length || !(a.requiresGrad || b.requiresGrad)) return null;
  return put(code, a, b, b._first(), a.shape);
}

/** op(a) (pow: exponent c; sum/mean: result shape []), on the tape when eligible; else null. */
export function tapeUnary(code: TapeCode, a: Tensor, c = 0, shape: readonly number[] = a.shape): Tensor | null {
  if (!state.enabled || !a.requiresGrad || !isGradEnabled() || !single(a)) return null;
  return put(code, a, null, c, shape);
}

function put(code: TapeCode, a: Tensor, b: Tensor | null, y: number, shape: readonly number[]): Tensor {
  charge(chargeName(code), 1);
  return segmentFor(a, b).record(code, a, b, y, shape);
}

/**
 * The segment to record on, with room for one slot. Graphs stay on one segment while it is in use:
 * ops starting from leaves are as common inside a graph (w * x in a neuron) as at the start of a new
 * one, so only a backward without retainGraph (which finishes the segment) tells that the graphs on
 * it are complete; after that, new graphs open a new segment and the old one becomes garbage with its
 * tensors. Forward-only graphs never finish a segment: once it holds WIDE_SEGMENT slots an op from
 * leaves opens a new one (a graph wider than that then spans two and its backward takes the general
 * engine), and a full segment grows only up to MAX_SEGMENT slots (beyond that only for one chain
 * spanning most of it). That bounds what graphs that never run backward keep alive.
 */
function segmentFor(a: Tensor, b: Tensor | null): Tape {
  const t = state.current;
  if (t !== null && !t.idsNearLimit()) {
    const linked = a._tape === t || (b !== null && b._tape === t);
    if (t.n < t.cap) {
      if (linked || (!t.finished && t.n < WIDE_SEGMENT)) return t;
    } else if (!t.finished && (t.cap < MAX_SEGMENT || (linked && t.lo[a._tape === t ? a._slot : b!._slot] < t.cap / 2))) {
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
