import * as fs from 'fs';
import * as path from 'path';

/** The repo's oracle fixtures directory, found from the compiled test (out/test/engine/oracle) or the source tree. */
export const FIXTURE_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'oracle');

export function fixturePath(name: string): string {
  return path.join(FIXTURE_DIR, name);
}

/** Every op-program case file (all *.json but printing.json, which holds str() entries), sorted. */
export function caseFiles(): string[] {
  return fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json') && f !== 'printing.json').sort();
}

/** The generator's program file of a fixture (generate/programs/NAME), if it has one. */
export function programsPath(name: string): string | null {
  const p = path.join(FIXTURE_DIR, 'generate', 'programs', name);
  return fs.existsSync(p) ? p : null;
}
