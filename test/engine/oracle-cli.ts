/**
 * npm run oracle -- FILE.json
 * Runs an oracle case file against the engine: one line per failing case, the accepted deviations,
 * then exactly "N passed, M failed". Exit 0 when all pass, 1 when any fails, 2 when the file
 * cannot be read or is not in the oracle format.
 */
import * as fs from 'fs';
import { FormatError, parseCaseFile } from './oracle/format';
import type { CaseFile } from './oracle/format';
import { describeFailure, runFile } from './oracle/runner';
import type { CaseResult } from './oracle/runner';

function load(file: string): CaseFile {
  const text = fs.readFileSync(file, 'utf8');
  return parseCaseFile(JSON.parse(text));
}

/** "arith 2, loss 1": failing cases per op family (tags[0]), in first-seen order. */
function familyCounts(failed: readonly CaseResult[]): string {
  const counts = new Map<string, number>();
  for (const r of failed) counts.set(r.family, (counts.get(r.family) ?? 0) + 1);
  return [...counts].map(([family, n]) => `${family} ${n}`).join(', ');
}

function main(argv: readonly string[]): number {
  const file = argv[0];
  if (file === undefined) {
    process.stderr.write('usage: npm run oracle -- FILE.json\n');
    return 2;
  }
  let cases: CaseFile;
  try {
    cases = load(file);
  } catch (e) {
    const why = e instanceof FormatError ? `not an oracle case file: ${e.message}` : e instanceof Error ? e.message : String(e);
    process.stderr.write(`oracle: cannot use ${file}: ${why}\n`);
    return 2;
  }
  const results = runFile(cases);
  for (const r of results) if (!r.passed) process.stdout.write(`${describeFailure(r)}\n`);
  for (const r of results) for (const d of r.deviations) process.stdout.write(`DEVIATION ${r.id}: ${d}\n`);
  const failed = results.filter((r) => !r.passed).length;
  if (failed > 0) process.stdout.write(`failed by family: ${familyCounts(results.filter((r) => !r.passed))}\n`);
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
