/**
 * Rule 2 against hostile-but-legal code (docs/security.md, "Changes the analysis does not make"): a write
 * the analysis refuses is still made by the real run. What it writes into must be unknown afterwards, and
 * a change to something every later line shares (a built-in, a prototype, the engine's namespaces and
 * classes) must end the run at that line, so that nothing the trace shows disagrees with a real run.
 */
import * as assert from 'assert';
import { analyzeChecked } from '../helpers';
import { runProbed } from '../unknowns/real-run';
import { SHARED_CHANGES, LOCAL_CHANGES } from './changes';

/** A printed line agrees with the real run's: word by word, where the analysis may print `<unknown>` instead. */
function assertAgrees(shown: string, real: string): void {
  const a = shown.split(/\s+/), b = real.split(/\s+/);
  if (a.every((w) => w === '<unknown>')) return;
  assert.strictEqual(a.length, b.length, `${JSON.stringify(shown)} vs the real ${JSON.stringify(real)}`);
  a.forEach((w, i) => assert.ok(w === '<unknown>' || w === b[i], `${JSON.stringify(shown)} vs the real ${JSON.stringify(real)}`));
}

describe('security: changes the analysis does not make', function () {
  this.timeout(60000);

  for (const c of SHARED_CHANGES) {
    it(`ends the run where the file changes something shared: ${c.name}`, () => {
      const lines = c.code.split('\n');
      const at = lines.findIndex((l) => l.includes('// stops')) + 1;
      assert.ok(at > 0, 'the case marks its line');
      const trace = analyzeChecked(c.code);
      const stop = trace.diagnostics.find((d) => d.severity === 'error' && /analysis stopped here/.test(d.message));
      assert.ok(stop && stop.code === 'unsupported', `no stop: ${JSON.stringify(trace.diagnostics.map((d) => `${d.line}: ${d.message}`))}`);
      assert.strictEqual(stop.line, at, stop.message);
      assert.deepStrictEqual(trace.logs.filter((l) => l.line >= at).map((l) => l.text), [], 'nothing printed from the line on');
    });
  }

  it('Object.is and the other predicates the subset lacks are unknown, and the run goes on', () => {
    const trace = analyzeChecked(`const o = { a: 1 };\nconsole.log((Object as any).is(-0, 0), (Object as any).hasOwn(o, 'a'), Object.isFrozen(o));\nconsole.log(o.a);\n`);
    assert.deepStrictEqual(trace.logs.map((l) => l.text), ['<unknown> <unknown> <unknown>', '1']);
  });

  it('a decorator is not run here: the class and what the decorator changes are unknown (a real run prints 2 A {})', () => {
    const trace = analyzeChecked(`let n = 1;\nfunction d(_t: any, _c: any) { n = 2; }\n@d class A {}\nconsole.log(n, new A());\n`);
    assert.deepStrictEqual(trace.logs.map((l) => l.text), ['<unknown> <unknown>']);
    assert.ok(trace.diagnostics.some((d) => d.line === 3 && /decorator/.test(d.message)));
  });

  for (const c of LOCAL_CHANGES) {
    it(`shows what a real run prints, or unknown, after a change it does not make: ${c.name}`, async () => {
      const trace = analyzeChecked(c.code);
      const real = await runProbed(c.code, []);
      assert.strictEqual(real.error, undefined, `the real run threw: ${real.error}`);
      const shown = trace.logs.map((l) => l.text);
      assert.strictEqual(shown.length, real.logs.length, `logs: ${JSON.stringify(shown)} vs ${JSON.stringify(real.logs)}`);
      shown.forEach((text, i) => assertAgrees(text, real.logs[i]));
      assert.ok(shown.some((t) => t.includes('<unknown>')), 'the changed value is unknown');
    });
  }
});
