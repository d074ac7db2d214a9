/** The `extends` chain of the file's classes, and the names a class keeps for its methods. */
import { ClassValue, MODULE_BASE, type BuiltinBase } from './values';

/** The scope slot holding the running method's HomeObject (not a name the file can write). */
export const HOME = '%home';

/** Private names belong to the class that declares them: two classes' `#x` are different fields. */
export function privateKey(cls: ClassValue, name: string): string {
  return `${cls.decl.pos}${name}`;
}

/** The classes from `cls` up its `extends` chain (file classes only). */
export function chainOf(cls: ClassValue): ClassValue[] {
  const out: ClassValue[] = [];
  for (let c: ClassValue | BuiltinBase | undefined = cls; c instanceof ClassValue; c = c.parent) out.push(c);
  return out;
}

/** Whether instances of `cls` are nn.Module subclasses. */
export function isModuleClass(cls: ClassValue): boolean {
  let c: ClassValue | BuiltinBase | undefined = cls;
  while (c instanceof ClassValue) c = c.parent;
  return c === MODULE_BASE;
}
