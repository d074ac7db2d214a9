/**
 * Every example file, run for real and analysed: each is bundled with esbuild (gradlens resolved to the
 * engine), run in a child process, and what it prints must be what the trace's captured logs say.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, analyzeChecked, bundle, errors } from './helpers';

const DIR = path.join(ROOT, 'examples');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();

/** Examples that stop with an engine error when run for real (the analyzer reports it and goes on). */
const THROWS: Record<string, string> = { 'shape-error.ts': 'shape' };

describe('examples: analysed vs run for real', function () {
  this.timeout(60000);
  let tmp = '';
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-examples-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('has the examples the README and issue name', () => {
    for (const f of ['seed.ts', 'broadcasting-reductions.ts', 'mlp-cross-entropy.ts', 'training-loop.ts', 'shape-error.ts', 'second-derivative.ts', 'workbench.ts']) {
      assert.ok(FILES.includes(f), f);
    }
  });

  for (const file of FILES) {
    it(file, async () => {
      const source = fs.readFileSync(path.join(DIR, file), 'utf8');
      const js = path.join(tmp, file.replace(/\.ts$/, '.js'));
      fs.writeFileSync(js, await bundle(source, file));
      const run = spawnSync(process.execPath, [js], { encoding: 'utf8' });
      const trace = analyzeChecked(source, { fileName: file });
      const logs = trace.logs.map((l) => `${l.text}\n`).join('');
      const expectedError = THROWS[file];
      if (expectedError) {
        assert.notStrictEqual(run.status, 0, 'the real run fails');
        assert.ok(run.stdout.length > 0 && logs.startsWith(run.stdout), `${logs}\nvs\n${run.stdout}`);
        assert.deepStrictEqual(errors(trace).map((d) => d.code), [expectedError]);
      } else {
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(logs, run.stdout);
        assert.deepStrictEqual(errors(trace), []);
        assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity === 'warning'), []);
      }
    });
  }

  it('training-loop.ts: the loss falls over the steps and its history shows it', () => {
    const trace = analyzeChecked(fs.readFileSync(path.join(DIR, 'training-loop.ts'), 'utf8'));
    const loss = trace.bindings.find((b) => b.name === 'loss');
    assert.ok(loss?.history && loss.iterations === 40, 'loss is bound once per step');
    const h = loss.history.map(Number);
    assert.ok(h[h.length - 1] < h[0] / 10, `loss falls: ${h[0]} -> ${h[h.length - 1]}`);
    assert.strictEqual(trace.targetKind, 'backward');
  });
});
