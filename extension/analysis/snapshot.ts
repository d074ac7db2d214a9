/**
 * Snapshots: copies of a tensor's values taken when a line runs (later in-place ops must not
 * change them). Taking one is a typed-array copy; the trace form (JSON numbers, PyTorch's text) is built
 * only for the snapshots a trace shows, since printing costs far more than copying.
 */
import type { Dtype, JsonNumber, ValueSnapshot } from './trace';
import { currentDefaultDtype, formatPrintable, tensorData, type TensorLike } from './engine-bridge';
import type { SnapshotTable } from './snapshot-table';

export function jsonNumber(x: number): JsonNumber {
  if (x === 0) return 0; // JSON has no -0 (the text still prints it as PyTorch does)
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

/** The engine's dtype names are the trace's (a test checks every engine dtype has a trace name). */
function asDtype(d: string): Dtype {
  if (d === 'float32' || d === 'float64' || d === 'int64' || d === 'int32' || d === 'bool') return d;
  throw new Error(`internal: dtype '${d}' has no name in the trace`);
}

/** Above this many elements a tensor's text is made at once instead of keeping a full copy. */
const LAZY_TEXT_LIMIT = 100_000;

export class Snap {
  private trace: ValueSnapshot | undefined;

  private constructor(
    readonly kind: ValueSnapshot['kind'],
    readonly shape: readonly number[],
    readonly dtype: Dtype,
    /** A copy of the values (all of them, or the first `dataCap` when the text was made eagerly). */
    readonly data: ArrayLike<number>,
    readonly numel: number,
    private readonly gradFnName: string | null,
    private readonly requiresGrad: boolean,
    private readonly defaultDtype: 'float32' | 'float64',
    private text: string | undefined,
  ) {}

  static ofTensor(t: TensorLike, dataCap: number): Snap {
    const src = tensorData(t);
    const numel = src.length;
    const eager = numel > LAZY_TEXT_LIMIT;
    const data = eager ? Array.from({ length: Math.min(numel, dataCap) }, (_, i) => src[i]) : copy(src);
    return new Snap(
      'tensor', [...t.shape], asDtype(t.dtype), data, numel, t.gradFn?.name ?? null, t.requiresGrad,
      currentDefaultDtype(), eager ? t.toString() : undefined,
    );
  }

  /** A number taken from a tensor (`loss.item()`): shape [] and printed the way Node prints numbers. */
  static ofNumber(x: number): Snap {
    return new Snap('number', [], 'float64', [x], 1, null, false, 'float32', String(x));
  }

  /** The scalar a sparkline shows: the value itself, or the mean of a non-scalar. */
  summary(): JsonNumber {
    const n = this.data.length;
    if (n === 1) return jsonNumber(this.data[0]);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.data[i];
    return jsonNumber(n === 0 ? NaN : sum / n);
  }

  sameAs(o: Snap): boolean {
    if (o.numel !== this.numel || o.data.length !== this.data.length || o.shape.length !== this.shape.length) return false;
    for (let i = 0; i < this.shape.length; i++) if (o.shape[i] !== this.shape[i]) return false;
    for (let i = 0; i < this.data.length; i++) if (!Object.is(o.data[i], this.data[i])) return false;
    return o.gradFnName === this.gradFnName && o.requiresGrad === this.requiresGrad && o.dtype === this.dtype;
  }

  /**
   * Whether `t` still holds this snapshot's values and metadata (compared in place, no copy): false when
   * a later in-place op changed it. As `sameAs`, only the values the snapshot kept are compared.
   */
  matchesTensor(t: TensorLike): boolean {
    const src = tensorData(t);
    if (src.length !== this.numel) return false;
    if (t.shape.length !== this.shape.length || asDtype(t.dtype) !== this.dtype) return false;
    for (let i = 0; i < this.shape.length; i++) if (t.shape[i] !== this.shape[i]) return false;
    if ((t.gradFn?.name ?? null) !== this.gradFnName || t.requiresGrad !== this.requiresGrad) return false;
    for (let i = 0; i < this.data.length; i++) if (!Object.is(src[i], this.data[i])) return false;
    return true;
  }

  /** Same trace form: same values, metadata and printing context (so the same text). */
  sameTraceAs(o: Snap): boolean {
    return o.kind === this.kind && o.defaultDtype === this.defaultDtype && this.sameAs(o);
  }

  /**
   * Whether the snapshot may share its trace form with an equal one: it holds all of its values (a
   * snapshot whose text was made eagerly keeps only the first `dataCap`, so equal copies need not be equal tensors).
   */
  get shareable(): boolean {
    return this.text === undefined;
  }

  /**
   * The trace form. Equal snapshots (a gradient flowing unchanged from one grad function to the next, the
   * same value seen by a binding and a graph node) get the same object from `table`, printed once.
   */
  toTrace(table: SnapshotTable): ValueSnapshot {
    return (this.trace ??= table.of(this));
  }

  /** Builds the trace form (printing the text): `SnapshotTable` calls it once per distinct content. */
  build(dataCap: number): ValueSnapshot {
    const n = Math.min(this.data.length, dataCap);
    const data = new Array<JsonNumber>(n);
    for (let i = 0; i < n; i++) data[i] = jsonNumber(this.data[i]);
    this.text ??= formatPrintable({
      shape: this.shape, dtype: this.dtype, data: this.data, gradFnName: this.gradFnName,
      requiresGrad: this.requiresGrad, isLeaf: this.gradFnName === null,
    }, this.defaultDtype);
    const snap: ValueSnapshot = { kind: this.kind, shape: this.shape.slice(), dtype: this.dtype, data, text: this.text };
    if (this.numel > n) snap.truncated = true;
    return snap;
  }
}

function copy(src: ArrayLike<number>): ArrayLike<number> {
  if (src instanceof Float32Array || src instanceof Float64Array || src instanceof Uint8Array) return src.slice();
  return Array.from(src);
}
