import * as assert from 'assert';
import * as fs from 'fs';
import { parseCaseFile } from './oracle/format';
import { describeFailure, runCase } from './oracle/runner';
import { fixturePath } from './oracle/fixtures';

/** Every PyTorch 1.13.1 oracle case, one `it` per case so a failure names it. */
describe('oracle: engine vs PyTorch 1.13.1 (test/fixtures/oracle/cases.json)', () => {
  const file = parseCaseFile(JSON.parse(fs.readFileSync(fixturePath('cases.json'), 'utf8')));
  it('holds the 211 shipped cases', () => assert.strictEqual(file.cases.length, 211));
  for (const c of file.cases) {
    it(`${c.tags[0]}: ${c.id}`, () => {
      const r = runCase(c, 'float64', file.default_tolerance);
      assert.ok(r.passed, describeFailure(r));
    });
  }
});
