/** The real analysis worker (out/extension/worker.js): incremental per document, same traces as analyze(). */
import * as assert from 'assert';
import * as path from 'path';
import { AnalysisWorker } from '../../extension/host/analysis-worker';
import { analyze } from '../../extension/analysis';
import type { Trace } from '../../extension/analysis/trace';

const WORKER = path.join(__dirname, '..', '..', 'extension', 'worker.js');

/** A trace without its timing, which differs between runs. */
function stable(t: Trace): Trace {
  return { ...t, stats: { ...t.stats, timeMs: 0, steps: t.stats?.steps ?? 0, elements: t.stats?.elements ?? 0 } };
}

const doc = (w: number, extra: string) =>
  `import { tensor } from 'gradlens';\nconst w = tensor([${w}, 2], { requiresGrad: true });\nconst y = w.mul(w).sum();${extra}\ny.backward();\n`;

describe('analysis worker (real analyzer in a worker thread)', function () {
  this.timeout(30000);
  let worker: AnalysisWorker;
  afterEach(() => worker.dispose());

  it('interleaved edits of two documents give the traces a fresh analysis gives', async () => {
    worker = new AnalysisWorker(WORKER, { watchdogMs: 20000, cancelAfterMs: 20000 });
    const edits: [string, string][] = [
      ['a.ts', doc(1, '')], ['b.ts', doc(5, '\nconst z = w.sum();')], ['a.ts', doc(3, '')],
      ['a.ts', doc(3, '\nconst q = w.exp(')], ['b.ts', doc(6, '\nconst z = w.sum();')], ['a.ts', doc(4, '\nconst q = w.exp();')],
    ];
    for (const [fileName, source] of edits) {
      const o = await worker.run(fileName, source, { fileName });
      if (o.kind !== 'result') assert.fail(`no result: ${JSON.stringify(o)}`);
      assert.deepStrictEqual(stable(o.trace), stable(analyze(source, { fileName })), `${fileName}: ${source}`);
    }
  });
});
