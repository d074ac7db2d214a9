/** A sample file's PyTorch results (its expected.py writes expected.json) against the analyzer's trace. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { binding, closeElements } from './helpers';
import type { Trace } from '../../extension/analysis/trace';

/** What PyTorch 1.13 computed, by binding name: values, grad_fn names, gradients. */
export interface TorchExpected {
  values: Record<string, number[]>;
  grad_fn: Record<string, string>;
  grads: Record<string, number[]>;
}

export function readExpected(dir: string): TorchExpected {
  return JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as TorchExpected;
}

/** One `it` per value, grad_fn name and gradient PyTorch gave. */
export function itAgreesWithTorch(trace: Trace, expected: TorchExpected): void {
  for (const [name, data] of Object.entries(expected.values)) {
    it(`shows ${name} with PyTorch's value`, () => closeElements(binding(trace, name).value?.data ?? [], data, name));
  }
  for (const [name, fn] of Object.entries(expected.grad_fn)) {
    it(`records ${name} as ${fn}`, () => assert.strictEqual(binding(trace, name).gradFn, fn));
  }
  for (const [name, data] of Object.entries(expected.grads)) {
    it(`shows ${name}.grad as PyTorch computes it`, () => closeElements(binding(trace, name).grad?.data ?? [], data, `${name}.grad`));
  }
}
