// PyTorch's custom autograd.Function tutorial ("Learning PyTorch with Examples"): the Legendre
// polynomial P3(x) = 1/2 (5x^3 - 3x) as a Function with its own backward, P3'(x) = 3/2 (5x^2 - 1),
// fitting y = a + b P3(c + d x) to sin(x). Smaller than the tutorial (100 points x 50 steps, not
// 2,000 x 2,000) so it stays within the default budgets; parameters start from literals.
import { autograd, full, linspace, noGrad, type FunctionCtx, type Tensor } from 'gradlens';

class LegendrePolynomial3 extends autograd.Function {
  static override forward(ctx: FunctionCtx, input: Tensor): Tensor {
    ctx.saveForBackward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }

  static override backward(ctx: FunctionCtx, gradOutput: Tensor): Tensor {
    const [input] = ctx.savedTensors;
    return gradOutput.mul(input.pow(2).mul(5).sub(1).mul(1.5));
  }
}

const x = linspace(-Math.PI, Math.PI, 100);
const y = x.sin();

const a = full([], 0.0, { requiresGrad: true });
const b = full([], -1.0, { requiresGrad: true });
const c = full([], 0.0, { requiresGrad: true });
const d = full([], 0.3, { requiresGrad: true });

const learningRate = 5e-6;
let loss = full([], 0);
for (let t = 0; t < 50; t++) {
  const p3 = LegendrePolynomial3.apply(c.add(d.mul(x))) as Tensor;
  const yPred = a.add(b.mul(p3));
  loss = yPred.sub(y).pow(2).sum();
  loss.backward();
  noGrad(() => {
    for (const p of [a, b, c, d]) {
      p.sub_(p.grad!.mul(learningRate));
      p.grad = null;
    }
  });
}
console.log(`Result: y = ${a.item()} + ${b.item()} * P3(${c.item()} + ${d.item()} x)`);
