/**
 * What the analysed file may reach of the engine, as tables: the `gradlens` module's exports it
 * sees, and per kind of engine object the members it may read, write and call. Everything not in a
 * table is an engine internal: refused with a diagnostic, never read.
 */
import * as engine from '../../../engine';
import { AccumulateGrad, Adagrad, Adam, AdamW, Node, Optimizer, RMSprop, SGD, Tensor, enableGrad, manualSeed, noGrad, rand, randint, randn } from '../../../engine';
import type { HandleKind } from './handle';

/** Exports the file never receives: the analyzer's budget hook and the op-definition machinery. */
const HIDDEN_EXPORTS: ReadonlySet<string> = new Set(['withLimits', 'defineOp', 'ops', 'coreOps']);

/** Namespaces of functions (and classes) the file may read members of; no other engine object is a namespace. */
const NAMESPACES: ReadonlySet<unknown> = new Set<unknown>([engine.F, engine.functional, engine.optim, engine.autograd, engine.nn]);

const { nn } = engine;

const BATCH_NORM_PROPS = ['numFeatures', 'eps', 'momentum', 'affine', 'trackRunningStats', 'weight', 'bias', 'runningMean', 'runningVar', 'numBatchesTracked'];

/**
 * An engine module class as the file sees it: the data members it may read (besides `training`), those
 * it may write (a parameter slot takes a tensor or null, as a real run's assignment does), and methods
 * of its own besides nn.Module's (each changes the module: ModuleList's append and extend).
 */
interface ModuleRow {
  name: string;
  props: readonly string[];
  writable: readonly string[];
  methods?: readonly string[];
}

const CONV_PROPS = ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'dilation', 'weight', 'bias'];

/** The engine's modules the file may construct. nn.Module itself is not constructed: a file class extending it is modelled by the interpreter. */
const MODULE_CLASSES: ReadonlyMap<unknown, ModuleRow> = new Map<unknown, ModuleRow>([
  [nn.Linear, { name: 'nn.Linear', props: ['inFeatures', 'outFeatures', 'weight', 'bias'], writable: ['weight', 'bias'] }],
  [nn.Embedding, { name: 'nn.Embedding', props: ['numEmbeddings', 'embeddingDim', 'paddingIdx', 'weight'], writable: ['weight'] }],
  [nn.LayerNorm, { name: 'nn.LayerNorm', props: ['normalizedShape', 'eps', 'elementwiseAffine', 'weight', 'bias'], writable: ['weight', 'bias'] }],
  [nn.BatchNorm1d, { name: 'nn.BatchNorm1d', props: BATCH_NORM_PROPS, writable: ['weight', 'bias'] }],
  [nn.BatchNorm2d, { name: 'nn.BatchNorm2d', props: BATCH_NORM_PROPS, writable: ['weight', 'bias'] }],
  [nn.Dropout, { name: 'nn.Dropout', props: ['p'], writable: [] }],
  [nn.ReLU, { name: 'nn.ReLU', props: [], writable: [] }],
  [nn.Tanh, { name: 'nn.Tanh', props: [], writable: [] }],
  [nn.Sigmoid, { name: 'nn.Sigmoid', props: [], writable: [] }],
  [nn.GELU, { name: 'nn.GELU', props: ['approximate'], writable: [] }],
  [nn.ELU, { name: 'nn.ELU', props: ['alpha'], writable: [] }],
  [nn.Hardtanh, { name: 'nn.Hardtanh', props: ['minVal', 'maxVal'], writable: [] }],
  [nn.ReLU6, { name: 'nn.ReLU6', props: [], writable: [] }],
  [nn.MaxPool2d, { name: 'nn.MaxPool2d', props: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode'], writable: [] }],
  [nn.AvgPool2d, { name: 'nn.AvgPool2d', props: ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad'], writable: [] }],
  [nn.AdaptiveAvgPool2d, { name: 'nn.AdaptiveAvgPool2d', props: ['outputSize'], writable: [] }],
  [nn.CrossEntropyLoss, { name: 'nn.CrossEntropyLoss', props: ['reduction', 'ignoreIndex', 'weight', 'labelSmoothing'], writable: [] }],
  [nn.MSELoss, { name: 'nn.MSELoss', props: ['reduction'], writable: [] }],
  [nn.Sequential, { name: 'nn.Sequential', props: ['length'], writable: [] }],
  [nn.Conv1d, { name: 'nn.Conv1d', props: CONV_PROPS, writable: ['weight', 'bias'] }],
  [nn.Conv2d, { name: 'nn.Conv2d', props: CONV_PROPS, writable: ['weight', 'bias'] }],
  [nn.Flatten, { name: 'nn.Flatten', props: ['startDim', 'endDim'], writable: [] }],
  [nn.Identity, { name: 'nn.Identity', props: [], writable: [] }],
  [nn.Softmax, { name: 'nn.Softmax', props: ['dim'], writable: [] }],
  [nn.LogSoftmax, { name: 'nn.LogSoftmax', props: ['dim'], writable: [] }],
  [nn.LeakyReLU, { name: 'nn.LeakyReLU', props: ['negativeSlope'], writable: [] }],
  [nn.Softplus, { name: 'nn.Softplus', props: ['beta', 'threshold'], writable: [] }],
  [nn.ModuleList, { name: 'nn.ModuleList', props: ['length'], writable: [], methods: ['append', 'extend'] }],
  [nn.L1Loss, { name: 'nn.L1Loss', props: ['reduction'], writable: [] }],
  [nn.NLLLoss, { name: 'nn.NLLLoss', props: ['reduction', 'ignoreIndex', 'weight'], writable: [] }],
  [nn.BCELoss, { name: 'nn.BCELoss', props: ['reduction', 'weight'], writable: [] }],
  [nn.BCEWithLogitsLoss, { name: 'nn.BCEWithLogitsLoss', props: ['reduction'], writable: [] }],
  [nn.SmoothL1Loss, { name: 'nn.SmoothL1Loss', props: ['reduction', 'beta'], writable: [] }],
  [nn.HuberLoss, { name: 'nn.HuberLoss', props: ['reduction', 'delta'], writable: [] }],
]);

/** The optimizers the file may construct, with their names in messages (a bundled engine's class names are not the source's). */
const OPTIMIZER_CLASSES: ReadonlyMap<unknown, string> = new Map<unknown, string>([
  [SGD, 'SGD'], [Adam, 'Adam'], [AdamW, 'AdamW'], [RMSprop, 'RMSprop'], [Adagrad, 'Adagrad'],
]);

/** An optimizer's name in messages (`AdamW`). */
export function optimizerName(o: object): string {
  return OPTIMIZER_CLASSES.get(o.constructor) ?? 'optimizer';
}

/** Whether `v` is an engine optimizer (its step reads its parameters' gradients and changes the parameters). */
export function isOptimizer(v: unknown): v is Optimizer {
  return v instanceof Optimizer;
}

/** Classes the file may construct with `new`; other exported classes (Tensor, Node, errors) are opaque names. */
const CONSTRUCTIBLE: ReadonlySet<unknown> = new Set<unknown>([...OPTIMIZER_CLASSES.keys(), ...MODULE_CLASSES.keys()]);

/** Module classes whose constructor draws from the random generator (their parameters' initial values). */
export const DRAWING_MODULES: ReadonlySet<unknown> = new Set<unknown>([nn.Linear, nn.Embedding, nn.Conv1d, nn.Conv2d]);

/** `extends nn.Module` in the file: the class the interpreter models itself (nn-module.ts). */
export function isModuleBase(cls: unknown): boolean {
  return cls === nn.Module;
}

/** `extends autograd.Function` in the file: the class the interpreter models itself (custom-function.ts). */
export function isFunctionBase(cls: unknown): boolean {
  return cls === engine.autograd.Function;
}

/** Methods of every module (nn.Module's public ones; each class's forward overrides the base one). */
const MODULE_METHODS: ReadonlySet<string> = publicMethods(nn.Module.prototype, new Set(['constructor']));

/** How the file may use `name` of an engine module: a method, a data member, or (Sequential, ModuleList) a numbered child. */
export function moduleMemberUse(m: object, name: string): 'prop' | 'method' | 'child' | undefined {
  const t = MODULE_CLASSES.get(m.constructor);
  if (t === undefined) return undefined;
  if (MODULE_METHODS.has(name) || (t.methods?.includes(name) ?? false)) return 'method';
  if (name === 'training' || t.props.includes(name)) return 'prop';
  if (isModuleContainer(m) && /^(0|[1-9]\d*)$/.test(name)) return 'child';
  return undefined;
}

/** A module that holds numbered children (`seq[0]`); a ModuleList is also iterable (`for (const layer of list)`). */
export function isModuleContainer(m: unknown): m is InstanceType<typeof nn.Sequential> | InstanceType<typeof nn.ModuleList> {
  return m instanceof nn.Sequential || m instanceof nn.ModuleList;
}

/** Whether calling `fn` on `receiver` changes which modules it holds (ModuleList's append, extend). */
export function changesModule(fn: unknown, receiver: unknown): receiver is object {
  if (!(receiver instanceof nn.Module) || typeof fn !== 'function') return false;
  const own = MODULE_CLASSES.get(receiver.constructor)?.methods ?? [];
  return own.some((name) => Reflect.get(receiver, name) === fn);
}

/** Whether the file may write `name` of an engine module (`training`, a parameter slot). */
export function moduleWritable(m: object, name: string): boolean {
  return name === 'training' || (MODULE_CLASSES.get(m.constructor)?.writable.includes(name) ?? false);
}

/** The module's name in messages and printing (`nn.Linear`); a bundled engine's class names are not the source's. */
export function moduleName(m: object): string {
  return MODULE_CLASSES.get(m.constructor)?.name ?? 'nn.Module';
}

/** The module tables, for the test that compares them with the classes' declared members. */
export function moduleTables(): { methods: ReadonlySet<string>; classes: ReadonlyMap<unknown, ModuleRow> } {
  return { methods: MODULE_METHODS, classes: MODULE_CLASSES };
}

/** Engine functions that draw from the random generator (a draw not made leaves its state unknown), and the one that resets it. */
/**
 * Engine functions that write into some of their arguments, by index: F.batchNorm's running statistics
 * (in training). By function for calls the analysis does not make, by name for code it skips.
 */
const WRITES_ARGUMENTS: readonly { fn: unknown; name: string; args: readonly number[] }[] = [{ fn: engine.F.batchNorm, name: 'batchNorm', args: [1, 2] }];
export const ARGUMENT_WRITES: ReadonlyMap<unknown, readonly number[]> = new Map(WRITES_ARGUMENTS.map((w) => [w.fn, w.args]));
export const ARGUMENT_WRITES_BY_NAME: ReadonlyMap<string, readonly number[]> = new Map(WRITES_ARGUMENTS.map((w) => [w.name, w.args]));

export const RANDOM_DRAWS: ReadonlySet<unknown> = new Set<unknown>([rand, randn, randint, engine.multinomial, engine.F.dropout]);
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
  'affine', 'allowUnused', 'approximate', 'beta', 'betas', 'bias', 'correction', 'createGraph', 'dampening', 'dtype',
  'elementwiseAffine', 'eps', 'gradOutputs', 'ignoreIndex', 'keepdim', 'lr', 'momentum', 'nesterov', 'onStep',
  'paddingIdx', 'reduction', 'requiresGrad', 'retainGraph', 'setToNone', 'threshold', 'trackRunningStats', 'unbiased', 'weightDecay',
  // the conv and Flatten modules, the optimizers, gradient clipping
  'stride', 'padding', 'dilation', 'startDim', 'endDim', 'amsgrad', 'maximize', 'alpha', 'centered', 'lrDecay',
  'initialAccumulatorValue', 'normType', 'errorIfNonfinite',
  // autograd.gradcheck / gradgradcheck
  'atol', 'rtol', 'raiseException', 'fastMode',
  // nanToNum, allclose, the losses' options
  'nan', 'posinf', 'neginf', 'equalNan', 'delta', 'weight', 'labelSmoothing',
  // an index item's slice: `x.index([{ start: 1, stop: 3 }])`
  'start', 'stop', 'step',
]);

/**
 * Methods whose result is engine state itself, not a copy: in a real run, writing into
 * `x.dataSync()` changes x. The file gets a frozen copy whose writes are refused (and make x unknown).
 */
export const ALIASING_RESULTS: ReadonlySet<unknown> = new Set([Tensor.prototype.dataSync]);

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

/** Functions the library also lets the file call with `new`, giving what the call gives (nn.Parameter). */
const NEW_CALLABLE: ReadonlySet<unknown> = new Set<unknown>([nn.Parameter]);

export function isNewCallable(fn: unknown): boolean {
  return NEW_CALLABLE.has(fn);
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
  if (isOptimizer(v)) return 'optimizer';
  if (v instanceof nn.Module) return MODULE_CLASSES.has(v.constructor) ? 'module' : undefined;
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

/** Public methods of `proto` and the engine prototypes it inherits from (Tensor extends TensorState). */
function publicMethods(proto: object, except: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(p))) {
      if (typeof d.value === 'function' && !name.startsWith('_') && !except.has(name)) out.add(name);
    }
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
