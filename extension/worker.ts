/**
 * The analysis worker (worker_threads). It loads the analyzer, and with it the TypeScript compiler, off the
 * extension host's thread, and answers one request at a time. It never imports `vscode`.
 * Each document (by the file name the host sends) keeps its own incremental analyzer, so an edit
 * re-parses only the changed span; the few most recently used are kept.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { FromWorker, ToWorker } from './host/worker-protocol';
import type { Analyzer } from './analysis';

/** Documents whose last parse is kept (a parse tree of a few thousand lines is a few MB). */
const KEPT_DOCUMENTS = 8;

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after the worker started, on purpose
const { createAnalyzer } = require('./analysis') as typeof import('./analysis');
const port = parentPort;
if (port) {
  const send = (m: FromWorker) => port.postMessage(m);
  const analyzers = new Map<string, Analyzer>();
  /** The document's analyzer, moved to the most recently used end; the least recently used is dropped. */
  const analyzerFor = (key: string): Analyzer => {
    const a = analyzers.get(key) ?? createAnalyzer();
    analyzers.delete(key);
    analyzers.set(key, a);
    if (analyzers.size > KEPT_DOCUMENTS) analyzers.delete(analyzers.keys().next().value as string);
    return a;
  };
  send({ type: 'ready', loadMs: performance.now() - t0 });
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'analyze') return;
    const start = performance.now();
    const trace = analyzerFor(m.options.fileName ?? '').analyze(m.source, m.options);
    send({ type: 'result', seq: m.seq, trace, ms: performance.now() - start });
  });
}
