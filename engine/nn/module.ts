/**
 * torch.nn.Module in TypeScript. A module registers what its fields hold, as PyTorch registers by
 * attribute assignment: a field holding a Parameter is one of its parameters, a field holding a Module
 * one of its submodules, in the order the fields were created (JavaScript's own-key order: a class's
 * declared fields first, in declaration order, then fields assigned later). Other fields (numbers,
 * plain tensors, arrays) are not registered, as in PyTorch. Calling the module is `model.forward(x)`:
 * a class instance cannot be made callable in TypeScript, and without hooks `__call__` is `forward`.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { isParameter } from './parameter';
import { zeroGrad } from '../ops/inplace';
import type { ZeroGradOptions } from '../ops/inplace';

/** `a\nb` -> `a\n  b`: a child's text indented under its parent (torch's _addindent). */
function addIndent(s: string, spaces: number): string {
  const lines = s.split('\n');
  return lines.length === 1 ? s : [lines[0], ...lines.slice(1).map((l) => ' '.repeat(spaces) + l)].join('\n');
}

export class Module {
  /** Whether the module is in training mode (Dropout draws only then); `train()` / `eval()` set it recursively. */
  training = true;
  /** The fields holding buffers (_registerBuffers), in registration order. */
  private readonly _bufferFields: string[] = [];

  /** The computation; subclasses define it (torch: "Module [X] is missing the required forward function"). */
  forward(..._inputs: unknown[]): unknown {
    throw new ArgumentError('forward', `Module [${this._getName()}] is missing the required "forward" function`);
  }

  /** The name printed for the module (torch's _get_name): the class's name. */
  protected _getName(): string {
    return this.constructor.name;
  }

  /** Extra text inside the module's printed parentheses (torch's extra_repr). */
  extraRepr(): string {
    return '';
  }

  /** Submodules held in this module's own fields, with the field names, in registration order. */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    for (const key of Object.keys(this)) {
      const v: unknown = Reflect.get(this, key);
      if (v instanceof Module && !seen.has(v)) {
        seen.add(v);
        out.push([key, v]);
      }
    }
    return out;
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every submodule below it, each once, in pre-order (torch's modules()). */
  modules(): Module[] {
    const out: Module[] = [];
    const seen = new Set<Module>();
    const visit = (m: Module): void => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push(m);
      for (const c of m.children()) visit(c);
    };
    visit(this);
    return out;
  }

  /** Each module with the dotted path prefix of its members (`linear1.`): this one, then its submodules pre-order, each once. */
  private _withPaths(op: string, prefix: unknown, recurse: boolean): [string, Module][] {
    if (typeof prefix !== 'string') throw new ArgumentError(op, `argument 'prefix' must be a string, got ${typeof prefix}`);
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    const visit = (m: Module, path: string): void => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([path, m]);
      if (recurse) for (const [name, c] of m.namedChildren()) visit(c, `${path}${name}.`);
    };
    visit(this, prefix === '' ? '' : `${prefix}.`);
    return out;
  }

  /** The tensors `fields(m)` names on each module, with their paths; a tensor held twice is listed once, under its first path. */
  private _tensorsAt(op: string, prefix: unknown, recurse: boolean, fields: (m: Module) => readonly string[], keep: (v: unknown) => v is Tensor): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    for (const [path, m] of this._withPaths(op, prefix, recurse)) {
      for (const key of fields(m)) {
        const v: unknown = Reflect.get(m, key);
        if (keep(v) && !seen.has(v)) {
          seen.add(v);
          out.push([path + key, v]);
        }
      }
    }
    return out;
  }

  /**
   * Parameters with their dotted paths (`linear1.weight`): each module's own, in registration order,
   * then its submodules', pre-order; a parameter held twice is listed once, under its first path.
   */
  namedParameters(prefix = '', recurse = true): [string, Tensor][] {
    return this._tensorsAt('namedParameters', prefix, recurse, (m) => Object.keys(m), isParameter);
  }

  /** Mark fields of this module as buffers (torch's register_buffer): state that is not a parameter, such as running statistics. */
  protected _registerBuffers(...fields: string[]): void {
    this._bufferFields.push(...fields);
  }

  /** Buffers with their dotted paths (`bn.runningMean`), in the order of namedParameters; a null buffer is left out, as in torch. */
  namedBuffers(prefix = '', recurse = true): [string, Tensor][] {
    return this._tensorsAt('namedBuffers', prefix, recurse, (m) => m._bufferFields, (v): v is Tensor => v instanceof Tensor);
  }

  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, b]) => b);
  }

  parameters(recurse = true): Tensor[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }

  /** Set training mode here and in every submodule (through their own `train`); returns the module. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new ArgumentError('train', 'training mode is expected to be boolean');
    this.training = mode;
    for (const c of this.children()) c.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clear the parameters' gradients: to null by default (torch >= 2.0), to zeros with `{ setToNone: false }` (torch 1.13). */
  zeroGrad(options?: ZeroGradOptions): void {
    for (const p of this.parameters()) zeroGrad(p, options);
  }

  /** PyTorch's repr: `Name(extra)` or `Name(\n  (child): ...\n)`. */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra === '' ? [] : extra.split('\n');
    const childLines = this.namedChildren().map(([k, m]) => `(${k}): ${addIndent(m.toString(), 2)}`);
    const lines = [...extraLines, ...childLines];
    let s = `${this._getName()}(`;
    if (lines.length > 0) s += extraLines.length === 1 && childLines.length === 0 ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
    return `${s})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
