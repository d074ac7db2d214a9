/**
 * The security guarantee (docs/security.md), tried as an attacker would: every file of attacks.ts runs
 * through the analyzer in process, through the command-line tool, and through the bundled analysis
 * worker (dist/worker.js) driven as the extension drives it. No marker file may appear, nothing may
 * crash, and the attack line must carry a diagnostic that says what was refused.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { analyze } from '../../../extension/analysis';
import { AnalysisWorker } from '../../../extension/host/analysis-worker';
import type { Trace } from '../../../extension/analysis/trace';
import { ROOT, assertValidTrace } from '../helpers';
import { ATTACKS, materialise, type Attack } from './attacks';

const BIN = path.join(ROOT, 'bin', 'gradlens.js');
const DIST_WORKER = path.join(ROOT, 'dist', 'worker.js');

interface Prepared {
  dir: string;
  marker: string;
  file: string;
  source: string;
  attackLine: number;
}

function prepare(attack: Attack): Prepared {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlens-attack-'));
  const marker = path.join(dir, 'pwned.txt');
  const source = materialise(attack, marker);
  const file = path.join(dir, 'attack.ts');
  fs.writeFileSync(file, source);
  const attackLine = source.split('\n').findIndex((l) => l.includes('// attack')) + 1;
  assert.ok(attackLine > 0, 'the attack marks its line');
  return { dir, marker, file, source, attackLine };
}

/** Nothing was written: no marker, and the folder holds only the attack file. */
function assertNothingWritten(p: Prepared, how: string): void {
  assert.ok(!fs.existsSync(p.marker), `${how}: the marker file was written`);
  assert.deepStrictEqual(fs.readdirSync(p.dir), ['attack.ts'], `${how}: files appeared`);
}

function assertRefusedAtLine(trace: Trace, p: Prepared, attack: Attack, how: string): void {
  const here = trace.diagnostics.filter((d) => d.line <= p.attackLine && d.endLine >= p.attackLine);
  assert.ok(
    here.some((d) => attack.says.test(d.message)),
    `${how}: no diagnostic matching ${attack.says} on line ${p.attackLine}; got ${JSON.stringify(trace.diagnostics.map((d) => `${d.line}: ${d.message}`))}`,
  );
  assert.ok(!trace.diagnostics.some((d) => d.message.startsWith('Internal analyzer error')), `${how}: internal error`);
}

describe('security: attacks on the interpreter-engine boundary', function () {
  this.timeout(120000);
  let worker: AnalysisWorker;
  before(() => {
    assert.ok(fs.existsSync(DIST_WORKER), 'dist/worker.js is built (npm run build)');
    worker = new AnalysisWorker(DIST_WORKER, { watchdogMs: 30000, cancelAfterMs: 30000 });
  });
  after(() => worker.dispose());

  for (const attack of ATTACKS) {
    it(`${attack.cause}: ${attack.name}`, async () => {
      const p = prepare(attack);
      try {
        const inProcess = analyze(p.source, { fileName: p.file });
        assertValidTrace(inProcess);
        assertRefusedAtLine(inProcess, p, attack, 'in process');
        assertNothingWritten(p, 'in process');

        const cli = spawnSync(process.execPath, [BIN, 'annotate', p.file, '--json'], { cwd: p.dir, encoding: 'utf8', timeout: 60000 });
        assert.ok(cli.status === 0 || cli.status === 1, `CLI exit ${cli.status}: ${cli.stderr}`);
        assertRefusedAtLine(JSON.parse(cli.stdout) as Trace, p, attack, 'CLI');
        assertNothingWritten(p, 'CLI');

        const o = await worker.run(p.file, p.source, { fileName: p.file });
        if (o.kind !== 'result') assert.fail(`worker: ${JSON.stringify(o)}`);
        assertRefusedAtLine(o.trace, p, attack, 'worker');
        assertNothingWritten(p, 'worker');
      } finally {
        fs.rmSync(p.dir, { recursive: true, force: true });
      }
    });
  }

  it('leaves the engine and Object.prototype as they were for the next analysis', () => {
    for (const attack of ATTACKS) analyze(materialise(attack, path.join(os.tmpdir(), 'never-written')));
    assert.strictEqual((Object.prototype as Record<string, unknown>).polluted, undefined);
    const after = analyze(`import { tensor, F } from 'gradlens';\nconst x = tensor([1, 2, 3], { requiresGrad: true });\nconst y = F.softmax(x, 0).mul(x).sum();\ny.backward();\n`);
    const y = after.bindings.find((b) => b.name === 'y');
    assert.strictEqual(y?.gradFn, 'SumBackward0');
    assert.deepStrictEqual(after.diagnostics, []);
  });
});
