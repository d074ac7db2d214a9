// A port of Andrej Karpathy's "Building makemore Part 2: MLP": the dataset of contexts (the previous
// block_size characters) and next characters built from words with a character-to-index map, an
// embedding table C indexed by the int64 tensor of contexts (C[X], shape [8, 3, 2]), the embeddings
// flattened with view(-1, 6), a tanh hidden layer, F.cross_entropy, and manual SGD steps
// (`p.data += -lr * p.grad`) printing the loss each step. The lecture uses 32,000 names (a vocabulary of
// 27 characters), an embedding of 2, 100 hidden units, parameters from torch.randn with a Generator
// and minibatches; this port takes two words over a vocabulary of 5 characters (8 examples), 4 hidden
// units, parameters from formulas, the whole batch each step and lr 0.5. C[X] is C.index(X), `@` is
// matmul, `p.data += -lr * p.grad` is p.data.add_(p.grad.mul(-lr)), the dicts stoi and itos are Maps,
// and `sorted(set(...))` is a Set spread and sorted. makemore-mlp.py is the same program in PyTorch.
import { F, tensor } from 'gradlens';

function js(v: unknown): string {
  return JSON.stringify(v);
}
function grid(rows: number, cols: number, f: (i: number, j: number) => number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i, j)));
}

const words = ['mom', 'boa'];
const chars = [...new Set(words.join(''))].sort();
const stoi = new Map<string, number>(chars.map((s, i) => [s, i + 1]));
stoi.set('.', 0);
const itos = new Map<number, string>([...stoi].map(([s, i]) => [i, s]));
console.log('vocabulary', js(Array.from({ length: itos.size }, (_, i) => itos.get(i))));

const blockSize = 3; // context length: how many characters predict the next one
const xs: number[][] = [];
const ys: number[] = [];
for (const w of words) {
  let context = Array<number>(blockSize).fill(0);
  for (const ch of w + '.') {
    const ix = stoi.get(ch)!;
    xs.push(context);
    ys.push(ix);
    context = [...context.slice(1), ix];
  }
}
const X = tensor(xs, { dtype: 'int64' });
const Y = tensor(ys, { dtype: 'int64' });
console.log('X', js(X.shape), `torch.${X.dtype}`, 'Y', js(Y.tolist()));

const vocab = itos.size, dim = 2, hidden = 4;
const C = tensor(grid(vocab, dim, (i, j) => ((i * 3 + j * 5) % 7) / 3.5 - 1));
const W1 = tensor(grid(blockSize * dim, hidden, (i, j) => ((i * 5 + j * 3) % 11) / 5.5 - 1));
const b1 = tensor(Array.from({ length: hidden }, (_, j) => ((j * 7) % 5) / 10 - 0.2));
const W2 = tensor(grid(hidden, vocab, (i, j) => ((i * 3 + j * 7) % 13) / 6.5 - 1));
const b2 = tensor(Array.from({ length: vocab }, (_, j) => ((j * 3) % 4) / 8));
const parameters = [C, W1, b1, W2, b2];
console.log('parameters', parameters.reduce((n, p) => n + p.numel(), 0));
for (const p of parameters) p.requiresGrad = true;

const emb = C.index(X);
console.log('emb', js(emb.shape), emb.gradFn!.name);
const lr = 0.5;
for (let step = 0; step < 5; step++) {
  // forward pass
  const e = C.index(X); // [8, 3, 2]
  const h = e.view(-1, blockSize * dim).matmul(W1).add(b1).tanh(); // [8, 4]
  const logits = h.matmul(W2).add(b2); // [8, 5]
  const loss = F.crossEntropy(logits, Y);
  console.log('step', step, 'loss', loss.item(), loss.gradFn!.name);
  // backward pass
  for (const p of parameters) p.grad = null;
  loss.backward();
  // update
  for (const p of parameters) p.data.add_(p.grad!.mul(-lr));
}
console.log('C.grad', js(C.grad!.tolist()));
console.log('b2', js(b2.tolist()));
