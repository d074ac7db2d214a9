/**
 * A seeded generator of hostile programs: tensor code from a small grammar, interleaved with the tricks
 * of attacks.ts (prototypes, spreads, forged tensors, internal reads and writes, engine functions as
 * values, hooks on arguments, callbacks). Every trick carries PAYLOAD, which writes the marker file if
 * it ever runs as JavaScript.
 */
type Rand = () => number;

const INTERNALS = ['_x', '_d', '_s', '_fn', '_tape', '_slot', '_lz', '_g', '_acc', 'op', 'out', 'params', 'bufs', 'edges', 'rare', 'apply', 'forward', 'expr', 'constructor', '__proto__', 'prototype'];
const METHODS = ['mul', 'add', 'sub', 'div', 'exp', 'tanh', 'sum', 'mean', 'relu', 'sigmoid', 'view', 'reshape', 'index', 'matmul', 'pow', 'clamp', 'detach', 'clone', 'tolist', 'item', 'toString', 'backward', 'mul_', 'add_', 'zero_'];
/** Reads that make a tensor compute its values (and so would evaluate a forged deferred node). */
const READS = ['data', 'tolist()', 'sum()', 'toString()', 'item()', 'mul(2).data'];
const NODE = `{ expr: EXPR, args: [], f32: false, n: 1, len: 1, data: null, divisor: 0, store: false, retired: false }`;
const FORGED = `{ id: 1, shape: [3], dtype: 'float32', requiresGrad: true, _d: null, _s: 0, _x: { lz: ${NODE} }, _fn: null, _tape: null, _slot: -1 }`;

function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

class Program {
  readonly lines: string[] = [];
  vars = 0;
  constructor(readonly r: Rand) {}

  /** A variable made so far (there is always one: the program starts with a tensor). */
  someVar(): string {
    return `v${Math.floor(this.r() * this.vars)}`;
  }

  /** An argument: a number, a variable, or something hostile. */
  arg(depth: number): string {
    const r = this.r;
    switch (Math.floor(r() * 12)) {
      case 0: return String(Math.round(r() * 40 - 20) / 4);
      case 1: return `[${Math.floor(r() * 3)}, ${Math.floor(r() * 3)}]`;
      case 2: return FORGED;
      case 3: return `{ toString() { PAYLOAD; return 'x'; }, valueOf() { PAYLOAD; return 1; } }`;
      case 4: return `{ get dim() { PAYLOAD; return 0; } }`;
      case 5: return `(() => { PAYLOAD; })`;
      case 6: return `{ __proto__: ${this.someVar()}, _d: null, _x: { lz: ${NODE} } }`;
      case 7: return `{ ...${this.someVar()} }`;
      case 8: return `${this.someVar()}.${pick(r, METHODS)}`;
      case 9: return depth > 0 ? this.expr(depth - 1) : this.someVar();
      case 10: return `{ reduction: 'sum', requiresGrad: true, onStep: (e: any) => { e.node.constructor.constructor('PAYLOAD')(); } }`;
      default: return this.someVar();
    }
  }

  expr(depth: number): string {
    const r = this.r;
    const v = this.someVar();
    switch (Math.floor(r() * 16)) {
      case 14: return `({ __proto__: ${v}, _d: null, _x: { lz: ${NODE} } } as any).${pick(r, READS)}`;
      case 15: return `(Object.assign(Object.create(${v}), { _d: null, _x: { lz: ${NODE} } }) as any).${pick(r, READS)}`;
      case 0: return `tensor([${[r(), r(), r()].map((x) => x.toFixed(2)).join(', ')}], { requiresGrad: ${r() < 0.5} })`;
      case 1: return `${v}.${pick(r, METHODS)}(${this.arg(depth)})`;
      case 2: return `${v}.${pick(r, METHODS)}()`;
      case 3: return `(${v} as any).${pick(r, INTERNALS)}`;
      case 4: return `(${v} as any)[${JSON.stringify(pick(r, INTERNALS))}]`;
      case 5: return `Object.create(${v})`;
      case 6: return `Object.assign({}, ${v}, { _x: { lz: ${NODE} } })`;
      case 7: return `(${v} as any).constructor.constructor('PAYLOAD')()`;
      case 8: return `cat([${v}, ${this.arg(depth)}])`;
      case 9: return `noGrad(() => ${depth > 0 ? this.expr(depth - 1) : v})`;
      case 10: return `\`\${${v}}\` + String(${this.arg(0)}) + JSON.stringify(${v})`;
      case 11: return `(${v} as any).gradFn?.nextFunctions?.[0]?.[0]`;
      case 12: return `new (optim.SGD as any)([${this.arg(0)}], { lr: 0.1 })`;
      default: return `F.${pick(r, ['softmax', 'mseLoss', 'linear', 'gelu'])}(${v}, ${this.arg(depth)})`;
    }
  }

  statement(depth: number): string {
    const r = this.r;
    const v = this.someVar();
    switch (Math.floor(r() * 9)) {
      case 0:
      case 1:
      case 2: return `const v${this.vars++}: any = ${this.expr(2)};`;
      case 3: return `(${v} as any).${pick(r, INTERNALS)} = ${this.arg(1)};`;
      case 4: return `Object.setPrototypeOf(${this.arg(0)}, ${v});`;
      case 5: return `(${v} as any).backward(undefined, ${this.arg(0)});`;
      case 6: return depth > 0 ? `for (let i = 0; i < 2; i++) { ${this.statement(depth - 1)} }` : `console.log(${v});`;
      case 7: return depth > 0 ? `try { ${this.statement(depth - 1)} } catch (e) { console.log(e); }` : `${v};`;
      default: return `console.log(${v}, ${this.arg(1)});`;
    }
  }
}

/** The `n`-th hostile program of a seeded stream (PAYLOAD, EXPR and MARKER still to be filled in). */
export function hostileProgram(r: Rand): string {
  const p = new Program(r);
  p.lines.push(`import { tensor, zeros, cat, noGrad, optim, F, autograd } from 'gradlens';`);
  p.lines.push(`const v${p.vars++}: any = tensor([1, 2, 3], { requiresGrad: true });`);
  const n = 3 + Math.floor(r() * 10);
  for (let i = 0; i < n; i++) p.lines.push(p.statement(1));
  return `${p.lines.join('\n')}\n`;
}
