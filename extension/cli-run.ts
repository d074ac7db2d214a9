/**
 * The CLI's analysis, in a child process (host/analysis-channel.ts: a worker thread's heap limit does not
 * always keep an out-of-memory from aborting the whole process; a child process dies alone). The CLI's own
 * process never loads the analyzer. A run that dies or hangs still gives a trace: empty, with one
 * diagnostic at the node the run had reached, so the CLI prints the file and exits 1, never 134.
 */
import * as path from 'node:path';
import { AnalysisWorker, type Outcome } from './host/analysis-worker';
import { TRACE_VERSION, type AnalyzeOptions, type Diagnostic, type SourceRange, type Trace } from './analysis/trace';
import { rangeOfOffsets } from './analysis/lines';
import { count } from './analysis/budget-names';

/** The analysis process's heap (V8's old generation); --max-memory-mb sets it. */
export const DEFAULT_MEMORY_MB = 512;
/** The analyzer stops itself at maxTimeMs (checked between steps); the watchdog allows this much more. */
const WATCHDOG_GRACE_MS = 5000;
const DEFAULT_TIME_MS = 10_000;

export interface RunSettings {
  options: AnalyzeOptions;
  memoryMb: number;
}

/** A started analysis process: start it first, read the file meanwhile, then `run`. */
export class CliAnalysis {
  private readonly worker: AnalysisWorker;

  constructor(private readonly settings: RunSettings) {
    this.worker = new AnalysisWorker(path.join(__dirname, 'worker.js'), {
      kind: 'process',
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb },
      watchdogMs: (settings.options.maxTimeMs ?? DEFAULT_TIME_MS) + WATCHDOG_GRACE_MS,
      cancelAfterMs: Infinity,
    });
    this.worker.warm();
  }

  async run(source: string): Promise<Trace> {
    try {
      const outcome = await this.worker.run('cli', source, this.settings.options);
      return outcome.kind === 'result' ? outcome.trace : failedRun(source, outcome, this.settings.memoryMb);
    } finally {
      this.worker.dispose();
    }
  }

  dispose(): void {
    this.worker.dispose();
  }
}

/** The trace of a run that gave none: no values, one error where the run was. */
export function failedRun(source: string, o: Exclude<Outcome, { kind: 'result' }>, memoryMb: number): Trace {
  const where: SourceRange = o.kind !== 'superseded' && o.at ? rangeOfOffsets(source, o.at.pos, o.at.end) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const stopped = 'stopped while evaluating this; nothing else from the run can be shown';
  let d: Diagnostic;
  if (o.kind === 'crashed' && o.outOfMemory) {
    d = { ...where, severity: 'error', code: 'budget', message: `The analysis ran out of memory (its heap is limited to ${count(memoryMb)} MB) and ${stopped}. To allow more, raise the CLI's --max-memory-mb.` };
  } else if (o.kind === 'timeout') {
    d = { ...where, severity: 'error', code: 'budget', message: `The analysis did not finish within ${count(Math.round(o.ms))} ms and ${stopped}. To allow more, raise the CLI's --max-time-ms.` };
  } else {
    d = { ...where, severity: 'error', code: 'runtime', message: `The analysis process failed (${o.kind === 'crashed' ? o.message : 'cancelled'}) and ${stopped}.` };
  }
  return {
    version: TRACE_VERSION, bindings: [], target: null, targetLine: null, targetId: null, targetKind: null,
    graph: { nodes: [], edges: [], groups: [] }, backwardSteps: [], diagnostics: [d], logs: [],
  };
}
