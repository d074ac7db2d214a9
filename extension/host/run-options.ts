/**
 * How the editor runs an analysis: the analysis process's limits and each run's options. The analyzer's
 * own budgets come from the settings; these bound what a run may cost the editor whatever they say.
 * No `vscode` here (plain mocha tests it).
 */
import * as path from 'node:path';
import type { AnalyzeOptions, TargetSpec } from '../analysis/trace';
import type { Config } from '../settings';
import { WORKER_RESOURCE_LIMITS, type WorkerOptions } from './analysis-worker';

/** A run that takes longer than this (wall clock) is stopped, whatever the analyzer's budgets say. */
const WATCHDOG_MS = 5000;
/** The analyzer's own time budget: it stops itself (keeping what it evaluated) before the watchdog kills it. */
const ANALYZER_TIME_MS = 4000;
/**
 * The analysis runs in a child process with this heap: one that runs out of memory dies alone (a worker
 * thread's can abort the extension host: analysis-channel.ts) and the next edit starts a fresh one.
 */
export const ANALYSIS_MEMORY_MB = 512;
/** A newer edit terminates an older run of the same document once it has run this long. */
const CANCEL_AFTER_MS = 400;

/** The editor's analysis process: a child process with ANALYSIS_MEMORY_MB of heap, under the watchdog. */
export function editorWorkerOptions(log: (message: string) => void): WorkerOptions {
  return {
    kind: 'process',
    resourceLimits: { ...WORKER_RESOURCE_LIMITS, maxOldGenerationSizeMb: ANALYSIS_MEMORY_MB },
    watchdogMs: WATCHDOG_MS,
    cancelAfterMs: CANCEL_AFTER_MS,
    log,
  };
}

/** The options of one run of the file `fileName` (a path; the trace names its base name). */
export function runOptions(config: Config, fileName: string, target: TargetSpec | undefined): AnalyzeOptions {
  return {
    maxSteps: config.maxSteps,
    maxElements: config.maxElements,
    maxCompute: config.maxCompute,
    maxTimeMs: ANALYZER_TIME_MS,
    fileName: path.basename(fileName),
    ...(target ? { target } : {}),
  };
}
