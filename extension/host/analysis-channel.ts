/**
 * Where the analyzer runs for AnalysisWorker: a worker thread or a child process (no `vscode` here).
 *
 * A thread starts faster and shares memory, but its heap limit does not protect the process: V8 ends
 * the worker cleanly only when the heap grows gradually. A single large allocation near the limit (a
 * dictionary of millions of keys, a huge string) aborts the whole process, measured on Node 20 with
 * limits of 512/16 MB and 1024/64 MB (old/young). A child process that runs out of memory dies alone:
 * the CLI uses one. Where the run was is known either way: the run writes [pos, end] of its current node
 * into shared memory every step; a thread shares it directly, a child process has a small watcher thread
 * send it over a pipe (fd 3) whenever it changes.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { fork, type ChildProcess } from 'node:child_process';
import type { FromWorker, ToWorker } from './worker-protocol';

/** Offsets [pos, end) of the node a run was at. */
export interface Span {
  pos: number;
  end: number;
}

export type ChannelKind = 'thread' | 'process';

export interface ChannelEvents {
  message(m: FromWorker): void;
  /** The analyzer is gone; `outOfMemory` when it reached its heap limit. */
  exit(message: string, outOfMemory: boolean): void;
}

export interface Channel {
  post(m: ToWorker): void;
  kill(): void;
  /** The run with this sequence number starts: where an earlier run was no longer counts. */
  resetProgress(seq: number): void;
  /** Where the current run was, when it got that far. */
  progress(): Span | undefined;
}

/** The first token at or after `pos` (before `end`): whitespace and comments skipped. */
export function tokenStart(text: string, pos: number, end: number): number {
  let i = pos;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else break;
  }
  return Math.min(i, end);
}

/**
 * The progress memory: [pos, end, seq] of the current run's node (RunContext.progress writes the first
 * two every step; the worker sets seq when a run starts).
 */
export function progressMemory(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(12));
}

/** The argument that tells a child process to report progress on fd 3 (see extension/worker.ts). */
export const PROGRESS_FD_ARG = '--gradlens-progress-fd=3';

export function openChannel(kind: ChannelKind, path: string, limits: ResourceLimits, on: ChannelEvents): Channel {
  return kind === 'thread' ? threadChannel(path, limits, on) : processChannel(path, limits, on);
}

function spanOf(pos: number, end: number): Span | undefined {
  return pos >= 0 && end >= pos ? { pos, end } : undefined;
}

function threadChannel(path: string, limits: ResourceLimits, on: ChannelEvents): Channel {
  const progress = progressMemory();
  const w = new Worker(path, { resourceLimits: limits, workerData: { progress } });
  let done = false;
  const exit = (message: string, oom: boolean): void => {
    if (done) return;
    done = true;
    on.exit(message, oom);
  };
  w.on('message', (m: FromWorker) => on.message(m));
  w.on('error', (e) => exit(e instanceof Error ? e.message : String(e), (e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'));
  w.on('exit', (code) => exit(`worker exited with code ${code}`, false));
  return {
    post: (m) => w.postMessage(m),
    kill: () => void w.terminate(),
    resetProgress: (seq) => progress.set([-1, -1, seq]),
    progress: () => {
      // the run writes pos, then end, while this reads: a pos past its end is half of two nodes, so read again
      for (let i = 0; i < 100; i++) {
        const pos = progress[0], end = progress[1];
        if (pos < 0 || end >= pos) return spanOf(pos, end);
      }
      return undefined;
    },
  };
}

function processChannel(path: string, limits: ResourceLimits, on: ChannelEvents): Channel {
  const execArgv = [`--max-old-space-size=${limits.maxOldGenerationSizeMb ?? 1024}`];
  if (limits.maxYoungGenerationSizeMb) execArgv.push(`--max-semi-space-size=${Math.max(1, Math.floor(limits.maxYoungGenerationSizeMb / 3))}`);
  if (limits.stackSizeMb) execArgv.push(`--stack-size=${Math.floor(limits.stackSizeMb * 1024 * 0.9)}`);
  const child: ChildProcess = fork(path, [PROGRESS_FD_ARG], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'ipc'], serialization: 'advanced' });
  let last: Span | undefined;
  let current = -1;
  let stderr = '';
  let done = false;
  // Progress arrives as triples of little-endian int32s [pos, end, seq]; the last one of this run counts.
  let pending = Buffer.alloc(0);
  child.stdio[3]?.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (; pending.length >= 12; pending = pending.subarray(12)) {
      if (pending.readInt32LE(8) === current) last = spanOf(pending.readInt32LE(0), pending.readInt32LE(4));
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  child.on('message', (m: FromWorker) => on.message(m));
  const exit = (message: string): void => {
    if (done) return;
    done = true;
    on.exit(message, /heap out of memory|allocation failed/i.test(stderr));
  };
  child.on('error', (e) => exit(e.message));
  // 'close', not 'exit': the progress pipe and stderr are read to their end first.
  child.on('close', (code, signal) => exit(signal ? `analysis process ended by ${signal}` : `analysis process exited with code ${code}`));
  return {
    post: (m) => child.send(m),
    kill: () => void child.kill('SIGKILL'),
    resetProgress: (seq) => {
      current = seq;
      last = undefined;
    },
    progress: () => last,
  };
}
