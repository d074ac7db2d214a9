// A character-bigram model as an nn.Sequential: Embedding -> LayerNorm -> Linear -> Tanh -> Linear,
// trained with CrossEntropyLoss and SGD. The vocabulary is built the way ports of makemore-style
// tutorials build it: a Set of the characters, sorted, and a Map from character to index.
// Weights are set from a formula PyTorch can reproduce, so the numbers can be checked against it.
import { nn, optim, tensor, noGrad, type Tensor } from 'gradlens';

const words = ['emma', 'olivia', 'ava', 'isabella', 'sophia'];
const chars = [...new Set(words.join(''))].sort();
const stoi = new Map<string, number>([['.', 0], ...chars.map((c, i): [string, number] => [c, i + 1])]);
const vocab = stoi.size;

const xs: number[] = [];
const ys: number[] = [];
for (const w of words) {
  const seq = ['.', ...w, '.'];
  for (let i = 0; i + 1 < seq.length; i++) {
    xs.push(stoi.get(seq[i])!);
    ys.push(stoi.get(seq[i + 1])!);
  }
}
const inputs = tensor(xs, { dtype: 'int64' });
const targets = tensor(ys, { dtype: 'int64' });

const model = new nn.Sequential(
  new nn.Embedding(vocab, 4),
  new nn.LayerNorm(4),
  new nn.Linear(4, 8),
  new nn.Tanh(),
  new nn.Linear(8, vocab),
);

/** Weights a port can reproduce anywhere: ((37 k + seed) mod 17 - 8) / 20 for the k-th element. */
function fill(p: Tensor, seed: number): void {
  const n = p.shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, k) => (((37 * k + seed) % 17) - 8) / 20);
  noGrad(() => p.copy_(tensor(values).reshape(p.shape)));
}
model.namedParameters().forEach(([, p], i) => fill(p, i));

const lossFn = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.5 });
let logits = model.forward(inputs);
let loss = lossFn.forward(logits, targets);
for (let step = 0; step < 10; step++) {
  logits = model.forward(inputs);
  loss = lossFn.forward(logits, targets);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
}
console.log(`vocabulary ${vocab}, ${xs.length} pairs, loss ${loss.item().toFixed(4)}`);
