/**
 * nn.Sequential: its modules are its fields `0`, `1`, ... (as torch names them, so parameters are
 * `0.weight`, `2.bias`, ...), and forward feeds each one's output to the next.
 */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { Module } from './module';

export class Sequential extends Module {
  [index: number]: Module;
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new ArgumentError('Sequential', `argument ${i + 1} is not a Module (got ${m === null ? 'null' : typeof m})`);
      this[i] = m;
    });
  }
  /** How many modules it holds. */
  get length(): number {
    return this.children().length;
  }
  override forward(input: Tensor): Tensor {
    let x: unknown = input;
    for (const m of this.children()) x = m.forward(x);
    return x as Tensor;
  }
  protected override _getName(): string {
    return 'Sequential';
  }
}
