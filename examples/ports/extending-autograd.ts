// A port of PyTorch's "Extending torch.autograd" note (and the torch.autograd.Function docs): an Exp
// that saves its output for backward, and a Function with two outputs (sin and cos of its input, each
// output's gradient arriving separately), with the node names PyTorch gives custom Functions and
// Gradlens checks each backward against finite differences as it analyses the file (an info at the
// class name when it agrees). extending-autograd.py is the same in PyTorch.
import { autograd, tensor, type FunctionCtx, type Tensor } from 'gradlens';

class Exp extends autograd.Function {
  static override forward(ctx: FunctionCtx, i: Tensor): Tensor {
    const result = i.exp();
    ctx.saveForBackward(result);
    return result;
  }

  static override backward(ctx: FunctionCtx, gradOutput: Tensor): Tensor {
    const [result] = ctx.savedTensors;
    return gradOutput.mul(result);
  }
}

class SinCos extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
    ctx.saveForBackward(x);
    return [x.sin(), x.cos()];
  }

  static override backward(ctx: FunctionCtx, gradSin: Tensor, gradCos: Tensor): Tensor {
    const [x] = ctx.savedTensors;
    return gradSin.mul(x.cos()).sub(gradCos.mul(x.sin()));
  }
}

const x = tensor([0.5, -1.0, 2.0], { requiresGrad: true });
const y = Exp.apply(x) as Tensor;
console.log('y', JSON.stringify(y.tolist()), y.gradFn!.name);
const z = Exp.apply(y.mul(0.1)) as Tensor;
z.mul(y).sum().backward();
console.log('x.grad', JSON.stringify(x.grad!.tolist()));

const t = tensor([0.3, 1.2], { requiresGrad: true });
const [s, c] = SinCos.apply(t) as Tensor[];
console.log('sincos', JSON.stringify(s.tolist()), JSON.stringify(c.tolist()), s.gradFn!.name);
s.mul(2).add(c.pow(2)).sum().backward();
console.log('t.grad', JSON.stringify(t.grad!.tolist()));
