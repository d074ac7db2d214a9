/**
 * The twins of the Functions in test/fixtures/oracle/generate/custom_functions.py: same names, the
 * same ops in the same order (so values agree with torch bit for bit). `seen` records what the
 * Python side records: needs_input_grad and which gradients backward received as null.
 */
import { autograd } from '../../../engine/index';
import type { FunctionCtx, Tensor } from '../../../engine/index';

export const seen: { needs: boolean[] | null; none: boolean[] | null } = { needs: null, none: null };

type T = Tensor;
const saved = (ctx: FunctionCtx): T => ctx.savedTensors[0];

class LegendrePolynomial3 extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T {
    ctx.saveForBackward(x);
    return x.pow(3).mul(5).sub(x.mul(3)).mul(0.5);
  }
  static override backward(ctx: FunctionCtx, g: T): T {
    return g.mul(1.5).mul(saved(ctx).pow(2).mul(5).sub(1));
  }
}

class Exp extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T {
    const r = x.exp();
    ctx.saveForBackward(r);
    return r;
  }
  static override backward(ctx: FunctionCtx, g: T): T {
    return g.mul(saved(ctx));
  }
}

class ScaleShift extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T, k: number, w: T): T {
    ctx.k = k;
    seen.needs = [...ctx.needsInputGrad];
    return x.mul(k).add(w);
  }
  static override backward(ctx: FunctionCtx, g: T): (T | null)[] {
    return [g.mul(ctx.k as number), null, g];
  }
}

class SinCos extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T[] {
    ctx.saveForBackward(x);
    return [x.sin(), x.cos()];
  }
  static override backward(ctx: FunctionCtx, a: T, b: T): T {
    const x = saved(ctx);
    seen.none = [a === null, b === null];
    return a.mul(x.cos()).sub(b.mul(x.sin()));
  }
}

class SinCosLazy extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T[] {
    ctx.setMaterializeGrads(false);
    ctx.saveForBackward(x);
    return [x.sin(), x.cos()];
  }
  static override backward(ctx: FunctionCtx, a: T | null, b: T | null): T | null {
    const x = saved(ctx);
    seen.none = [a === null, b === null];
    let g: T | null = a === null ? null : a.mul(x.cos());
    if (b !== null) g = g === null ? b.neg().mul(x.sin()) : g.sub(b.mul(x.sin()));
    return g;
  }
}

class WithMask extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T[] {
    const m = x.mul(0).add(1);
    ctx.markNonDifferentiable(m);
    return [x.mul(2), m];
  }
  static override backward(_ctx: FunctionCtx, g: T, gm: T): T {
    seen.none = [g === null, gm === null];
    return g.mul(2).add(gm);
  }
}

class Double extends autograd.Function {
  static override forward(ctx: FunctionCtx, x: T): T {
    x.mul_(2);
    ctx.markDirty(x);
    return x;
  }
  static override backward(_ctx: FunctionCtx, g: T): T {
    return g.mul(2);
  }
}

class Identity extends autograd.Function {
  static override forward(_ctx: FunctionCtx, x: T): T {
    return x;
  }
  static override backward(_ctx: FunctionCtx, g: T): T {
    return g;
  }
}

class Square extends autograd.Function {
  static override onceDifferentiable = true;
  static override forward(ctx: FunctionCtx, x: T): T {
    ctx.saveForBackward(x);
    return x.mul(x);
  }
  static override backward(ctx: FunctionCtx, g: T): T {
    return g.mul(2).mul(saved(ctx));
  }
}

class TooMany extends autograd.Function {
  static override forward(_ctx: FunctionCtx, x: T): T {
    return x.mul(2);
  }
  static override backward(_ctx: FunctionCtx, g: T): T[] {
    return [g, g];
  }
}

class WrongShape extends autograd.Function {
  static override forward(_ctx: FunctionCtx, x: T): T {
    return x.sum();
  }
  static override backward(_ctx: FunctionCtx, g: T): T {
    return g.expand(2);
  }
}

class NumberGrad extends autograd.Function {
  static override forward(_ctx: FunctionCtx, x: T, k: number): T {
    return x.mul(k);
  }
  static override backward(_ctx: FunctionCtx, g: T): T[] {
    return [g, g];
  }
}

class Broadcast extends autograd.Function {
  static override forward(_ctx: FunctionCtx, x: T): T {
    return x.sum();
  }
  static override backward(_ctx: FunctionCtx, g: T): T {
    return g.expand(2, 3);
  }
}

/** By name, as the fixture's cases call them. */
export const FUNCTIONS: Record<string, { apply(...args: unknown[]): unknown }> = {
  LegendrePolynomial3, Exp, ScaleShift, SinCos, SinCosLazy, WithMask, Double, Identity, Square, TooMany, WrongShape, NumberGrad, Broadcast,
};
