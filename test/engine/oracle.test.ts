import * as assert from 'assert';
import * as fs from 'fs';
import { parseCaseFile } from './oracle/format';
import type { CaseFile } from './oracle/format';
import { describeFailure, runCase } from './oracle/runner';
import { caseFiles, fixturePath, programsPath } from './oracle/fixtures';

const load = (p: string): CaseFile => parseCaseFile(JSON.parse(fs.readFileSync(p, 'utf8')));

/**
 * Cases that still differ from torch, by fixture: each must fail (so one that starts passing is
 * taken off this list). None at present.
 */
const PENDING: Readonly<Record<string, ReadonlySet<string>>> = {};

/** Every PyTorch 1.13.1 oracle case of every fixture file, one `it` per case so a failure names it. */
for (const name of caseFiles()) {
  describe(`oracle: engine vs PyTorch 1.13.1 (test/fixtures/oracle/${name})`, () => {
    const file = load(fixturePath(name));
    if (name === 'cases.json') it('holds the 211 shipped cases', () => assert.strictEqual(file.cases.length, 211));
    const programs = programsPath(name);
    if (programs !== null) {
      it('was generated from the current generate/programs file (same ids and programs, in order)', () => {
        const src = JSON.parse(fs.readFileSync(programs, 'utf8')) as { cases: { id: string; program: unknown; inputs: unknown }[] };
        assert.deepStrictEqual(file.cases.map((c) => c.id), src.cases.map((c) => c.id));
        file.cases.forEach((c, i) => assert.deepStrictEqual([c.inputs, c.program], [src.cases[i].inputs, src.cases[i].program], c.id));
      });
    }
    const dtype = file.dtype === 'float32' ? 'float32' : 'float64';
    const pending = PENDING[name] ?? new Set<string>();
    for (const c of file.cases) {
      if (pending.has(c.id)) {
        it(`${c.tags[0]}: ${c.id} still differs (pending)`, () => assert.ok(!runCase(c, dtype, file.default_tolerance).passed, `${c.id} passes now: take it off PENDING`));
        continue;
      }
      it(`${c.tags[0]}: ${c.id}`, () => {
        const r = runCase(c, dtype, file.default_tolerance);
        assert.ok(r.passed, describeFailure(r));
      });
    }
  });
}
