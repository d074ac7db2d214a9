/** A sample file's PyTorch results (its expected.py writes expected.json) against the analyzer's trace. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { binding, closeElements } from './helpers';
import { isRunTensor, runProbed } from './unknowns/real-run';
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

/**
 * One `it`: a real run of `source` computes what the trace shows, the values of `values` and the
 * gradients of `grads` (each name's last tensor in the run: a leaf an optimizer moves later is
 * compared by its gradient only).
 */
export function itAgreesWithRealRun(source: string, trace: Trace, names: { values: readonly string[]; grads: readonly string[] }): void {
  it('shows what a real run of the file computes, values and gradients', async () => {
    const run = await runProbed(source, trace.bindings);
    assert.strictEqual(run.error, undefined);
    const real = (name: string) => {
      const object = run.values.get(binding(trace, name).id)?.at(-1)?.object;
      assert.ok(isRunTensor(object), `${name} is a tensor in the real run`);
      return object;
    };
    for (const name of names.values) closeElements(binding(trace, name).value!.data, real(name).dataSync(), `${name} value`);
    for (const name of names.grads) closeElements(binding(trace, name).grad!.data, real(name).grad!.dataSync(), `${name}.grad`);
  });
}
