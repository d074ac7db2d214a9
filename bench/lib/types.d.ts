// Shapes shared by the bench scripts: the cases, the engines' interface, and the records the child
// processes print (`@@bench {json}`) and bench/run.mjs pools into BENCHMARKS.md. The scripts name them in
// JSDoc as `import('./types.js').X` (from bench/lib) or `import('../lib/types.js').X`.

export type Workload = 'W1' | 'W2' | 'W3' | 'W4';
export type Mode = 'fwd' | 'fwdbwd';
export type Metric = 'ms' | 'gflops' | 'nsPerNode';
export type Dtype = 'float64' | 'float32';
export type EngineName = 'baseline' | 'gradlens' | 'tfjs-cpu' | 'tfjs-wasm' | 'js-pytorch';

/** Numbers as nested arrays: what some engines take and return. */
export type NestedNumbers = number | NestedNumbers[];

/** One measured case; work = floating-point operations (gflops) or graph nodes (nsPerNode). */
export interface CaseSpec {
  workload: Workload;
  mode: Mode;
  size: number;
  label: string;
  metric: Metric;
  work: number;
}

/** What bench/lib/timing.mjs `measure` returns. */
export interface Timing {
  medianMs: number;
  samplesMs: number[];
  inner: number;
  warmup: number;
}

/** A digest: the loss, then each gradient's sum and sum of |·| (a float32 overflow arrives from JSON as null). */
export type Digest = number[];

/** One case made ready to run: `run(true)` returns the digest, `run(false)` only does the work. */
export interface Prepared {
  skip?: string;
  run(want: boolean): Digest | undefined;
  dispose?(): void;
}

export interface EngineInfo {
  name: string;
  dtype: Dtype;
  version: string;
  notes: string[];
}

/** What an engine module's `load()` resolves to (bench/engines/*.mjs). */
export interface Engine {
  info: EngineInfo;
  prepare(spec: CaseSpec): Prepared;
}

/**
 * A case's record (bench/worker.mjs): measured, skipped or failed. The timing's fields are there only when
 * it was measured (no `error`, no `skipped`): the scripts read them after checking that.
 */
export interface CaseRecord extends CaseSpec, Timing {
  kind: 'case';
  engine: string;
  digest?: Digest;
  firstMs?: number;
  skipped?: string;
  /** Not run in this round because round 1 measured it (the pooling drops it). */
  roundSkipped?: boolean;
  error?: string;
  /** Set by the report's check when the digest differs from the baseline's. */
  mismatch?: string;
  /** How many rounds' samples were pooled. */
  rounds?: number;
}

export interface InfoRecord extends EngineInfo {
  kind: 'info';
  engine: string;
  roundSkipped?: undefined;
}

/** A child process that failed as a whole. */
export interface FatalRecord {
  kind: 'fatal';
  engine?: string;
  workload?: string;
  error: string;
  roundSkipped?: undefined;
}

/** bench/steady.mjs: consecutive forward+backward steps of one engine in one process. */
export interface SteadyRecord {
  kind: 'steady';
  engine: string;
  workload: string;
  mode: Mode;
  label: string;
  digest: Digest | undefined;
  steps: number;
  medianMs: number;
  ms: number[];
  pageFaults: number[];
  medianFaults: number;
  roundSkipped?: undefined;
}

/** bench/analyzer.mjs: W5, edit to trace for one file length. */
export interface W5Record {
  kind: 'w5';
  lines: number;
  edits: number;
  coldMs: number;
  p50Ms: number;
  p95Ms: number;
  medianMs: number;
  maxMs: number;
  liveP50Ms: number;
  liveP95Ms: number;
  workerP50Ms?: number;
  workerP95Ms?: number;
  bindings: number;
  target: unknown;
  errors: number;
  firstError: string | null;
  error?: string;
  roundSkipped?: undefined;
}

/** What bench/run.mjs keeps of the steady loops: their records and their processes' failures. */
export type SteadyResult = SteadyRecord | (FatalRecord & { engine: string; workload: string });

/** bench/gemm-kernels.mjs: the WebAssembly SIMD gemm against the pure-JS one at one size. */
export interface ProtoRecord {
  kind: 'proto';
  n: number;
  wasmGflops: number;
  jsGflops: number;
  maxErr: number;
  roundSkipped?: undefined;
}

/** bench/graph-render.mjs: the graph panel's layout and render of one graph size. */
export interface GraphRecord {
  workload: 'graph' | 'graph-expanded';
  nodes: number;
  layoutMs: number;
  renderMs: number;
  layoutCpuMs: number;
  drawnNodes: number;
  collapsed: boolean;
  svgKB: number;
}

/** Any `@@bench` line of a child process. */
export type BenchRecord = CaseRecord | InfoRecord | FatalRecord | SteadyRecord | W5Record | ProtoRecord;

/** The records of one extra measurement and why there are none, if there are none. */
export interface Section<R> {
  records: R[];
  note: string;
}

/** How long each case is measured (bench/lib/timing.mjs). */
export interface TimingPlan {
  warmup: number;
  samples: number;
  minSampleMs: number;
  budgetMs: number;
}

/** The run's machine and settings, printed at the top of BENCHMARKS.md (bench/run.mjs `machine`). */
export interface Meta {
  command: string;
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: string;
  os: string;
  node: string;
  v8: string;
  load: string;
  loadEnd?: string;
  plan: TimingPlan;
  /** Per engine, why its process failed. */
  failures: Record<string, string>;
  rounds: number;
}

/** The records of one case, by engine (bench/lib/report.mjs `indexCases`); an engine that did not run it has none. */
export type CaseRow = Record<string, CaseRecord>;
