/** Lexical scopes of the interpreter: one per block, function call and loop iteration. */
import type { BindingRecord } from './binding-record';
import type { Value } from './values';

export interface Slot {
  value: Value;
  readonly constant: boolean;
  /** The binding site that last gave this name its value (for `uses` ranges), when it is a binding. */
  binding: BindingRecord | undefined;
}

export class Scope {
  /** Made on the first declaration: most block and loop scopes declare nothing. */
  private slots: Map<string, Slot> | undefined;
  constructor(readonly parent: Scope | undefined) {}

  declare(name: string, value: Value, constant: boolean, binding?: BindingRecord): Slot {
    const slot: Slot = { value, constant, binding };
    (this.slots ??= new Map()).set(name, slot);
    return slot;
  }

  /** A sibling scope holding copies of this one's slots: a `for (let ...)` loop's next iteration. */
  copy(): Scope {
    const next = new Scope(this.parent);
    for (const [name, slot] of this.slots ?? []) next.declare(name, slot.value, slot.constant, slot.binding);
    return next;
  }

  lookup(name: string): Slot | undefined {
    const slot = this.slots?.get(name);
    if (slot) return slot;
    return this.parent?.lookup(name);
  }
}
