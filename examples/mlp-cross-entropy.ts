// A small MLP (4 -> 8 -> 3) on a batch of 5, with cross-entropy loss.
// Hover the weights to see their gradients; open the graph panel to step through backward.
import { randn, tensor, manualSeed, F, type Tensor } from 'gradlens';

manualSeed(42);

class MLP {
  w1 = randn([8, 4], { requiresGrad: true });
  b1 = randn([8], { requiresGrad: true });
  w2 = randn([3, 8], { requiresGrad: true });
  b2 = randn([3], { requiresGrad: true });

  forward(x: Tensor): Tensor {
    const h = F.linear(x, this.w1, this.b1).relu();
    return F.linear(h, this.w2, this.b2);
  }
}

const model = new MLP();
const inputs = randn([5, 4]);
const labels = tensor([0, 2, 1, 1, 0], { dtype: 'int64' });

const logits = model.forward(inputs);
const probs = F.softmax(logits, 1);
const loss = F.crossEntropy(logits, labels);
loss.backward();

console.log('logits shape', logits.shape);
console.log('loss', loss.item().toFixed(4));
console.log('loss grad_fn', loss.gradFn?.name);
console.log('first row of probs sums to', probs.select(0, 0).sum().item().toFixed(4));
console.log('b2.grad', model.b2.grad?.toString());
