/**
 * The in-host suite's entry, the @vscode/test-electron way: VS Code loads this module in the extension host
 * (extensionTestsPath) and awaits run(). It runs under code-server here (test/integration/run.js) and under a
 * desktop VS Code through @vscode/test-electron (test/integration/electron.js). Mocha must be 11 (12 is ESM-only).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passes: number;
  failures: number;
  tests: { title: string; ok: boolean; error?: string; ms?: number }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  // GRADLENS_SUITE_GREP (passed through by run.js): run only the tests whose title matches, while working on them.
  if (process.env.GRADLENS_SUITE_GREP) mocha.grep(process.env.GRADLENS_SUITE_GREP);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  const result: SuiteResult = { passes: 0, failures: 0, tests: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.GRADLENS_TEST_RESULT;
      if (file) fs.writeFileSync(file, JSON.stringify(result, null, 2));
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
    runner.on('pass', (t) => {
      result.passes++;
      result.tests.push({ title: t.fullTitle(), ok: true, ms: t.duration });
    });
    runner.on('fail', (t, err: Error) => {
      result.failures++;
      result.tests.push({ title: t.fullTitle(), ok: false, error: String(err?.stack ?? err).slice(0, 2000) });
    });
  });
}
