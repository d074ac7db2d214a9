/**
 * Grammar-based fuzzing of the membrane (docs/security.md): seeded hostile programs mixing tensor calls
 * with object tricks. No marker file, no exception out of the analyzer, no internal error, a trace that
 * matches the schema, and the shared engine unchanged for the next analysis. `GRADLENS_FUZZ_PROGRAMS=N`
 * runs N programs (the default keeps `npm test` short); `GRADLENS_FUZZ_SEED` picks another stream.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../../extension/analysis';
import { Tensor } from '../../../engine';
import { assertValidTrace, rng } from '../helpers';
import { hostileProgram } from './grammar';
import { withPayload } from './attacks';

const PROGRAMS = Number(process.env.GRADLENS_FUZZ_PROGRAMS ?? 1000);
const SEED = Number(process.env.GRADLENS_FUZZ_SEED ?? 20261205);

/** What a fresh run of a small program gives: compared after the fuzzing to see the engine unchanged. */
const CANARY = `import { tensor, F } from 'gradlens';\nconst x = tensor([1, 2, 3], { requiresGrad: true });\nconst y = F.softmax(x.mul(2), 0).sum();\ny.backward();\nconsole.log(x.grad);\n`;

function engineShape(): string {
  return Object.getOwnPropertyNames(Tensor.prototype).map((k) => `${k}:${typeof Object.getOwnPropertyDescriptor(Tensor.prototype, k)?.value}`).join(',');
}

describe('security: grammar fuzzing of the interpreter-engine boundary', function () {
  this.timeout(Math.max(60000, PROGRAMS * 200));

  it(`${PROGRAMS} seeded hostile programs write nothing and never crash`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-fuzz-'));
    const marker = path.join(dir, 'pwned.txt');
    const before = { canary: JSON.stringify({ ...analyze(CANARY), stats: undefined }), engine: engineShape() };
    const r = rng(SEED);
    const counts = { programs: 0, refusals: 0, errors: 0 };
    try {
      for (let i = 0; i < PROGRAMS; i++) {
        const source = withPayload(hostileProgram(r), marker);
        let trace;
        try {
          trace = analyze(source, { maxSteps: 20000 });
        } catch (e) {
          assert.fail(`program ${i} threw ${String(e)}:\n${source}`);
        }
        assertValidTrace(trace);
        assert.ok(!fs.existsSync(marker), `program ${i} wrote the marker:\n${source}`);
        const internal = trace.diagnostics.find((d) => d.message.startsWith('Internal analyzer error'));
        assert.ok(!internal, `program ${i}: ${internal?.message}\n${source}`);
        counts.programs++;
        counts.refusals += trace.diagnostics.filter((d) => d.code === 'unsupported').length;
        counts.errors += trace.diagnostics.filter((d) => d.severity === 'error').length;
      }
      assert.strictEqual((Object.prototype as Record<string, unknown>).polluted, undefined);
      assert.strictEqual(engineShape(), before.engine, 'Tensor.prototype changed');
      assert.strictEqual(JSON.stringify({ ...analyze(CANARY), stats: undefined }), before.canary, 'a later analysis differs');
      assert.ok(counts.refusals > PROGRAMS, `the tricks were refused (${counts.refusals} refusals)`);
      console.log(`      fuzz: ${counts.programs} programs, ${counts.refusals} refusals, ${counts.errors} errors, seed ${SEED}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
