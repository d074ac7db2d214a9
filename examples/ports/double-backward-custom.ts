// A port of PyTorch's "Double Backward with Custom Functions" tutorial: a custom Function supports a
// second backward when autograd can record what its backward computes. Square saves its input, Exp its
// output, and Sinh saves intermediate results by returning them as extra outputs (its backward must add
// the gradients of those outputs too, for the second backward). The tutorial draws x with torch.rand and
// checks each Function with torch.autograd.gradcheck and gradgradcheck; here x is a formula, and the
// checks are not called (the .py keeps them as asserts): Gradlens cannot hand a function of the file to
// the engine's gradcheck (the result would be unknown, with an error), but it checks each Function's
// backward against finite differences by itself as it analyses the file (an info at the class name).
// Instead both sides compute the first derivative with autograd.grad(..., createGraph) and the second
// by a backward through it, and print them with the grad_fn names. Python's `grad_input += ...` is
// gradInput.add_(...). double-backward-custom.py is the same program in PyTorch.
import { autograd, tensor, type FunctionCtx, type Tensor } from 'gradlens';

function js(v: unknown): string {
  return JSON.stringify(v);
}

class Square extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    // Because we are saving one of the inputs use saveForBackward
    ctx.saveForBackward(x);
    return x.pow(2);
  }

  static override backward(ctx: FunctionCtx, gradOut: Tensor): Tensor {
    // A function supports double backward automatically if autograd can record what backward computes
    const [x] = ctx.savedTensors;
    return gradOut.mul(2).mul(x);
  }
}

class Exp extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    // This time we save the output
    const result = x.exp();
    ctx.saveForBackward(result);
    return result;
  }

  static override backward(ctx: FunctionCtx, gradOut: Tensor): Tensor {
    const [result] = ctx.savedTensors;
    return result.mul(gradOut);
  }
}

class Sinh extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
    const expx = x.exp();
    const expnegx = x.neg().exp();
    ctx.saveForBackward(expx, expnegx);
    // to save intermediate results, return them as outputs too, so that the backward graph is recorded
    return [expx.sub(expnegx).div(2), expx, expnegx];
  }

  static override backward(ctx: FunctionCtx, gradOut: Tensor, gradOutExp: Tensor, gradOutNegexp: Tensor): Tensor {
    const [expx, expnegx] = ctx.savedTensors;
    const gradInput = gradOut.mul(expx.add(expnegx)).div(2);
    // these outputs are not used, but the second backward needs their gradients accumulated
    gradInput.add_(gradOutExp.mul(expx));
    gradInput.sub_(gradOutNegexp.mul(expnegx));
    return gradInput;
  }
}

function sinh(x: Tensor): Tensor {
  // a wrapper that returns only the first output
  return (Sinh.apply(x) as Tensor[])[0];
}

function point(): Tensor {
  // the tutorial's torch.rand(3, 3, requires_grad=True, dtype=torch.double), as a formula
  const rows = Array.from({ length: 3 }, (_, i) => Array.from({ length: 3 }, (_, j) => ((i * 3 + j) % 9) / 9 + 0.05));
  return tensor(rows, { dtype: 'float64', requiresGrad: true });
}

const cases: [string, (x: Tensor) => Tensor][] = [
  ['Square', (x) => Square.apply(x) as Tensor],
  ['Exp', (x) => Exp.apply(x) as Tensor],
  ['Sinh', sinh],
];
for (const [name, f] of cases) {
  const x = point();
  const y = f(x);
  console.log(name, 'y', js(y.index(0).tolist()), y.gradFn!.name);
  const [g] = autograd.grad([y.sum()], [x], { createGraph: true });
  console.log(name, 'dy/dx', js(g.index(0).tolist()), g.gradFn!.name);
  g.sum().backward();
  console.log(name, 'd2y/dx2', js(x.grad!.index(0).tolist()));
}
