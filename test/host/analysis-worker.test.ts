import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { AnalysisWorker, type Outcome } from '../../extension/host/analysis-worker';

const FAKE = path.join(__dirname, 'fake-worker.js');

function targetOf(o: Outcome): string | null | undefined {
  return o.kind === 'result' ? o.trace.target : undefined;
}

describe('AnalysisWorker (a real worker thread running a scripted stand-in analyzer)', function () {
  this.timeout(10000);
  let w: AnalysisWorker;
  afterEach(() => w.dispose());

  it('answers a request with the result for that source', async () => {
    w = new AnalysisWorker(FAKE, { watchdogMs: 2000, cancelAfterMs: 1000 });
    const o = await w.run('a', 'hello', {});
    assert.equal(targetOf(o), 'hello');
  });

  it('a newer request for the same document supersedes a waiting one and drops the running one', async () => {
    w = new AnalysisWorker(FAKE, { watchdogMs: 2000, cancelAfterMs: 1000 });
    const first = w.run('a', 'sleep 200', {});
    const second = w.run('a', 'v2', {});
    const third = w.run('a', 'v3', {});
    assert.deepEqual(await first, { kind: 'superseded' });
    assert.deepEqual(await second, { kind: 'superseded' });
    assert.equal(targetOf(await third), 'v3');
  });

  it('requests for different documents all get their results', async () => {
    w = new AnalysisWorker(FAKE, { watchdogMs: 2000, cancelAfterMs: 1000 });
    const [a, b] = await Promise.all([w.run('a', 'sleep 50', {}), w.run('b', 'bee', {})]);
    assert.equal(targetOf(a), 'sleep 50');
    assert.equal(targetOf(b), 'bee');
  });

  it('the watchdog stops an endless run, and a fresh worker serves the next request', async () => {
    const logs: string[] = [];
    w = new AnalysisWorker(FAKE, { watchdogMs: 300, cancelAfterMs: 10000, log: (m) => logs.push(m) });
    const t0 = Date.now();
    const o = await w.run('a', 'loop', {});
    assert.equal(o.kind, 'timeout');
    assert.ok(Date.now() - t0 < 2000, 'the watchdog took too long');
    assert.ok(logs.some((l) => l.includes('watchdog')));
    assert.equal(targetOf(await w.run('a', 'after', {})), 'after');
  });

  it('a newer edit terminates an old slow run of the same document instead of waiting for it', async () => {
    w = new AnalysisWorker(FAKE, { watchdogMs: 5000, cancelAfterMs: 100 });
    const slow = w.run('a', 'loop', {});
    await new Promise((r) => setTimeout(r, 250));
    const t0 = Date.now();
    const fresh = await w.run('a', 'fresh', {});
    assert.deepEqual(await slow, { kind: 'superseded' });
    assert.equal(targetOf(fresh), 'fresh');
    assert.ok(Date.now() - t0 < 2000);
  });

  it('the watchdog counts from the end of the analyzer\'s load, not from the request', async () => {
    process.env.FAKE_LOAD_MS = '800';
    try {
      w = new AnalysisWorker(FAKE, { watchdogMs: 300, cancelAfterMs: 1000 });
      assert.equal(targetOf(await w.run('a', 'first', {})), 'first');
    } finally {
      delete process.env.FAKE_LOAD_MS;
    }
  });

  it('a worker that does not load in time is reported and replaced', async () => {
    process.env.FAKE_LOAD_MS = '1500';
    try {
      w = new AnalysisWorker(FAKE, { watchdogMs: 300, cancelAfterMs: 1000, loadTimeoutMs: 200 });
      const o = await w.run('a', 'first', {});
      assert.equal(o.kind, 'crashed');
      assert.match(o.kind === 'crashed' ? o.message : '', /did not load/);
    } finally {
      delete process.env.FAKE_LOAD_MS;
    }
  });

  it('a crashing worker reports the crash and is replaced', async () => {
    w = new AnalysisWorker(FAKE, { watchdogMs: 2000, cancelAfterMs: 1000 });
    const o = await w.run('a', 'crash', {});
    assert.equal(o.kind, 'crashed');
    assert.equal(targetOf(await w.run('a', 'again', {})), 'again');
  });
});
