/**
 * The backward of each tape op on one element: the expression the object path's fused no-grad
 * backward evaluates, rounded to float32 wherever the object path makes a float32 tensor, and the
 * number of elements it allocates (charged to the budget).
 */
import { TapeOp } from './tape-ops';

/** Rounds a float64 result to float32 when the object path would have stored it in a float32 tensor. */
export const rnd = (f32: boolean, z: number): number => (f32 ? Math.fround(z) : z);

/**
 * d/d(input 0) and d/d(input 1) of one slot into out[0], out[1] (x, y: input values, v: the result);
 * returns the elements the object path allocates for them.
 */
export function vjp(code: number, f32: boolean, g: number, x: number, y: number, v: number, e0: boolean, e1: boolean, out: Float64Array): number {
  switch (code) {
    case TapeOp.Add: out[0] = g; out[1] = g; return 0; // the incoming gradient itself, to both inputs
    case TapeOp.Sub: out[0] = g; out[1] = -g; return e1 ? 1 : 0;
    case TapeOp.Mul: out[0] = rnd(f32, g * y); out[1] = rnd(f32, g * x); return (e0 ? 1 : 0) + (e1 ? 1 : 0);
    case TapeOp.Div: // -grad * self / (other * other), one rounded tensor per step
      out[0] = rnd(f32, g / y);
      out[1] = rnd(f32, rnd(f32, -g * x) / rnd(f32, y * y));
      return (e0 ? 1 : 0) + (e1 ? 4 : 0);
    case TapeOp.Neg: out[0] = -g; return 1;
    case TapeOp.Exp: out[0] = rnd(f32, g * v); return 1;
    case TapeOp.Log: out[0] = rnd(f32, g / x); return 1;
    case TapeOp.Tanh: out[0] = rnd(f32, g * (1 - v * v)); return 1;
    case TapeOp.Sigmoid: out[0] = rnd(f32, g * (v * (1 - v))); return 1;
    case TapeOp.Relu: out[0] = v > 0 ? g : 0; return 1;
    case TapeOp.Pow: // grad * (self.pow(e - 1) * e): pow, mul, mul
      out[0] = y === 0 ? rnd(f32, g * 0) : rnd(f32, g * rnd(f32, rnd(f32, Math.pow(x, y - 1)) * y));
      return y === 0 ? 1 : 3;
    case TapeOp.Sqrt: out[0] = rnd(f32, g / (2 * v)); return 1;
    case TapeOp.Abs: out[0] = x > 0 ? g : x < 0 ? -g : 0; return 1;
    case TapeOp.Sin: out[0] = rnd(f32, g * Math.cos(x)); return 1;
    case TapeOp.Cos: out[0] = rnd(f32, -g * Math.sin(x)); return 1;
    case TapeOp.Reciprocal: out[0] = rnd(f32, -g * rnd(f32, v * v)); return 3; // neg, mul, mul
    case TapeOp.Rsub: out[0] = -g; return 1;
    case TapeOp.Sum: out[0] = g; return 1; // expand
    case TapeOp.Mean: out[0] = g; return 2; // expand, then / 1
    default: throw new Error(`tape op ${code} has no backward`);
  }
}
