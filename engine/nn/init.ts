/**
 * PyTorch's default initialisations, drawn from the library's seeded generator (so values differ from
 * torch's draws, but bounds and distributions are torch's):
 * - Linear weight: kaiming_uniform_(a = √5): gain √(2 / (1 + a²)) = √(1/3), bound = gain · √(3 / fan_in) = 1/√fan_in;
 * - Linear bias: U(-1/√fan_in, 1/√fan_in) (0 when fan_in is 0);
 * - Embedding weight: N(0, 1).
 */
import { Tensor } from '../tensor';
import type { Dtype } from '../dtype';
import { randomDouble } from '../random';
import { randn } from '../random';

/** A fresh tensor of U(low, high) draws: low + (high - low) · u, as torch's uniform_. */
export function uniform(op: string, shape: readonly number[], dtype: Dtype, low: number, high: number): Tensor {
  const t = Tensor.empty(op, shape, dtype);
  const d = t.dataSync();
  for (let i = 0; i < d.length; i++) d[i] = low + (high - low) * randomDouble();
  return t;
}

/** The bound 1/√fan_in shared by Linear's weight (through kaiming_uniform_ with a = √5) and bias. */
export function fanInBound(fanIn: number): number {
  return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
}

export function normal(shape: readonly number[], dtype: Dtype): Tensor {
  return randn([...shape], { dtype });
}
