/** Messages between the extension host and the analysis worker (extension/worker.ts). No `vscode` here. */
import type { AnalyzeOptions, Trace } from '../analysis/trace';

export interface AnalyzeRequest {
  type: 'analyze';
  /** Increases with every request; a reply carries it back so the host can drop stale results. */
  seq: number;
  source: string;
  options: AnalyzeOptions;
  /** Analyse only a file that opts in (imports `gradlens` or has `// @gradlens`); else reply `quiet`. */
  onlyOptedIn?: boolean;
}

export interface AnalyzeReply {
  type: 'result';
  seq: number;
  trace: Trace;
  /** Wall time inside the worker, parse included. */
  ms: number;
}

/** The file does not opt in: nothing was evaluated. */
export interface QuietReply {
  type: 'quiet';
  seq: number;
  ms: number;
}

export interface ReadyMessage {
  type: 'ready';
  /** Time to load the analyzer (and with it the TypeScript compiler). */
  loadMs: number;
}

export type ToWorker = AnalyzeRequest;
export type FromWorker = AnalyzeReply | QuietReply | ReadyMessage;
