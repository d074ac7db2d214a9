/**
 * The analysis worker (worker_threads). It loads the analyzer, and with it the TypeScript compiler, off the
 * extension host's thread, and answers one request at a time. It never imports `vscode`.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { FromWorker, ToWorker } from './host/worker-protocol';

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after the worker started, on purpose
const { analyze } = require('./analysis') as typeof import('./analysis');
const port = parentPort;
if (port) {
  const send = (m: FromWorker) => port.postMessage(m);
  send({ type: 'ready', loadMs: performance.now() - t0 });
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'analyze') return;
    const start = performance.now();
    const trace = analyze(m.source, m.options);
    send({ type: 'result', seq: m.seq, trace, ms: performance.now() - start });
  });
}
