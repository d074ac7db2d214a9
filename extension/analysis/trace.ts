/**
 * The trace: the contract between the analyzer, the CLI, the editor and the graph panel (docs/trace.md).
 * JSON-serialisable and versioned. The JSON Schema in `trace.schema.json` describes the same shape and
 * a test validates every trace against it; change both together.
 *
 * Conventions: lines and columns are 1-based, columns count UTF-16 code units, ends are exclusive.
 * Non-finite numbers are the strings "NaN", "Infinity", "-Infinity".
 */

export const TRACE_VERSION = 4 as const;

/** A float as JSON can carry it. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export type Dtype = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

/** A source range: 1-based lines and columns (UTF-16 code units), end exclusive. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A snapshot of a tensor (or of a number taken from one, `kind: 'number'`, shape []).
 * `data` is flat and row-major; bool tensors use 0/1. When the tensor has more elements than the
 * trace's data cap, `data` holds the first elements only and `truncated` is true.
 */
export interface ValueSnapshot {
  kind: 'tensor' | 'number';
  shape: number[];
  dtype: Dtype;
  data: JsonNumber[];
  truncated?: boolean;
  /** PyTorch's `str()` of the tensor, e.g. "tensor(0.8000, grad_fn=<DivBackward0>)". */
  text: string;
}

export interface Binding extends SourceRange {
  /** Stable within one trace: "b0", "b1", ... in source order of first execution. */
  id: string;
  /** The name as the user wrote it: `z2`, `this.w`, `[a, b]` elements get their own names. */
  name: string;
  /** Last line of the statement that holds the binding: where the editor puts the annotation. */
  statementEndLine: number;
  /** The value snapshot when the line last ran; null when it could not be computed (see `unknown`). */
  value: ValueSnapshot | null;
  /** Why `value` is null ("depends on `fs.readFileSync` (not evaluated here)"). */
  unknown?: string;
  /** The value at the end of the file, present only when it differs from `value` (later in-place ops). */
  finalValue?: ValueSnapshot;
  /** Why the value at the end of the file is not known (code not evaluated may have changed the tensor). */
  finalUnknown?: string;
  /** The gradient shown for this binding, or null when it has none (or when it is not known: `gradUnknown`). */
  grad: ValueSnapshot | null;
  /** Why the gradient is not known here (a backward() not evaluated, a tensor changed by code not evaluated). */
  gradUnknown?: string;
  /** PyTorch's grad_fn class name of the snapshot, e.g. "DivBackward0"; null for leaves and numbers. */
  gradFn: string | null;
  /** Graph node that shows this binding's tensor, when it is in the graph. */
  nodeId?: string;
  dtype: Dtype | null;
  requiresGrad: boolean;
  isLeaf: boolean;
  /** How many times the binding's site ran (loop iterations, calls). */
  iterations: number;
  /**
   * The run of the site (1-based) whose value and gradient are shown, when it is not the last: the last
   * run before the target's backward pass, whose graph holds it, where the later runs (an evaluation
   * under noGrad) made no part of that graph.
   */
  shownIteration?: number;
  /** Capped history over iterations (the scalar value, or the mean for non-scalars), oldest first. Present when iterations > 1. */
  history?: JsonNumber[];
  /** Ranges where the bound name is used afterwards (for hovers at a use). */
  uses: SourceRange[];
  /**
   * One entry per parameter this site made, when it made several (a layer's constructor line run once
   * per instance): each named by its module path, with its own value and gradient. Present only then;
   * `value` and `grad` above are the last instance's.
   */
  instances?: BindingInstance[];
}

/** One parameter a binding site made (see `Binding.instances`). */
export interface BindingInstance {
  /** The parameter's module path, as `namedParameters()` names it (`layer1.weight`). */
  name: string;
  /** Its value when the site made it. */
  value: ValueSnapshot;
  /** Its value at the end of the file, present only when it differs (an optimizer step changed it). */
  finalValue?: ValueSnapshot;
  /** Why its value at the end of the file is not known (code not evaluated may have changed it). */
  finalUnknown?: string;
  /** Its gradient as the binding's own is chosen (the target's), or null. */
  grad: ValueSnapshot | null;
  /** Why its gradient is not known here. */
  gradUnknown?: string;
}

export type GraphNodeKind =
  /** A leaf tensor (created by the user, or detached). */
  | 'leaf'
  /** A grad function of an op (MulBackward0, ...): it shows the value and gradient of the op's output. */
  | 'op'
  /** PyTorch's AccumulateGrad node, attached to a leaf that requires grad. */
  | 'accumulate';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** What to draw: the variable name for leaves, the class name for grad functions. */
  label: string;
  /** PyTorch class name for 'op' and 'accumulate' nodes. */
  gradFn?: string;
  /** The binding whose tensor this node is (a leaf) or produces (an op's output), when there is one. */
  bindingId?: string;
  /** The name of that binding, for display. */
  name?: string;
  /** Forward value of the leaf / of the op's output. */
  value?: ValueSnapshot | null;
  /** Gradient of the leaf / of the op's output with respect to the target. */
  grad?: ValueSnapshot | null;
  /** Why the gradient is not known here (then `grad` is null). */
  gradUnknown?: string;
  /** Source span of the expression that made it. */
  range?: SourceRange;
  /** Group (loop iteration or function call) that made it, for collapsing. */
  group?: string;
  /** For 'accumulate' nodes: the leaf node they feed. */
  leafId?: string;
  /**
   * A tensor outside the target's graph, drawn to explain a missing gradient: 'unused', a leaf that
   * requires grad and that no backward() reaches; 'cut', one a detach() or noGrad cut off (see `GraphEdge.cut`).
   */
  outside?: 'unused' | 'cut';
  /** Why it is outside, in a sentence. */
  outsideWhy?: string;
}

/**
 * An edge in the forward direction: `from` produced a value that `to` consumed.
 * For grad functions this is PyTorch's `to.next_functions[index] == from` read backwards.
 */
export interface GraphEdge {
  id: string;
  /** The edge the file cut (detach, noGrad): from the tensor cut off into the op that used its cut copy; why. */
  cut?: string;
  from: string;
  to: string;
  /** Slot in `to`'s next_functions. */
  index: number;
  /** The local derivative on this edge, e.g. "∂/∂a = 1/b" or "× 2". */
  label?: string;
  /** The gradient that flowed along this edge (backward direction) in the target's backward pass. */
  grad?: ValueSnapshot | null;
}

export interface GraphGroup {
  id: string;
  kind: 'loop' | 'call';
  label: string;
  parent?: string;
  range?: SourceRange;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups: GraphGroup[];
  /** True when the graph was cut at the node cap; `nodes` then holds those nearest the target. */
  truncated?: boolean;
}

/** One grad function run by the engine during the target's backward pass, in execution order. */
export interface BackwardStep {
  nodeId: string;
  gradFn: string;
  /** The gradient(s) arriving at the function (its "before applying grad_fn"). */
  gradIn: ValueSnapshot[];
  /** What it returns, one per next_functions slot (null where no gradient flows). */
  gradsOut: (ValueSnapshot | null)[];
  /** Source line of the expression that recorded the function, when known. */
  line?: number;
}

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'syntax'
  | 'unsupported'
  | 'shape'
  | 'engine'
  | 'budget'
  | 'runtime'
  | 'target'
  /** Where a NaN or Inf came from: the first op that made one from finite values (forward or backward). */
  | 'nan-origin'
  /** A `.grad` read that is null, with why (the line that cut the path, or a non-leaf without retainGrad). */
  | 'grad-missing'
  /** A leaf that requires grad which no backward() reached. */
  | 'unused-leaf'
  /** Where a tensor that requires grad was cut from the graph (detach, noGrad, item) on the way to the target. */
  | 'graph-cut'
  /** The in-place version error, with the line that modified the tensor and the op that saved it. */
  | 'inplace-modified'
  /** Backward through a graph a first backward() already freed. */
  | 'backward-twice'
  /** A backward() adding to a gradient an earlier pass left in `.grad` before the leaf was updated (no zeroGrad). */
  | 'grad-accumulated'
  /** A custom autograd.Function whose backward disagrees with finite differences (at backward's return). */
  | 'gradcheck-mismatch'
  /** A custom Function's backward agrees with finite differences (info, at the class name). */
  | 'gradcheck';

/** A second place a diagnostic concerns (the op that saved a tensor, a later line a NaN reached). Same range conventions. */
export interface RelatedLocation extends SourceRange {
  message: string;
}

export interface Diagnostic extends SourceRange {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Other places the diagnostic concerns, in the order they matter (trace v4). */
  related?: RelatedLocation[];
}

export interface LogEntry {
  line: number;
  column?: number;
  text: string;
}

export interface TraceStats {
  /** Wall time of the analysis in milliseconds. */
  timeMs: number;
  /** Interpreter steps used. */
  steps: number;
  /** Tensor elements allocated. */
  elements: number;
  /** Units of work the engine and the interpreter's costly builtins charged (the compute budget's counter). */
  compute?: number;
}

export interface Trace {
  version: typeof TRACE_VERSION;
  bindings: Binding[];
  /** Name and line of the target binding (extension/analysis/README.md), or null when the file has none. */
  target: string | null;
  targetLine: number | null;
  targetId?: string | null;
  /** Implicit: 'backward' (the root of the last backward()), 'grad' (the output of the last autograd.grad); 'user': picked by the user. */
  targetKind?: 'backward' | 'grad' | 'user' | null;
  graph: Graph;
  backwardSteps: BackwardStep[];
  diagnostics: Diagnostic[];
  logs: LogEntry[];
  stats?: TraceStats;
}

/** A target picked by the user: a binding name, optionally at a line (for names bound more than once). */
export interface TargetSpec {
  name: string;
  line?: number;
}

export interface AnalyzeOptions {
  /** Pick the target (extension/analysis/README.md); default: the root of the last backward(), else the output of the last autograd.grad, else none. */
  target?: TargetSpec;
  /** Interpreter step budget (statements + expressions evaluated). */
  maxSteps?: number;
  /** Element budget: total tensor elements allocated in one run. */
  maxElements?: number;
  /** Compute budget: units of work (an element written or read, a multiply-add) of the run's costly ops. */
  maxCompute?: number;
  /** Wall-clock backstop of one run, in milliseconds. */
  maxTimeMs?: number;
  /** Cap on `history` entries per binding. */
  historyCap?: number;
  /** Cap on `data` entries per snapshot. */
  dataCap?: number;
  /** Cap on graph nodes. */
  maxGraphNodes?: number;
  /** Optional file name, used in messages only. */
  fileName?: string;
}
