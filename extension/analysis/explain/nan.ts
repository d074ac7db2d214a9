/**
 * Where a NaN or Inf came from (issue 20, code `nan-origin`): the first op that made one from finite
 * values, reported once at its source range with the numbers that did it; ops that only carry it on
 * become related locations of that one diagnostic. Forward: every tensor an engine call returns.
 * Backward: every step of a backward pass (the engine's onStep), after the pass.
 */
import ts from 'typescript';
import type { RunContext } from '../context';
import type { Diagnostic } from '../trace';
import { isTensor, nodeInput, nodeNumberParam, tensorData, type TensorLike } from '../engine-bridge';
import type { StepRecord } from '../backward';
import type { Snap } from '../snapshot';
import type { Value } from '../values';
import { MAX_ORIGINS, addRelated } from './state';
import { describeTensor, firstNonFinite, indexText, num, sameShape, shortText } from './numbers';
import { backwardDetail } from './derivatives';

function nonFinite(t: TensorLike): boolean {
  return firstNonFinite(tensorData(t)) >= 0;
}

/** The tensors an engine call read: its receiver and arguments (and the tensors in list arguments). */
export function inputTensors(receiver: Value, args: readonly Value[]): TensorLike[] {
  const out: TensorLike[] = [];
  if (isTensor(receiver)) out.push(receiver);
  for (const a of args) {
    if (isTensor(a)) out.push(a);
    else if (Array.isArray(a)) for (const x of a) if (isTensor(x)) out.push(x);
  }
  return out;
}

/** The op's name as the file wrote it: `log` for `x.log()`, `where` for `where(...)`. */
function calleeName(ctx: RunContext, node: ts.Node): string {
  if (!ts.isCallExpression(node)) return shortText(ctx, node, 20);
  const e = node.expression;
  return ts.isPropertyAccessExpression(e) ? e.name.text : shortText(ctx, e, 20);
}

function kinds(data: ArrayLike<number>): string {
  let nan = false, pos = false, neg = false;
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (Number.isNaN(x)) nan = true;
    else if (x === Infinity) pos = true;
    else if (x === -Infinity) neg = true;
  }
  return [nan && 'nan', pos && 'inf', neg && '-inf'].filter(Boolean).join(' and ');
}

/** An operand's value at the output's flat index j, when it is one element for it (same shape, or one element, or a number). */
function operandAt(v: Value, out: TensorLike, j: number): number | undefined {
  if (typeof v === 'number') return v;
  if (!isTensor(v)) return undefined;
  const d = tensorData(v);
  if (d.length === 1) return d[0];
  return sameShape(v.shape, out.shape) ? d[j] : undefined;
}

/** `log(0) = -inf at [0]`, or the first non-finite element when the operands do not line up with it. */
function forwardDetail(ctx: RunContext, node: ts.Node, t: TensorLike, receiver: Value, args: readonly Value[]): string {
  const data = tensorData(t);
  const j = firstNonFinite(data);
  const at = indexText(t.shape, j);
  const where = at ? ` at ${at}` : '';
  const operands = (isTensor(receiver) ? [receiver, ...args] : [...args]).filter((a) => isTensor(a) || typeof a === 'number');
  const values = operands.map((a) => operandAt(a, t, j));
  const name = calleeName(ctx, node);
  let text = values.length > 0 && values.every((v) => v !== undefined)
    ? `${name}(${values.map((v) => num(v as number)).join(', ')}) = ${num(data[j])}${where}`
    : `${num(data[j])}${where}`;
  if (name === 'exp' && data[j] === Infinity && t.dtype === 'float32') text += ' (exp overflows float32 above 88.72)';
  return text;
}

function originCount(ctx: RunContext): number {
  return ctx.explain.originAt.size;
}

/** A tensor an engine call returned: an origin of non-finite values, or a carrier of one seen before. */
export function noteForward(ctx: RunContext, t: TensorLike, node: ts.Node, receiver: Value, args: readonly Value[]): void {
  if (!nonFinite(t)) return;
  const ex = ctx.explain;
  const sick = inputTensors(receiver, args).find(nonFinite);
  if (sick) {
    const d = ex.family.get(sick);
    if (!d) return;
    ex.family.set(t, d);
    addRelated(d, ctx.range(node), `carried on by ${shortText(ctx, node)}`);
    return;
  }
  const known = ex.originAt.get(node);
  if (known) {
    ex.family.set(t, known);
    return;
  }
  if (originCount(ctx) >= MAX_ORIGINS) return;
  const badNumber = nonFiniteNumberArg(ctx, node, args);
  const d = badNumber
    ? ctx.report(badNumber.node, 'warning', 'nan-origin',
      `${shortText(ctx, badNumber.node)} ${plainText(badNumber.node)} ${num(badNumber.value)} as a plain number; ${calleeName(ctx, node)} takes it into a tensor (${kinds(tensorData(t))})`)
    : ctx.report(node, 'warning', 'nan-origin',
      `${shortText(ctx, node)} made ${kinds(tensorData(t))} from finite values: ${forwardDetail(ctx, node, t, receiver, args)}`);
  if (!d) return;
  ex.originAt.set(node, d);
  ex.family.set(t, d);
}

/** The first NaN or infinite number in a plain value (a number, or nested lists of numbers), if any. */
function plainNonFinite(v: Value, depth = 0): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : v;
  if (!Array.isArray(v) || depth > 8) return undefined;
  for (const x of v) {
    const bad = plainNonFinite(x as Value, depth + 1);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/**
 * A number argument (or a number in a data list) that is NaN or infinite (`a.mul(0 / 0)`,
 * `tensor([Infinity])`), with the argument's own node when the call has it.
 */
function nonFiniteNumberArg(ctx: RunContext, node: ts.Node, args: readonly Value[]): { node: ts.Node; value: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const bad = plainNonFinite(args[i]);
    if (bad === undefined) continue;
    const argNode = ts.isCallExpression(node) ? node.arguments[i] : undefined;
    return { node: argNode ?? node, value: bad };
  }
  return undefined;
}

/** `is` for a number expression, `holds` for a list of them. */
function plainText(node: ts.Node): string {
  return ts.isArrayLiteralExpression(node) ? 'holds' : 'is';
}

function snapNonFinite(s: Snap | null): boolean {
  return s !== null && firstNonFinite(s.data) >= 0;
}

/**
 * A finished backward pass: each step whose incoming gradient was finite and which sent a non-finite one
 * on is an origin (told at the op's source range, or added to the forward origin already there); steps
 * that carry it on, and the leaves it reaches, are related locations.
 */
export function noteBackwardSteps(ctx: RunContext, steps: readonly StepRecord[]): void {
  // grad function -> the origins whose non-finite gradient flows into it
  const carrying = new Map<unknown, Set<Diagnostic>>();
  for (const step of steps) {
    let from: Set<Diagnostic> | undefined;
    if (step.gradIn.some(snapNonFinite)) {
      from = carrying.get(step.node);
      if (from) for (const d of from) noteCarrier(ctx, d, step);
    } else if (step.gradsOut.some(snapNonFinite)) {
      const d = backwardOrigin(ctx, step);
      if (d) from = new Set([d]);
    }
    if (!from) continue;
    const next = step.node.nextFunctions;
    step.gradsOut.forEach((g, k) => {
      const fn = next[k]?.[0];
      if (!fn || !snapNonFinite(g)) return;
      const into = carrying.get(fn) ?? new Set<Diagnostic>();
      for (const d of from) into.add(d);
      carrying.set(fn, into);
    });
  }
}

function noteCarrier(ctx: RunContext, d: Diagnostic, step: StepRecord): void {
  const leaf = step.node.variable;
  if (leaf) {
    const at = ctx.registry.originOf(leaf);
    const g = step.gradIn[0];
    const j = g ? firstNonFinite(g.data) : -1;
    if (at && g && j >= 0) addRelated(d, ctx.range(at.node), `reaches ${describeTensor(ctx, leaf)}.grad${indexText(g.shape, j)} = ${num(g.data[j])}`);
    return;
  }
  const out = ctx.registry.outputOf(step.node);
  const site = out && ctx.registry.originOf(out);
  if (site) addRelated(d, ctx.range(site.node), `${step.node.name} carries it on`);
}

function backwardOrigin(ctx: RunContext, step: StepRecord): Diagnostic | undefined {
  const ex = ctx.explain;
  const out = ctx.registry.outputOf(step.node);
  const site = out && ctx.registry.originOf(out);
  if (!out || !site) return undefined;
  const k = step.gradsOut.findIndex(snapNonFinite);
  const grad = step.gradsOut[k] as Snap;
  const j = firstNonFinite(grad.data);
  const input = nodeInput(step.node, k);
  const other = nodeInput(step.node, 1 - k);
  const name = input ? describeTensor(ctx, input) : `input ${k + 1}`;
  const story = backwardDetail({
    fn: step.node.name,
    x: input && j < tensorData(input).length ? tensorData(input)[j] : undefined,
    g: upstreamAt(step.gradIn[0], grad, j),
    result: grad.data[j],
    param: nodeNumberParam(step.node),
    k,
    other: other && k <= 1 ? valueAt(other, grad, j) : undefined,
    into: `${name}${indexText(grad.shape, j)}`,
  });
  const text = `in the backward pass ${story}`;
  const forward = ex.family.get(out) ?? ex.originAt.get(site.node);
  if (forward) {
    if (!ex.toldBackward.has(forward)) {
      ex.toldBackward.add(forward);
      if (forward.line === ctx.range(site.node).line) forward.message += `; ${text}`;
      else addRelated(forward, ctx.range(site.node), text);
    }
    return forward;
  }
  if (originCount(ctx) >= MAX_ORIGINS) return undefined;
  const d = ctx.report(site.node, 'warning', 'nan-origin', `${shortText(ctx, site.node)}: ${text}`);
  if (d) {
    ex.originAt.set(site.node, d);
    ex.toldBackward.add(d);
  }
  return d;
}

/** The upstream gradient at the element j of the input's gradient, when the op kept the shape (or it is one number). */
function upstreamAt(g: Snap | undefined, grad: Snap, j: number): number | undefined {
  if (!g) return undefined;
  if (g.numel === 1) return g.data[0];
  return sameShape(g.shape, grad.shape) && j < g.data.length ? g.data[j] : undefined;
}

/** A forward input's value at element j of a gradient of that shape (or its one element). */
function valueAt(t: TensorLike, grad: Snap, j: number): number | undefined {
  const d = tensorData(t);
  if (d.length === 1) return d[0];
  return sameShape(t.shape, grad.shape) ? d[j] : undefined;
}
