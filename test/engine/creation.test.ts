/**
 * linspace element for element as torch 1.13 computes it (test/engine/creation/expected.py wrote the
 * expectations with real PyTorch on this kind of machine: AVX2). Before, the ends were not rounded to
 * float32 first and no element was fused: `linspace(-π, π, 5)` had -8.7e-8 where torch has 0.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { linspace } from '../../engine';

interface Case { start: number; end: number; steps: number; dtype: 'float32' | 'float64'; values: number[] }
const { cases } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'engine', 'creation', 'expected.json'), 'utf8')) as { cases: Case[] };

describe('linspace as torch computes it', () => {
  for (const c of cases) {
    it(`linspace(${c.start}, ${c.end}, ${c.steps}) ${c.dtype}: every element equal`, () => {
      const got = linspace(c.start, c.end, c.steps, { dtype: c.dtype }).tolist() as number[];
      assert.strictEqual(got.length, c.values.length);
      const off = got.flatMap((v, i) => (Object.is(v, c.values[i]) || v === c.values[i] ? [] : [`[${i}] ${v} vs ${c.values[i]}`]));
      assert.deepStrictEqual(off, []);
    });
  }
});
