/**
 * Reading an oracle step's arguments and kwargs (format.ts) as the gradlens API takes them, with a
 * StepError naming the op and the argument when one has the wrong form. Used by the op table (ops.ts).
 */
import { Tensor } from '../../../engine/index';
import type { Dtype, IndexItem } from '../../../engine/index';
import type { IndexEntry, KwargValue, StepArg } from './format';

/** A resolved step argument: a tensor from the environment, a number literal, or None. */
export type Arg = Tensor | number | null;
export type Kwargs = Readonly<Record<string, KwargValue>>;
/** Looks up a tensor named in kwargs (getitem's {tensor} entries, index_put's indices). */
export type Named = (name: string) => Tensor;
export type OpImpl = (args: readonly Arg[], k: Kwargs, named: Named) => Tensor;

export class StepError extends Error {}

export function tensorArg(args: readonly Arg[], i: number, op: string): Tensor {
  const a = args[i];
  if (!(a instanceof Tensor)) throw new StepError(`${op}: argument ${i} must be a tensor name`);
  return a;
}

export function optTensor(args: readonly Arg[], i: number, op: string): Tensor | null {
  return args[i] === null || args[i] === undefined ? null : tensorArg(args, i, op);
}

export function operand(args: readonly Arg[], i: number, op: string): Tensor | number {
  const a = args[i];
  if (a === null || a === undefined) throw new StepError(`${op}: argument ${i} is missing`);
  return a;
}

export function int(k: Kwargs, key: string, op: string): number {
  const v = k[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new StepError(`${op}: kwarg ${key} must be an int`);
  return v;
}

export function optNumber(k: Kwargs, key: string, fallback: number): number {
  const v = k[key];
  return typeof v === 'number' ? v : fallback;
}

export function optBool(k: Kwargs, key: string, fallback: boolean): boolean {
  const v = k[key];
  return typeof v === 'boolean' ? v : fallback;
}

export function intList(k: Kwargs, key: string, op: string): number[] {
  const v = k[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isInteger(x))) throw new StepError(`${op}: kwarg ${key} must be a list of ints`);
  return v as number[];
}

/** `dim` as an int or a list of ints; undefined when absent (meaning all dims). */
export function dims(k: Kwargs, op: string): number | number[] | undefined {
  const v = k.dim;
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' ? int(k, 'dim', op) : intList(k, 'dim', op);
}

export type Reduction = 'mean' | 'sum' | 'none';
export function reduction(k: Kwargs, op: string): Reduction {
  const r = k.reduction ?? 'mean';
  if (r !== 'mean' && r !== 'sum' && r !== 'none') throw new StepError(`${op}: unknown reduction ${JSON.stringify(r)}`);
  return r;
}

/**
 * getitem entry -> engine index item: ints, null (None), '...', booleans and lists pass through;
 * {slice:[start,stop,step]} becomes a slice; {tensor: name} the named tensor.
 */
export function indexItem(e: IndexEntry, named: Named): IndexItem {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return e as IndexItem;
  const entry = e as { tensor: string } | { slice: [number | null, number | null, number | null] };
  if ('tensor' in entry) return named(entry.tensor);
  const [start, stop, step] = entry.slice;
  return { start: start ?? undefined, stop: stop ?? undefined, step: step ?? undefined };
}

export function names(k: Kwargs, key: string, op: string, named: Named): Tensor[] {
  const v = k[key];
  if (!Array.isArray(v) || !v.every((n) => typeof n === 'string')) throw new StepError(`${op}: kwarg ${key} must be a list of names`);
  return (v as string[]).map(named);
}

/** nll_loss / cross_entropy options: reduction, ignore_index, label_smoothing, and a weight tensor as argument 2. */
export function nllOptions(a: readonly Arg[], k: Kwargs, op: string): { reduction: Reduction; ignoreIndex: number; weight: Tensor | null; labelSmoothing?: number } {
  const o = { reduction: reduction(k, op), ignoreIndex: optNumber(k, 'ignore_index', -100), weight: optTensor(a, 2, op) };
  return typeof k.label_smoothing === 'number' ? { ...o, labelSmoothing: k.label_smoothing } : o;
}

/** One output of a multi-output op: kwarg piece (an index into the list). */
export function piece(ts: Tensor[], k: Kwargs): Tensor {
  const i = int(k, 'piece', 'piece');
  if (i < 0 || i >= ts.length) throw new StepError(`piece ${i} of ${ts.length}`);
  return ts[i];
}
/** kwarg part: 'values' or 'indices' of a sort/topk result. */
export function part(r: { values: Tensor; indices: Tensor }, k: Kwargs): Tensor {
  if (k.part !== 'values' && k.part !== 'indices') throw new StepError('kwarg part must be values or indices');
  return r[k.part];
}

export function intOrList(k: Kwargs, key: string, op: string): number | number[] {
  return typeof k[key] === 'number' ? int(k, key, op) : intList(k, key, op);
}

/** A norm order or bound: a number, 'fro', or 'inf' / '-inf' (JSON has no infinities). */
export function order(v: KwargValue): number | 'fro' {
  if (v === 'fro') return v;
  return bound(v);
}
export function bound(v: KwargValue): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v !== 'number') throw new StepError(`expected a number, 'inf' or '-inf', got ${JSON.stringify(v)}`);
  return v;
}

/** var/std options: correction when given, else unbiased (default true); keepdim. */
export function varOptions(k: Kwargs): { unbiased: boolean; keepdim: boolean; correction?: number } {
  const o = { unbiased: optBool(k, 'unbiased', true), keepdim: optBool(k, 'keepdim', false) };
  return typeof k.correction === 'number' ? { ...o, correction: k.correction } : o;
}

export function dtypeKw(k: Kwargs, op: string): Dtype {
  const d = k.dtype;
  if (d !== 'float32' && d !== 'float64' && d !== 'int32' && d !== 'int64' && d !== 'bool') throw new StepError(`${op}: kwarg dtype must name a dtype`);
  return d;
}

/** Resolve a step argument against the environment (names must exist and hold a tensor). */
export function resolveArg(a: StepArg, env: ReadonlyMap<string, Tensor | null>): Arg {
  if (typeof a !== 'string') return a;
  const t = env.get(a);
  if (t === undefined) throw new StepError(`unknown name ${a}`);
  if (t === null) throw new StepError(`${a} is None`);
  return t;
}
