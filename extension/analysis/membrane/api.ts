/**
 * What the analysed file may reach of the engine, as tables: the `gradlens` module's exports it
 * sees, and per kind of engine object the members it may read, write and call. Everything not in a
 * table is an engine internal: refused with a diagnostic, never read.
 */
import * as engine from '../../../engine';
import { AccumulateGrad, Adam, Node, SGD, Tensor, enableGrad, manualSeed, noGrad, rand, randint, randn } from '../../../engine';
import type { HandleKind } from './handle';

/** Exports the file never receives: the analyzer's budget hook and the op-definition machinery. */
const HIDDEN_EXPORTS: ReadonlySet<string> = new Set(['withLimits', 'defineOp', 'ops', 'coreOps']);

/** Namespaces of functions (and classes) the file may read members of; no other engine object is a namespace. */
const NAMESPACES: ReadonlySet<unknown> = new Set<unknown>([engine.F, engine.functional, engine.optim, engine.autograd]);

/** Classes the file may construct with `new`; other exported classes (Tensor, Node, errors) are opaque names. */
const CONSTRUCTIBLE: ReadonlySet<unknown> = new Set<unknown>([SGD, Adam]);

/** Engine functions that draw from the random generator (a draw not made leaves its state unknown), and the one that resets it. */
export const RANDOM_DRAWS: ReadonlySet<unknown> = new Set<unknown>([rand, randn, randint, engine.F.dropout]);
export const SEEDING: unknown = manualSeed;

/** Engine functions that call a function of the file back, and which argument is the callback. */
export const CALLBACK_ARGS: ReadonlyMap<unknown, number> = new Map<unknown, number>([[noGrad, 0], [enableGrad, 0]]);

/** Option keys whose value may be a function of the file (called back by the engine with handles). */
export const CALLBACK_KEYS: ReadonlySet<string> = new Set(['onStep']);

/**
 * The keys of the option objects the engine's API takes (`{ requiresGrad }`, `{ reduction }`, ...). A
 * plain object of the file crosses into the engine only as such options: anything else shaped like an
 * engine object (a forged tensor's `shape`, `_d`, ...) is refused at the membrane. The test of the
 * membrane checks this list against every `*Options` interface of the engine.
 */
export const OPTION_KEYS: ReadonlySet<string> = new Set([
  'allowUnused', 'approximate', 'beta', 'betas', 'bias', 'correction', 'createGraph', 'dampening', 'dtype',
  'elementwiseAffine', 'eps', 'gradOutputs', 'ignoreIndex', 'keepdim', 'lr', 'momentum', 'nesterov', 'onStep',
  'paddingIdx', 'reduction', 'requiresGrad', 'retainGraph', 'threshold', 'unbiased', 'weightDecay',
  // an index item's slice: `x.index([{ start: 1, stop: 3 }])`
  'start', 'stop', 'step',
]);

/** An export as the file sees it: a function, a class (constructible or not), or a namespace. */
export type ExportKind = 'function' | 'class' | 'namespace';

function isClass(v: unknown): boolean {
  return typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
}

/** The kind of a value found in the module or a namespace; undefined: not for the file. */
export function exportKind(v: unknown): ExportKind | undefined {
  if (typeof v === 'function') return isClass(v) ? 'class' : 'function';
  if (NAMESPACES.has(v)) return 'namespace';
  return undefined;
}

export function isConstructible(cls: unknown): boolean {
  return CONSTRUCTIBLE.has(cls);
}

/** The module's exports the file may import, by name. */
export const MODULE_EXPORTS: ReadonlyMap<string, unknown> = new Map(
  Object.entries(engine).filter(([name, v]) => !HIDDEN_EXPORTS.has(name) && exportKind(v) !== undefined),
);

export function isHiddenExport(name: string): boolean {
  return HIDDEN_EXPORTS.has(name);
}

/** Which table an engine object's members come from; undefined: the file may not hold it. */
export function kindOf(v: object): Exclude<HandleKind, 'function' | 'class'> | undefined {
  if (v instanceof Tensor) return 'tensor';
  if (v instanceof Node || v instanceof AccumulateGrad) return 'gradFn';
  if (v instanceof SGD || v instanceof Adam) return 'optimizer';
  if (NAMESPACES.has(v)) return 'namespace';
  return undefined;
}

interface MemberTable {
  /** Data members and getters the file may read. */
  readonly props: ReadonlySet<string>;
  readonly methods: ReadonlySet<string>;
}

/**
 * Tensor methods: the public methods of Tensor.prototype (names without a leading underscore), less
 * these, which are the engine's own helpers. test/analysis/membrane.test.ts checks the result against
 * the class's declared public members.
 */
const TENSOR_NOT_METHODS: ReadonlySet<string> = new Set(['constructor', 'rare']);

function publicMethods(proto: object, except: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
    if (typeof d.value === 'function' && !name.startsWith('_') && !except.has(name)) out.add(name);
  }
  return out;
}

const TABLES: Readonly<Record<'tensor' | 'gradFn' | 'optimizer', MemberTable>> = {
  tensor: {
    props: new Set(['shape', 'dtype', 'id', 'requiresGrad', 'grad', 'gradFn', 'data', 'ndim', 'isLeaf', 'T']),
    methods: publicMethods(Tensor.prototype, TENSOR_NOT_METHODS),
  },
  gradFn: {
    props: new Set(['id', 'name', 'nextFunctions', 'formulas', 'variable']),
    methods: new Set(['apply', 'toString']),
  },
  optimizer: {
    props: new Set(['params', 'options']),
    methods: new Set(['step', 'zeroGrad']),
  },
};

/** How the file may use `name` of an engine object of `kind`. */
export function memberUse(kind: 'tensor' | 'gradFn' | 'optimizer', name: string): 'prop' | 'method' | undefined {
  const t = TABLES[kind];
  if (t.props.has(name)) return 'prop';
  if (t.methods.has(name)) return 'method';
  return undefined;
}

/** The exposed Tensor methods (for the test that compares them with the declared public API). */
export function tensorMethods(): ReadonlySet<string> {
  return TABLES.tensor.methods;
}
