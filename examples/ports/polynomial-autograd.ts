// A port of "PyTorch: Tensors and autograd" from PyTorch's "Learning PyTorch with Examples": fit
// y = sin(x) on [-π, π] with a third-order polynomial a + b x + c x² + d x³, gradients by autograd,
// the update done by hand inside noGrad. The tutorial draws a, b, c, d with torch.randn and uses 2,000
// points and 2,000 steps; this port starts from literals, 200 points and 200 steps (lr scaled up).
// polynomial-autograd.py beside it is the same program in PyTorch.
import { linspace, tensor, noGrad } from 'gradlens';

const x = linspace(-Math.PI, Math.PI, 200);
const y = x.sin();

const a = tensor(0.1, { requiresGrad: true });
const b = tensor(-0.2, { requiresGrad: true });
const c = tensor(0.05, { requiresGrad: true });
const d = tensor(0.01, { requiresGrad: true });

const learningRate = 1e-5;
for (let t = 0; t < 200; t++) {
  const yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
  const loss = yPred.sub(y).pow(2).sum();
  if (t % 50 === 49) console.log('loss', t, loss.item());
  loss.backward();
  noGrad(() => {
    a.sub_(a.grad!.mul(learningRate));
    b.sub_(b.grad!.mul(learningRate));
    c.sub_(c.grad!.mul(learningRate));
    d.sub_(d.grad!.mul(learningRate));
  });
  a.grad = null;
  b.grad = null;
  c.grad = null;
  d.grad = null;
}
console.log('result', a.item(), b.item(), c.item(), d.item());
