/**
 * Runs analyses in a worker thread or a child process (analysis-channel.ts) so the extension host never blocks
 * (no `vscode` here; plain mocha tests it). One run at a time; per document only the newest request waits. A
 * newer request for a document drops the older result (sequence numbers) and, when the older run is already
 * slow, terminates the worker. A wall-clock watchdog terminates a run that takes too long, whatever the
 * analyzer's own budgets say. A worker that dies is replaced; its run settles as crashed, with where it was.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { AnalyzeOptions, Trace } from '../analysis/trace';
import type { FromWorker, ToWorker } from './worker-protocol';
import { openChannel, tokenStart, type Channel, type ChannelKind, type Span } from './analysis-channel';

export type { Span, ChannelKind } from './analysis-channel';

/**
 * The worker's V8 limits. An analysis allocates about 6.5 MB at 300 lines (45 MB at 3,000), most of it
 * garbage at its end; a larger young generation halves the scavenges. W5 in a worker, 300 lines, 300 edits:
 * default 129 GCs, 2.9-3.6 ms of GC per analysis; 64 MB: 61 GCs, 1.4-1.5 ms; 128 MB: 37 GCs, 1.2-1.3 ms.
 * At 3,000 lines the GC time per analysis stays about the same (each scavenge copies what the run holds).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;

export type Outcome =
  | { kind: 'result'; trace: Trace; ms: number }
  /** The file does not opt in (it neither imports `gradlens` nor has `// @gradlens`): nothing was evaluated. */
  | { kind: 'quiet'; ms: number; at?: undefined }
  /** A newer request for the same document replaced this one. */
  | { kind: 'superseded' }
  /** The watchdog stopped the run after `ms`; `at`: the node it had reached. */
  | { kind: 'timeout'; ms: number; at?: Span }
  /** The worker died (`outOfMemory`: it reached its heap limit); `at`: the node the run had reached. */
  | { kind: 'crashed'; message: string; outOfMemory?: boolean; at?: Span };

export interface WorkerOptions {
  /** Wall-clock limit of one run, counted from when the worker has loaded the analyzer. */
  watchdogMs: number;
  /** Limit on loading the analyzer (and the TypeScript compiler) in a fresh worker. */
  loadTimeoutMs?: number;
  /** A newer edit terminates an older run of the same document once it has run this long. */
  cancelAfterMs: number;
  /** V8 limits of the worker (default WORKER_RESOURCE_LIMITS). */
  resourceLimits?: ResourceLimits;
  /** A worker thread (default) or a child process (analysis-channel.ts: only a process survives every OOM). */
  kind?: ChannelKind;
  log?: (message: string) => void;
}

interface Job {
  key: string;
  source: string;
  options: AnalyzeOptions;
  onlyOptedIn: boolean;
  resolve: (o: Outcome) => void;
}

interface Running extends Job {
  seq: number;
  /** When the worker started on it (undefined while the worker is still loading). */
  started: number | undefined;
  timer: NodeJS.Timeout | undefined;
}

export class AnalysisWorker {
  private worker: Channel | undefined;
  /** The worker has loaded the analyzer; a run's watchdog starts only then (loading is not analysis time). */
  private ready = false;
  private loadTimer: NodeJS.Timeout | undefined;
  private running: Running | undefined;
  private readonly waiting = new Map<string, Job>();
  private seq = 0;
  private disposed = false;

  constructor(
    private readonly workerPath: string,
    private readonly opts: WorkerOptions,
  ) {}

  /**
   * Analyzes `source` for the document `key`; resolves with the result or why there is none. With
   * `onlyOptedIn`, a file that does not opt in settles as `quiet`.
   */
  run(key: string, source: string, options: AnalyzeOptions, onlyOptedIn = false): Promise<Outcome> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve({ kind: 'crashed', message: 'disposed' });
      this.waiting.get(key)?.resolve({ kind: 'superseded' });
      this.waiting.delete(key);
      this.waiting.set(key, { key, source, options, onlyOptedIn, resolve });
      const r = this.running;
      if (r && r.key === key && r.started !== undefined && performance.now() - r.started > this.opts.cancelAfterMs) {
        this.opts.log?.(`cancelling a ${Math.round(performance.now() - r.started)} ms run for a newer edit`);
        this.finish({ kind: 'superseded' }, true);
      }
      this.pump();
    });
  }

  /** Starts the worker (and its analyzer loading) now, before the first run needs it. */
  warm(): void {
    if (!this.disposed) this.ensureWorker();
  }

  /** True while a run is in flight or waiting. */
  get busy(): boolean {
    return this.running !== undefined || this.waiting.size > 0;
  }

  dispose(): void {
    this.disposed = true;
    for (const j of this.waiting.values()) j.resolve({ kind: 'superseded' });
    this.waiting.clear();
    if (this.running) this.finish({ kind: 'superseded' }, true);
    clearTimeout(this.loadTimer);
    this.worker?.kill();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const next = this.waiting.values().next();
    if (next.done) return;
    const job = next.value;
    this.waiting.delete(job.key);
    const seq = ++this.seq;
    const worker = this.ensureWorker();
    this.running = { ...job, seq, started: undefined, timer: undefined };
    worker.resetProgress(seq);
    if (this.ready) this.startWatchdog();
    const message: ToWorker = { type: 'analyze', seq, source: job.source, options: job.options, ...(job.onlyOptedIn ? { onlyOptedIn: true } : {}) };
    worker.post(message);
  }

  private startWatchdog(): void {
    const r = this.running;
    if (!r || r.timer) return;
    r.started = performance.now();
    r.timer = setTimeout(() => this.onTimeout(r.seq), this.opts.watchdogMs);
  }

  private ensureWorker(): Channel {
    if (this.worker) return this.worker;
    const limits = this.opts.resourceLimits ?? WORKER_RESOURCE_LIMITS;
    const w: Channel = openChannel(this.opts.kind ?? 'thread', this.workerPath, limits, {
      message: (m) => this.onMessage(w, m),
      exit: (message, outOfMemory) => this.onCrash(w, message, outOfMemory),
    });
    this.ready = false;
    const loadMs = this.opts.loadTimeoutMs ?? 60000;
    this.loadTimer = setTimeout(() => {
      if (w !== this.worker || this.ready) return;
      this.onCrash(w, `the analyzer did not load within ${loadMs} ms`, false);
      w.kill();
    }, loadMs);
    this.worker = w;
    return w;
  }

  private onMessage(w: Channel, m: FromWorker): void {
    if (w !== this.worker) return;
    if (m.type === 'ready') {
      this.ready = true;
      clearTimeout(this.loadTimer);
      this.opts.log?.(`analysis worker ready: analyzer loaded in ${m.loadMs.toFixed(1)} ms`);
      this.startWatchdog();
      return;
    }
    const r = this.running;
    if (!r || r.seq !== m.seq) return;
    // A newer request for the same document is waiting: this result is already out of date.
    const outcome: Outcome = this.waiting.has(r.key) ? { kind: 'superseded' }
      : m.type === 'quiet' ? { kind: 'quiet', ms: m.ms } : { kind: 'result', trace: m.trace, ms: m.ms };
    this.finish(outcome, false);
  }

  private onTimeout(seq: number): void {
    const r = this.running;
    if (!r || r.seq !== seq) return;
    const ms = performance.now() - (r.started ?? 0);
    this.opts.log?.(`watchdog: analysis stopped after ${Math.round(ms)} ms`);
    this.finish({ kind: 'timeout', ms, ...this.reached() }, true);
  }

  /**
   * Where the running job was, when the worker got that far. The worker writes a node's full span,
   * which starts with the trivia before it (a statement's starts at the end of the line above): the
   * span returned starts at the node's first token.
   */
  private reached(): { at?: Span } {
    const at = this.worker?.progress();
    const source = this.running?.source;
    return at ? { at: source === undefined ? at : { pos: tokenStart(source, at.pos, at.end), end: at.end } } : {};
  }

  /**
   * The worker died: the running job (if any) settles as crashed, and a worker that had loaded is replaced at
   * once, so the next edit does not wait for the analyzer to load (one that failed to load is not retried
   * until the next job).
   */
  private onCrash(w: Channel, message: string, outOfMemory: boolean): void {
    if (w !== this.worker) return;
    const loaded = this.ready;
    const at = this.reached();
    this.worker = undefined;
    clearTimeout(this.loadTimer);
    this.opts.log?.(`analysis worker stopped: ${message}`);
    if (this.running) this.finish({ kind: 'crashed', message, ...(outOfMemory ? { outOfMemory } : {}), ...at }, false);
    if (loaded && !this.disposed && !this.worker) this.ensureWorker();
  }

  /** Settles the running job; `kill` terminates the worker (a fresh one starts for the next job). */
  private finish(outcome: Outcome, kill: boolean): void {
    const r = this.running;
    if (!r) return;
    clearTimeout(r.timer);
    this.running = undefined;
    if (kill && this.worker) {
      const w = this.worker;
      this.worker = undefined;
      w.kill();
    }
    r.resolve(outcome);
    queueMicrotask(() => this.pump());
  }
}

