import * as path from 'path';

/** The repo's oracle fixtures, found from the compiled test (out/test/engine/oracle) or the source tree. */
export function fixturePath(name: 'cases.json' | 'printing.json'): string {
  return path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'oracle', name);
}
