/** The real analysis worker (out/extension/worker.js): incremental per document, same traces as analyze(). */
import * as assert from 'assert';
import * as path from 'path';
import { AnalysisWorker, type ChannelKind, type Outcome } from '../../extension/host/analysis-worker';
import { analyze } from '../../extension/analysis';
import type { Trace } from '../../extension/analysis/trace';

const WORKER = path.join(__dirname, '..', '..', 'extension', 'worker.js');

/** A trace without its timing, which differs between runs. */
function stable(t: Trace): Trace {
  return { ...t, stats: { ...t.stats, timeMs: 0, steps: t.stats?.steps ?? 0, elements: t.stats?.elements ?? 0 } };
}

const doc = (w: number, extra: string) =>
  `import { tensor } from 'gradlens';\nconst w = tensor([${w}, 2], { requiresGrad: true });\nconst y = w.mul(w).sum();${extra}\ny.backward();\n`;

/** A file that keeps 9 MB strings until the heap runs out (line 3 holds the loop). */
const MEMORY_BOMB = `const keep: string[] = [];\nlet i = 0;\nwhile (true) { keep.push(('x'.repeat(9000000) + i).slice(1)); i++; }\n`;
const FOREVER = `let n = 0;\nconsole.log('start');\nwhile (true) { n++; }\n`;

function lineOf(source: string, o: Outcome): number | undefined {
  return o.kind === 'crashed' || o.kind === 'timeout' ? o.at && source.slice(0, o.at.pos).split('\n').length : undefined;
}

for (const kind of ['thread', 'process'] as ChannelKind[]) {
  describe(`analysis worker (real analyzer in a worker ${kind})`, function () {
    this.timeout(60000);
    let worker: AnalysisWorker;
    afterEach(() => worker.dispose());

    it('interleaved edits of two documents give the traces a fresh analysis gives', async () => {
      worker = new AnalysisWorker(WORKER, { watchdogMs: 20000, cancelAfterMs: 20000, kind });
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

    it('the watchdog stops a run that outlives it and says where it was; the next run gets a fresh worker', async () => {
      // the watchdog must outlast a loaded machine's start of the run, or there is no place to report yet
      worker = new AnalysisWorker(WORKER, { watchdogMs: 8000, cancelAfterMs: 20000, kind });
      const o = await worker.run('f.ts', FOREVER, { maxSteps: 1e9, maxTimeMs: 60000 });
      assert.strictEqual(o.kind, 'timeout', JSON.stringify(o));
      assert.strictEqual(lineOf(FOREVER, o), 3);
      const next = await worker.run('g.ts', doc(2, ''), {});
      assert.strictEqual(next.kind, 'result');
    });
  });
}

describe('analysis worker in a child process: out of memory', function () {
  this.timeout(60000);
  it('a run that exhausts the heap ends as crashed (out of memory, at its loop); the host lives and the next run works', async () => {
    // (only a child process: a worker thread reaching its limit can abort the whole test process)
    const worker = new AnalysisWorker(WORKER, { watchdogMs: 50000, cancelAfterMs: 50000, kind: 'process', resourceLimits: { maxOldGenerationSizeMb: 96 } });
    try {
      const o = await worker.run('bomb.ts', MEMORY_BOMB, { maxCompute: 1e15 });
      assert.ok(o.kind === 'crashed' && o.outOfMemory === true, JSON.stringify(o));
      assert.strictEqual(lineOf(MEMORY_BOMB, o), 3);
      const next = await worker.run('ok.ts', doc(2, ''), {});
      assert.strictEqual(next.kind, 'result');
    } finally {
      worker.dispose();
    }
  });
});
