/**
 * nn.Sequential: its modules are its fields `0`, `1`, ... (as torch names them, so parameters are
 * `0.weight`, `2.bias`, ...), and forward feeds each one's output to the next.
 */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { Module } from './module';

export class Sequential extends Module {
  [index: number]: Module;
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new ArgumentError('Sequential', `argument ${i + 1} is not a Module (got ${m === null ? 'null' : typeof m})`);
      this[i] = m;
    });
  }
  /** How many modules it holds. */
  get length(): number {
    return this.children().length;
  }
  override forward(input: Tensor): Tensor {
    let x: unknown = input;
    for (const m of this.children()) x = m.forward(x);
    return x as Tensor;
  }
  protected override _getName(): string {
    return 'Sequential';
  }
}

/**
 * nn.ModuleList: holds modules in fields `0`, `1`, ... (parameters `0.weight`, ...) like Sequential,
 * but has no forward of its own; the owner indexes it or iterates it.
 */
export class ModuleList extends Module {
  [index: number]: Module;
  constructor(modules: Iterable<Module> = []) {
    super();
    this.extend(modules);
  }
  /** How many modules it holds (a module held twice counts twice, as torch's len). */
  get length(): number {
    return this.items().length;
  }
  /** The modules in fields 0, 1, ..., in order (JavaScript orders integer keys ascending). */
  private items(): Module[] {
    return Object.keys(this).filter((k) => /^(0|[1-9]\d*)$/.test(k)).map((k) => this[Number(k)]);
  }
  /** Add `module` at the end; returns the list. */
  append(module: Module): this {
    if (!(module instanceof Module)) throw new ArgumentError('ModuleList.append', `argument 'module' is not a Module (got ${module === null ? 'null' : typeof module})`);
    this[this.length] = module;
    return this;
  }
  /** Append each of `modules`; returns the list. */
  extend(modules: Iterable<Module>): this {
    if (modules === null || typeof (modules as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      throw new ArgumentError('ModuleList', `argument 'modules' must be an iterable of Modules, got ${modules === null ? 'null' : typeof modules}`);
    }
    let i = 0;
    for (const m of modules) {
      if (!(m instanceof Module)) throw new ArgumentError('ModuleList', `element ${i} is not a Module (got ${m === null ? 'null' : typeof m})`);
      this[this.length] = m;
      i++;
    }
    return this;
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.items()[Symbol.iterator]();
  }
  protected override _getName(): string {
    return 'ModuleList';
  }
}
