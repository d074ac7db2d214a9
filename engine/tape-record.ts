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

/** One float element (no storage yet, or storage of length 1) in a shape the tape can rebuild. */
function single(a: Tensor): boolean {
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
 * The segment to record on, with room for one slot. A graph continuing from the current segment
 * stays on it until a backward without retainGraph finished it; a graph starting from leaves after
 * that (or once the segment is half full) opens a new segment, so the tapes of dropped graphs are
 * garbage like their tensors and a new chain rarely has to cross into a next segment. A full
 * segment grows only for a graph that spans more than half of it (else a new one starts): no
 * segment grows across many independent graphs.
 */
function segmentFor(a: Tensor, b: Tensor | null): Tape {
  const t = state.current;
  if (t !== null && !t.idsNearLimit()) {
    const linked = a._tape === t || (b !== null && b._tape === t);
    if (t.n < t.cap) {
      if (linked || (!t.finished && t.n < t.cap / 2)) return t;
    } else if (linked && !t.finished && t.lo[a._tape === t ? a._slot : b!._slot] < t.cap / 2) {
      t.grow(); // one graph spans most of the segment (a long chain): keep it in one piece
      return t;
    }
  }
  const size = t === null ? state.hint : Math.min(MAX_HINT, Math.max(MIN_SEGMENT, t.n));
  state.hint = size;
  const fresh = new Tape(1 << Math.ceil(Math.log2(size)));
  state.current = fresh;
  return fresh;
}
