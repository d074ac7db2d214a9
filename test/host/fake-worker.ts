/**
 * A stand-in analysis worker for analysis-worker.test.ts: the real worker protocol over a real worker thread,
 * with sources that script its behaviour: `loop` never returns, `sleep N` busy-waits N ms, `crash` exits.
 */
import { parentPort } from 'node:worker_threads';
import type { Trace } from '../../extension/analysis/trace';
import type { FromWorker, ToWorker } from '../../extension/host/worker-protocol';

// FAKE_LOAD_MS stands for a slow analyzer load (the real worker loads TypeScript first).
const loadUntil = Date.now() + Number(process.env.FAKE_LOAD_MS ?? 0);
while (Date.now() < loadUntil);

const port = parentPort;
if (port) {
  const send = (m: FromWorker) => port.postMessage(m);
  send({ type: 'ready', loadMs: 0 });
  port.on('message', (m: ToWorker) => {
    const [cmd, arg] = m.source.split(' ');
    if (cmd === 'loop') for (;;);
    if (cmd === 'crash') process.exit(3);
    if (cmd === 'sleep') {
      const until = Date.now() + Number(arg);
      while (Date.now() < until);
    }
    // The source comes back as the target name, so a test can tell which request a result answers.
    const trace: Trace = { version: 4, bindings: [], target: m.source, targetLine: null, graph: { nodes: [], edges: [], groups: [] }, backwardSteps: [], diagnostics: [], logs: [] };
    send({ type: 'result', seq: m.seq, trace, ms: 0 });
  });
}
