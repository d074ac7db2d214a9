// Why does backward() fail? The probabilities were rebuilt from plain numbers, which carry no graph.
import { tensor } from 'gradlens';

const w = tensor([0.5, -0.3], { requiresGrad: true });
const x = tensor([[1, 2], [3, 4]]);
const logits = x.matmul(w);
const probs = tensor(logits.sigmoid().tolist() as number[]);
const loss = probs.sub(tensor([1, 0])).pow(2).mean();
loss.backward();
console.log(w.grad);
