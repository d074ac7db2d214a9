/**
 * The lint rule that keeps private (`_`) members in their module (eslint.config.mjs): another
 * object's private field is an error, the engine-internal API and the declaring file's own members
 * are not.
 */
import * as path from 'path';
import { RuleTester } from 'eslint';
import type { Rule } from 'eslint';

const config = path.resolve(__dirname, '../../../../eslint.config.mjs');
// a real dynamic import (the test is compiled to CommonJS, the config is an ES module)
const load = new Function('p', 'return import(p)') as (p: string) => Promise<{ privateMembers: Rule.RuleModule }>;

describe('lint: private members stay in their module', () => {
  it('flags another object\'s private field, allows the internal API and the declaring class\'s own fields', async () => {
    const { privateMembers } = await load(config);
    new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } }).run('private-members', privateMembers, {
      valid: [
        'const f = (t) => t._first() + t._version;',
        'class S { _d = null; same(o) { return o._d === this._d; } }',
        'const f = (t) => t.data;',
      ],
      invalid: [
        { code: 'const f = (t) => t._d;', errors: 1 },
        { code: 'const f = (t) => { t._tape = null; t._slot = -1; };', errors: 2 },
        { code: 'class A { _x = 1; } const f = (t) => t._lz;', errors: 1 },
      ],
    });
  });
});
