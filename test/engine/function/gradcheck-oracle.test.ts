/**
 * autograd.gradcheck / gradgradcheck agree with torch 1.13's verdicts
 * (test/fixtures/oracle/custom/gradcheck.json, made by generate/gradcheck_verdicts.py): pass, fail
 * (false with raiseException false; raising, the same first line as torch's GradcheckError), or an
 * error raised either way.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GradcheckError, GradlensError, autograd, fromFlat } from '../../../engine/index';
import type { GradcheckOptions } from '../../../engine/index';
import { FIXTURE_DIR } from '../oracle/fixtures';
import { GRADCHECK_FNS } from './gradcheck-functions';

interface Spec { data: number[]; shape: number[]; requires_grad?: boolean }
interface Case {
  id: string; check: 'gradcheck' | 'gradgradcheck'; fn: string; inputs: (Spec | number)[];
  options: { eps?: number; atol?: number; rtol?: number; fast_mode?: boolean };
  expected: { verdict: 'pass' | 'fail' | 'raises'; message?: string; type?: string };
}

const lines = fs.readFileSync(path.join(FIXTURE_DIR, 'custom', 'gradcheck.json'), 'utf8').trim().split('\n');
const CASES = lines.slice(1).map((l) => JSON.parse(l) as Case);

const args = (c: Case): unknown[] => c.inputs.map((s) => (typeof s === 'number' ? s : fromFlat(s.data, s.shape, { dtype: 'float64', requiresGrad: s.requires_grad ?? true })));
const options = (c: Case, raise: boolean): GradcheckOptions => ({ eps: c.options.eps, atol: c.options.atol, rtol: c.options.rtol, fastMode: c.options.fast_mode, raiseException: raise });
const run = (c: Case, raise: boolean): boolean => autograd[c.check](GRADCHECK_FNS[c.fn], args(c), options(c, raise));

/** The first line of an engine error without its "[op] " prefix. */
function firstLine(e: unknown): string {
  assert.ok(e instanceof GradlensError, `not an engine error: ${String(e)}`);
  return e.message.slice(e.op.length + 3).split('\n')[0];
}

describe('gradcheck: verdicts agree with torch.autograd.gradcheck (test/fixtures/oracle/custom/gradcheck.json)', () => {
  it('the fixture has at least 20 cases, passing and failing', () => {
    assert.ok(CASES.length >= 20);
    assert.ok(CASES.filter((c) => c.expected.verdict === 'pass').length >= 8);
    assert.ok(CASES.filter((c) => c.expected.verdict === 'fail').length >= 8);
  });
  for (const c of CASES) {
    it(`${c.id} ${JSON.stringify(c.options)}: ${c.expected.verdict}`, () => {
      const want = c.expected;
      if (want.verdict === 'raises') {
        assert.throws(() => run(c, false), (e: unknown) => firstLine(e) === want.message);
        return;
      }
      assert.strictEqual(run(c, false), want.verdict === 'pass');
      if (want.verdict === 'fail') {
        assert.throws(() => run(c, true), (e: unknown) => e instanceof GradcheckError && firstLine(e) === want.message);
      }
    });
  }
});
