/**
 * Handles: the only form in which the analysed file ever holds an engine object. A handle is an
 * opaque object made here; its target lives in a private field no property access can reach, and
 * `#target in v` (a brand check) is the only test of "is this a handle" — an object built by the
 * file can never pass it. One handle per target, so `a === b` in the file means the same tensor.
 */
import type { Tensor } from '../../../engine';

/** What a handle stands for; each kind has its own table of members (api.ts). */
export type HandleKind = 'tensor' | 'gradFn' | 'optimizer' | 'module' | 'namespace' | 'function' | 'class';

export class Handle {
  readonly #target: object;
  /** For a method read off an engine object (`x.mul`): the object it is called on. */
  readonly #receiver: object | undefined;

  private constructor(target: object, readonly kind: HandleKind, readonly name: string, receiver: object | undefined) {
    this.#target = target;
    this.#receiver = receiver;
    Object.freeze(this);
  }

  static isHandle(v: unknown): v is Handle {
    return typeof v === 'object' && v !== null && #target in v;
  }

  /** The engine object behind `v`, or undefined when `v` is not a handle. For the membrane and the trace only. */
  static targetOf(v: unknown): object | undefined {
    return Handle.isHandle(v) ? v.#target : undefined;
  }

  static receiverOf(h: Handle): object | undefined {
    return h.#receiver;
  }

  /** A handle for an engine object of a kind with members; the same handle each time for the same object. */
  static of(target: object, kind: Exclude<HandleKind, 'function'>, name: string): Handle {
    let h = cache.get(target);
    if (h === undefined) {
      h = new Handle(target, kind, name, undefined);
      cache.set(target, h);
    }
    return h;
  }

  /** A callable handle: an engine function, or a method bound to its engine receiver. */
  static callable(fn: object, name: string, receiver?: object): Handle {
    if (receiver !== undefined) return new Handle(fn, 'function', name, receiver);
    let h = cache.get(fn);
    if (h === undefined) {
      h = new Handle(fn, 'function', name, undefined);
      cache.set(fn, h);
    }
    return h;
  }
}

/**
 * Target -> its handle. Weak: a handle lives as long as its engine object, and a tensor handed out
 * twice (a binding and its `.grad` read later) is the same handle, so identity in the file is identity
 * in the engine.
 */
const cache = new WeakMap<object, Handle>();

/** The handle already made for an engine object, if the file was ever given one. */
export function existingHandle(target: object): Handle | undefined {
  return cache.get(target);
}

/** The tensor behind a tensor handle (for trace building: values, gradients, graph). */
export function tensorOf(v: unknown): Tensor | undefined {
  return Handle.isHandle(v) && v.kind === 'tensor' ? (Handle.targetOf(v) as Tensor) : undefined;
}
