import * as assert from 'node:assert/strict';
import { Latencies } from '../../extension/host/latency';
import { runOptions } from '../../extension/host/run-options';
import { DEFAULTS } from '../../extension/settings';

describe('latency: what the integration tests read', () => {
  it('measures from the oldest edit not yet shown to the result shown', () => {
    const l = new Latencies();
    l.edited('a', 10);
    l.edited('a', 25); // a second edit before any result keeps the first time
    l.shown('a', 40);
    l.shown('a', 90); // a result with no edit pending is no sample
    assert.deepEqual(l.editMs, [30]);
  });

  it('keeps documents apart and forgets a closed one', () => {
    const l = new Latencies();
    l.edited('a', 0);
    l.edited('b', 5);
    l.forget('a');
    l.shown('a', 50);
    l.shown('b', 50);
    assert.deepEqual(l.editMs, [45]);
  });

  it('keeps the newest 200 samples of each kind', () => {
    const l = new Latencies();
    for (let i = 0; i < 250; i++) l.rendered(i);
    assert.equal(l.renderMs.length, 200);
    assert.equal(l.renderMs[0], 50);
    assert.equal(l.renderMs[199], 249);
  });
});

describe('run-options: one run in the editor', () => {
  it('takes the budgets from the settings and the base name of the file', () => {
    const o = runOptions({ ...DEFAULTS, maxSteps: 123 }, '/w/src/model.ts', undefined);
    assert.deepEqual(o, { maxSteps: 123, maxElements: DEFAULTS.maxElements, maxCompute: DEFAULTS.maxCompute, maxTimeMs: 4000, fileName: 'model.ts' });
  });

  it('passes a target only when one is set', () => {
    assert.deepEqual(runOptions(DEFAULTS, 'a.ts', { name: 'loss', line: 3 }).target, { name: 'loss', line: 3 });
  });
});
