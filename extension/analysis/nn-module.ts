/**
 * `class M extends nn.Module` in the analysed file. A file class cannot extend an engine class (its
 * instances are interpreter values, never engine objects), so nn.Module's behaviour is implemented
 * here on the Instance, walking its fields exactly as engine/nn/module.ts walks a real module's own
 * keys: parameters are fields holding an nn.Parameter tensor, submodules are fields holding a module
 * (an instance of such a class, or a handle on an engine module, whose own methods answer through the
 * membrane). Names, order and deduplication are the engine's, so a real run gives the same lists.
 */
import ts from 'typescript';
import type { RunContext } from './context';
import { BoundMethod, Builtin, Instance, Unknown, firstUnknown, isUnknown, orderedEntries, type Value } from './values';
import { Handle, tensorOf } from './membrane';
import { isParameter } from '../../engine/nn/parameter';
import { isModuleClass } from './class-chain';

/** nn.Module's constructor: its one field. */
export function moduleInit(inst: Instance): void {
  inst.fields.set('training', true);
}

/** An instance of a file class extending nn.Module. */
export function isModuleInstance(v: Value): v is Instance {
  return v instanceof Instance && isModuleClass(v.cls);
}

function isEngineModule(v: Value): v is Handle {
  return Handle.isHandle(v) && v.kind === 'module';
}

/** A module of either kind: an instance of an nn.Module subclass of the file, or an engine module. */
export const isModule = (v: Value): boolean => isModuleInstance(v) || isEngineModule(v);

type Impl = (ctx: RunContext, self: Instance, args: Value[], node: ts.Node) => Value;

/** A method of the file's object `v` called through the interpreter (the file's override, if any, runs). */
function callMethod(ctx: RunContext, v: Value, name: string, args: Value[], node: ts.Node): Value {
  return ctx.evaluator.invoke(ctx, ctx.evaluator.getMember(ctx, v, name, node), v, args, node);
}

/**
 * The instance's fields in own-key order; unknown when one of them is not known here (it may hold a
 * parameter or a module, which the real run would register).
 */
function fieldsOf(self: Instance): [string, Value][] | Unknown {
  const entries = orderedEntries(self.fields);
  const u = firstUnknown(entries.map(([, v]) => v));
  return u ?? entries;
}

/** Submodules held in the instance's own fields, with their names, each once. */
function namedChildren(self: Instance): [string, Value][] | Unknown {
  const fields = fieldsOf(self);
  if (isUnknown(fields)) return fields;
  const out: [string, Value][] = [];
  const seen = new Set<Value>();
  for (const [k, v] of fields) {
    if (isModule(v) && !seen.has(v)) {
      seen.add(v);
      out.push([k, v]);
    }
  }
  return out;
}

/** Pairs [name, tensor handle] an engine module reports, as an array of the file (unknown when not known). */
function enginePairs(ctx: RunContext, h: Handle, node: ts.Node): [string, Value][] | Unknown {
  const r = callMethod(ctx, h, 'namedParameters', [], node);
  if (isUnknown(r)) return r;
  const u = firstUnknown(Array.isArray(r) ? r.flat() : [r]);
  return u ?? (r as [string, Value][]);
}

/** torch's named_parameters: each module's own parameters in field order, then its submodules', pre-order; each once. */
function namedParameters(ctx: RunContext, self: Instance, prefix: string, recurse: boolean, node: ts.Node): Value {
  const out: Value[] = [];
  const seenParams = new Set<Value>();
  const seenModules = new Set<Value>();
  const add = (name: string, p: Value): void => {
    if (seenParams.has(p)) return;
    seenParams.add(p);
    out.push([name, p]);
  };
  const visit = (m: Value, path: string): Unknown | undefined => {
    if (seenModules.has(m)) return undefined;
    seenModules.add(m);
    if (isEngineModule(m)) {
      const pairs = enginePairs(ctx, m, node);
      if (isUnknown(pairs)) return pairs;
      for (const [n, p] of pairs) add(path + n, p);
      return undefined;
    }
    const inst = m as Instance;
    const fields = fieldsOf(inst);
    if (isUnknown(fields)) return fields;
    for (const [k, v] of fields) if (isParameter(tensorOf(v))) add(path + k, v);
    if (!recurse) return undefined;
    const children = namedChildren(inst);
    if (isUnknown(children)) return children;
    for (const [k, c] of children) {
      const u = visit(c, `${path}${k}.`);
      if (u) return u;
    }
    return undefined;
  };
  const u = visit(self, prefix === '' ? '' : `${prefix}.`);
  return u ?? out;
}

/** The instance and every submodule, pre-order, each once (an engine module's own submodules through its `modules()`). */
function modules(ctx: RunContext, self: Instance, node: ts.Node): Value {
  const out: Value[] = [];
  const seen = new Set<Value>();
  const visit = (m: Value): Unknown | undefined => {
    if (seen.has(m)) return undefined;
    if (isEngineModule(m)) {
      const list = callMethod(ctx, m, 'modules', [], node);
      if (isUnknown(list)) return list;
      for (const x of list as Value[]) {
        if (!seen.has(x)) {
          seen.add(x);
          out.push(x);
        }
      }
      return undefined;
    }
    seen.add(m);
    out.push(m);
    const children = namedChildren(m as Instance);
    if (isUnknown(children)) return children;
    for (const [, c] of children) {
      const u = visit(c);
      if (u) return u;
    }
    return undefined;
  };
  return visit(self) ?? out;
}

function train(ctx: RunContext, self: Instance, args: Value[], node: ts.Node): Value {
  const mode = args.length === 0 || args[0] === undefined ? true : args[0];
  if (isUnknown(mode)) return mode;
  if (typeof mode !== 'boolean') {
    ctx.raise(node, 'ArgumentError', '[train] training mode is expected to be boolean');
    return new Unknown('train() with a mode that is not a boolean');
  }
  ctx.evaluator.setMember(ctx, self, 'training', mode, node);
  const children = namedChildren(self);
  if (isUnknown(children)) return children;
  for (const [, c] of children) {
    const r = callMethod(ctx, c, 'train', [mode], node);
    if (isUnknown(r)) return r;
  }
  return self;
}

/** zeroGrad(options): each parameter's own zeroGrad with the same options, as the engine's Module does. */
function zeroGrad(ctx: RunContext, self: Instance, args: Value[], node: ts.Node): Value {
  if (args.some(isUnknown)) return args.find(isUnknown);
  const params = namedParameters(ctx, self, '', true, node);
  if (isUnknown(params)) return params;
  for (const [, p] of params as [string, Value][]) {
    const r = callMethod(ctx, p, 'zeroGrad', args.slice(0, 1), node);
    if (isUnknown(r)) return r;
  }
  return undefined;
}

/** `a\nb` -> `a\n  b` (torch's _addindent). */
function addIndent(s: string): string {
  return s.split('\n').join('\n  ');
}

/** PyTorch's repr, as engine/nn/module.ts prints it; an engine child prints itself. */
function repr(ctx: RunContext, self: Instance, node: ts.Node): string | Unknown {
  const extra = callMethod(ctx, self, 'extraRepr', [], node);
  const extraText = extra === undefined ? '' : ctx.evaluator.toStringValue(ctx, extra, node);
  if (isUnknown(extraText)) return extraText;
  const extraLines = extraText === '' ? [] : extraText.split('\n');
  const childLines: string[] = [];
  const children = namedChildren(self);
  if (isUnknown(children)) return children;
  for (const [k, c] of children) {
    const s = ctx.evaluator.toStringValue(ctx, c, node);
    if (isUnknown(s)) return s;
    childLines.push(`(${k}): ${addIndent(s)}`);
  }
  const lines = [...extraLines, ...childLines];
  let s = `${self.cls.name}(`;
  if (lines.length > 0) s += extraLines.length === 1 && childLines.length === 0 ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
  return `${s})`;
}

/**
 * A result not known here stands for lists that hold the instance's parameters and submodules: they
 * escape into it, so a later change through an unknown value (a loop over that list) may reach them.
 */
function escaping(ctx: RunContext, self: Instance, impl: Impl): Impl {
  return (c, s, args, node) => {
    const r = impl(c, s, args, node);
    if (isUnknown(r)) for (const v of self.fields.values()) if (typeof v === 'object' && v !== null) ctx.escaped.add(v);
    return r;
  };
}

const IMPLS: ReadonlyMap<string, Impl> = new Map<string, Impl>([
  ['forward', (ctx, self, _args, node) => {
    ctx.raise(node, 'ArgumentError', `[forward] Module [${self.cls.name}] is missing the required "forward" function`);
    return new Unknown(`${self.cls.name} has no forward`);
  }],
  ['namedParameters', (ctx, self, args, node) => {
    const u = firstUnknown(args);
    if (u) return u;
    return namedParameters(ctx, self, args[0] === undefined ? '' : String(args[0]), args[1] !== false, node);
  }],
  ['parameters', (ctx, self, args, node) => {
    const u = firstUnknown(args);
    if (u) return u;
    const named = namedParameters(ctx, self, '', args[0] !== false, node);
    return isUnknown(named) ? named : (named as [string, Value][]).map(([, p]) => p);
  }],
  ['namedChildren', (_ctx, self) => {
    const children = namedChildren(self);
    return isUnknown(children) ? children : children.map(([k, v]) => [k, v]);
  }],
  ['children', (_ctx, self) => {
    const children = namedChildren(self);
    return isUnknown(children) ? children : children.map(([, v]) => v);
  }],
  ['modules', (ctx, self, _args, node) => modules(ctx, self, node)],
  ['train', train],
  ['eval', (ctx, self, _args, node) => callMethod(ctx, self, 'train', [false], node)],
  ['zeroGrad', zeroGrad],
  ['extraRepr', () => ''],
  ['toString', (ctx, self, _args, node) => repr(ctx, self, node)],
]);

/** nn.Module's method `name`, bound to the instance; undefined when nn.Module has none. */
export function moduleMember(self: Instance, name: string): Value {
  const impl = IMPLS.get(name);
  if (!impl) return undefined;
  return new BoundMethod(self, name, new Builtin(`${self.cls.name}.${name}`, ({ ctx, args, thisValue, node }) => {
    if (!(thisValue instanceof Instance)) return new Unknown(`nn.Module.${name} called on something that is not a module`);
    return escaping(ctx, thisValue, impl)(ctx, thisValue, args, node);
  }));
}
