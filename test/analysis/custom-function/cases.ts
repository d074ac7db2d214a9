/**
 * The custom Functions whose automatic check is compared with torch 1.13's gradcheck
 * (check_oracle.py writes check-oracle.json from the same Functions and inputs).
 */
export interface CheckCase {
  /** The class name (the diagnostic names it). */
  fn: string;
  /** forward(ctx, ...args) body saving its args and output, and backward(ctx, g) body, in TypeScript. */
  forward: string;
  backward: string;
  args: string[];
}

const save = (expr: string, names: string): string => `const out = ${expr}; ctx.saveForBackward(${names}, out); return out;`;

export const CASES: Record<string, CheckCase> = {
  'legendre-right': { fn: 'P3', forward: save('x.pow(3).mul(5).sub(x.mul(3)).mul(0.5)', 'x'), backward: 'const [x] = ctx.savedTensors; return g.mul(x.pow(2).mul(5).sub(1).mul(1.5));', args: ['[-0.5, 0.25, 1.5]'] },
  'legendre-wrong': { fn: 'P3', forward: save('x.pow(3).mul(5).sub(x.mul(3)).mul(0.5)', 'x'), backward: 'const [x] = ctx.savedTensors; return g.mul(x.pow(2).mul(5).sub(1));', args: ['[-0.5, 0.25, 1.5]'] },
  'exp-right': { fn: 'Exp', forward: save('x.exp()', 'x'), backward: 'const [, o] = ctx.savedTensors; return g.mul(o);', args: ['[0.5, -1.0, 2.0]'] },
  'exp-wrong': { fn: 'Exp', forward: save('x.exp()', 'x'), backward: 'return g;', args: ['[0.5, -1.0, 2.0]'] },
  'mul-right': { fn: 'Mul', forward: save('x.mul(y)', 'x, y'), backward: 'const [x, y] = ctx.savedTensors; return [g.mul(y), g.mul(x)];', args: ['[1.0, 2.0]', '[3.0, -4.0]'] },
  'mul-swapped': { fn: 'Mul', forward: save('x.mul(y)', 'x, y'), backward: 'const [x, y] = ctx.savedTensors; return [g.mul(x), g.mul(y)];', args: ['[1.0, 2.0]', '[3.0, -4.0]'] },
  'sin-2d-wrong': { fn: 'Sin', forward: save('x.sin()', 'x'), backward: 'const [x] = ctx.savedTensors; return g.mul(x.cos()).add(x.gt(0.35).mul(0.5).mul(g));', args: ['[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]'] },
  'square-right': { fn: 'Sq', forward: save('x.mul(x)', 'x'), backward: 'const [x] = ctx.savedTensors; return g.mul(x).mul(2);', args: ['[[0.1, -0.2], [0.3, 0.4]]'] },
};

/** The file for a case: the Function, its inputs (float32, requiring grad), one call and a backward. */
export function caseSource(c: CheckCase): string {
  const params = c.args.map((_, i) => `x${i}: Tensor`).join(', ').replace('x0', 'x').replace('x1', 'y');
  const names = c.args.map((_, i) => `a${i}`);
  return [
    `import { autograd, tensor, type Tensor } from 'gradlens';`,
    `class ${c.fn} extends autograd.Function {`,
    `  static override forward(ctx: any, ${params}): Tensor { ${c.forward} }`,
    `  static override backward(ctx: any, g: Tensor): any {`,
    `    ${c.backward}`,
    `  }`,
    `}`,
    ...c.args.map((a, i) => `const ${names[i]} = tensor(${a}, { requiresGrad: true });`),
    `const out = ${c.fn}.apply(${names.join(', ')}) as Tensor;`,
    `out.sum().backward();`,
    '',
  ].join('\n');
}

/** Line of backward's return (1-based) and of forward, in caseSource's layout. */
export const BACKWARD_LINE = 5;
export const FORWARD_LINE = 3;
