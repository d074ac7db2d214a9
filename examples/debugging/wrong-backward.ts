// examples/custom-function.ts with a deliberately wrong backward: P3'(x) is 3/2 (5x^2 - 1), but this
// backward forgets the 3/2. Nothing fails when it runs: the fit just goes wrong slowly. Gradlens
// checks every custom Function it sees against finite differences and marks backward's return.
import { autograd, full, linspace, noGrad, type FunctionCtx, type Tensor } from 'gradlens';

class LegendrePolynomial3 extends autograd.Function {
  static override forward(ctx: FunctionCtx, input: Tensor): Tensor {
    ctx.saveForBackward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }

  static override backward(ctx: FunctionCtx, gradOutput: Tensor): Tensor {
    const [input] = ctx.savedTensors;
    return gradOutput.mul(input.pow(2).mul(5).sub(1));
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
