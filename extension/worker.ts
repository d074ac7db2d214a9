/**
 * The analysis worker: a worker thread (the extension) or a child process (the CLI; see
 * host/analysis-channel.ts). It loads the analyzer, and with it the TypeScript compiler, off the host's
 * thread, and answers one request at a time. It never imports `vscode`.
 * Each document (by the file name the host sends) keeps its own incremental analyzer, so an edit
 * re-parses only the changed span; the few most recently used are kept.
 * Every run writes where it is into progress memory (RunContext.progress): shared with the host thread,
 * or, in a child process, sent to the host on fd 3 by a small watcher thread whenever it changes.
 */
import { parentPort, workerData, Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { FromWorker, ToWorker } from './host/worker-protocol';
import type { Analyzer } from './analysis';
import { PROGRESS_FD_ARG, progressMemory } from './host/analysis-channel';

/** Documents whose last parse is kept (a parse tree of a few thousand lines is a few MB). */
const KEPT_DOCUMENTS = 8;

/** The watcher: sends [pos, end, seq] (three int32, little-endian) on the fd whenever it changes, every 5 ms; never a torn pair. */
const WATCHER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const p = workerData.progress, out = Buffer.alloc(12);
let a = NaN, b = NaN, c = NaN;
setInterval(() => {
  const pos = p[0], end = p[1], seq = p[2];
  // read while the run writes pos, then end: a pos past its end is half of two nodes; the next tick reads again
  if (pos >= 0 && end < pos) return;
  if (pos === a && end === b && seq === c) return;
  a = pos; b = end; c = seq;
  out.writeInt32LE(a, 0); out.writeInt32LE(b, 4); out.writeInt32LE(c, 8);
  try { fs.writeSync(workerData.fd, out); } catch { process.exit(0); }
}, 5);
`;

interface Port {
  send(m: FromWorker): void;
  onMessage(f: (m: ToWorker) => void): void;
}

function connect(): { port: Port; progress: Int32Array } | undefined {
  if (parentPort) {
    const p = parentPort;
    return { port: { send: (m) => p.postMessage(m), onMessage: (f) => p.on('message', f) }, progress: (workerData as { progress: Int32Array }).progress };
  }
  if (!process.send) return undefined;
  const send = process.send.bind(process);
  // The host went away: nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  const progress = progressMemory();
  if (process.argv.includes(PROGRESS_FD_ARG)) new Worker(WATCHER, { eval: true, workerData: { progress, fd: 3 } }).unref();
  return { port: { send: (m) => send(m), onMessage: (f) => process.on('message', f) }, progress };
}

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after the worker started, on purpose
const { createAnalyzer } = require('./analysis') as typeof import('./analysis');
const link = connect();
if (link) {
  const { port, progress } = link;
  const analyzers = new Map<string, Analyzer>();
  /** The document's analyzer, moved to the most recently used end; the least recently used is dropped. */
  const analyzerFor = (key: string): Analyzer => {
    const a = analyzers.get(key) ?? createAnalyzer();
    analyzers.delete(key);
    analyzers.set(key, a);
    if (analyzers.size > KEPT_DOCUMENTS) analyzers.delete(analyzers.keys().next().value as string);
    return a;
  };
  port.send({ type: 'ready', loadMs: performance.now() - t0 });
  port.onMessage((m) => {
    if (m.type !== 'analyze') return;
    const start = performance.now();
    progress.set([-1, -1, m.seq]);
    const analyzer = analyzerFor(m.options.fileName ?? '');
    const trace = m.onlyOptedIn ? analyzer.analyzeOptedIn(m.source, m.options, { progress }) : analyzer.analyze(m.source, m.options, { progress });
    const ms = performance.now() - start;
    port.send(trace ? { type: 'result', seq: m.seq, trace, ms } : { type: 'quiet', seq: m.seq, ms });
  });
}
