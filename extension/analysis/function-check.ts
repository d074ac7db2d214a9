/**
 * The automatic check of the file's custom autograd.Functions: once the file has run, each Function
 * it called is checked as torch.autograd.gradcheck would check it, on float64 copies of the inputs of
 * its first call. The check runs the file's forward and backward again in a context of its own, so
 * what they record and print there is not shown; a mismatch is a warning `gradcheck-mismatch` at the
 * `return` of backward, with the forward as a related location; a Function that passes gets an info
 * `gradcheck` at its name (the editor's hover on the name shows it).
 */
import ts from 'typescript';
import { RunContext } from './context';
import { BindingRecorder } from './bindings';
import { TensorRegistry } from './registry';
import { BackwardCapture } from './backward';
import { BoundMethod, Closure, type Value } from './values';
import { applyIn, pendingChecks, type PendingCheck } from './custom-function';
import { checkFunction, tensorOf, type CheckResult } from './membrane';

/** Check every Function the run noted; diagnostics go to `ctx`. */
export function checkFunctions(ctx: RunContext): void {
  for (const p of pendingChecks(ctx)) checkOne(ctx, p);
}

function checkOne(ctx: RunContext, p: PendingCheck): void {
  const name = p.cls.name;
  const args = p.args;
  if (typeof args === 'string') {
    ctx.report(p.node, 'info', 'budget', `${name}.backward is not checked against finite differences: ${args}`);
    return;
  }
  const quiet = checkContext(ctx);
  const result = checkFunction((xs) => applyIn(quiet, p, xs), args);
  ctx.steps = Math.max(ctx.steps, quiet.steps);
  if (result.kind === 'skipped') {
    ctx.report(p.node, 'info', 'unsupported', `${name}.backward is not checked against finite differences: ${result.reason}`);
  } else if (result.kind === 'mismatch') {
    reportMismatch(ctx, p, args, result);
  } else {
    // the class name carries the verdict: hovering it in the editor shows it, Problems lists it as info
    const at = p.cls.decl.name ?? p.cls.decl;
    const line = ctx.range(p.node).line;
    ctx.report(at, 'info', 'gradcheck', `✓ ${name}.backward agrees with finite differences (torch's gradcheck, float64, on the inputs of its call at line ${line})`);
  }
}

/** A context for the check's runs: the file's source and options, its own bindings, logs and diagnostics. */
function checkContext(ctx: RunContext): RunContext {
  // a quarter of the run's time: a failing check computes full Jacobians (2 forwards per input
  // element, a backward per output element), and a slow check must not cost the whole trace
  const o = { ...ctx.options, maxTimeMs: ctx.options.maxTimeMs / 4 };
  const quiet = new RunContext(ctx.sf, o, new BindingRecorder(ctx.sf, o.historyCap, o.dataCap), new TensorRegistry(), new BackwardCapture(false, o.dataCap), ctx.evaluator);
  // the check shares the run's step budget
  quiet.steps = ctx.steps;
  return quiet;
}

function reportMismatch(ctx: RunContext, p: PendingCheck, args: readonly Value[], r: Extract<CheckResult, { kind: 'mismatch' }>): void {
  const m = r.mismatch;
  // the mismatch counts the inputs that require grad; the message counts forward's arguments
  const position = args.map((a, i) => (tensorOf(a)?.requiresGrad ? i : -1)).filter((i) => i >= 0)[m.input];
  const message = `${p.cls.name}.backward disagrees with finite differences: input ${position}, element [${unravel(m.inputElement, r.inputShape).join(', ')}]: `
    + `backward gives ${fmt(m.analytical)}, finite differences ${fmt(m.numerical)} (output ${m.output}, element ${m.outputElement}; max error ${fmt(m.maxError)})`;
  const backward = methodDecl(ctx, p, 'backward');
  const forward = methodDecl(ctx, p, 'forward');
  const at = backward ? lastReturn(backward) ?? backward.name : p.node;
  const related = forward ? [{ ...ctx.range(forward.name), message: `${p.cls.name}.forward` }] : [];
  ctx.diagnostics.push({ ...ctx.range(at), severity: 'warning', code: 'gradcheck-mismatch', message, related });
}

function methodDecl(ctx: RunContext, p: PendingCheck, name: string): ts.MethodDeclaration | undefined {
  const m = p.run.staticMember(ctx, p.cls, name, p.node);
  const decl = m instanceof BoundMethod && m.target instanceof Closure ? m.target.decl : undefined;
  return decl && ts.isMethodDeclaration(decl) ? decl : undefined;
}

/** The last `return` of a method's own body (not of functions inside it). */
function lastReturn(decl: ts.MethodDeclaration): ts.ReturnStatement | undefined {
  let last: ts.ReturnStatement | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n)) last = n;
    ts.forEachChild(n, visit);
  };
  if (decl.body) ts.forEachChild(decl.body, visit);
  return last;
}

/** A flat (row-major) index as an index per dimension. */
function unravel(flat: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(rest % shape[d]);
    rest = Math.floor(rest / shape[d]);
  }
  return out;
}

/** Four decimals, as the editor shows values; exponent form for what four decimals would hide. */
function fmt(v: number): string {
  const a = Math.abs(v);
  return !Number.isFinite(v) || v === 0 || (a >= 1e-3 && a < 1e6) ? v.toFixed(4) : v.toExponential(3);
}
