/**
 * torch.multinomial(weights, numSamples, replacement = false): class indices drawn in proportion to
 * non-negative weights (1-d: one row; 2-d: one row of draws per row), int64, from the library's
 * generator (manualSeed). The draws are the library's, not torch's: the same seed gives the same
 * indices on every machine, but not torch's indices.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { randomDouble } from '../random';

function checkedRow(w: Float64Array, op: string): number {
  let total = 0;
  for (const v of w) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new ArgumentError(op, 'probability tensor contains either `inf`, `nan` or element < 0');
    total += v;
  }
  if (total <= 0) throw new ArgumentError(op, 'invalid multinomial distribution (sum of probabilities <= 0)');
  return total;
}

/** One index drawn by inverse CDF; the last positive class takes any rounding remainder. */
function drawOne(w: Float64Array, total: number): number {
  const u = randomDouble() * total;
  let acc = 0, last = -1;
  for (let c = 0; c < w.length; c++) {
    if (w[c] <= 0) continue;
    acc += w[c];
    last = c;
    if (u < acc) return c;
  }
  return last;
}

export function multinomial(weights: Tensor, numSamples: number, replacement = false): Tensor {
  const op = 'multinomial';
  if (!(weights instanceof Tensor)) throw new ArgumentError(op, 'argument \'input\' must be a tensor');
  const nd = weights.shape.length;
  if (nd !== 1 && nd !== 2) throw new ArgumentError(op, 'prob_dist must be 1 or 2 dim');
  if (!Number.isInteger(numSamples) || numSamples <= 0) throw new ArgumentError(op, `cannot sample n_sample <= 0 samples, got ${numSamples}`);
  const classes = weights.shape[nd - 1], rows = nd === 1 ? 1 : weights.shape[0];
  if (!replacement && numSamples > classes) throw new ArgumentError(op, 'cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  const out = Tensor.empty(op, nd === 1 ? [numSamples] : [rows, numSamples], 'int64');
  for (let r = 0; r < rows; r++) {
    const w = Float64Array.from(weights.dataSync().subarray(r * classes, (r + 1) * classes));
    let total = checkedRow(w, op);
    if (!replacement && w.filter((v) => v > 0).length < numSamples) {
      throw new ArgumentError(op, 'invalid multinomial distribution (with replacement=False, not enough non-negative category to sample)');
    }
    for (let k = 0; k < numSamples; k++) {
      const c = drawOne(w, total);
      out.dataSync()[r * numSamples + k] = c;
      // without replacement a drawn class leaves the distribution
      if (!replacement) {
        total -= w[c];
        w[c] = 0;
      }
    }
  }
  return out;
}
