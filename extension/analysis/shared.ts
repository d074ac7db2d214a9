/**
 * What the analysed file shares with every other line of its real run: JavaScript's built-ins (`Math`,
 * `Array` and the prototypes behind every array, string and number), and the engine's namespaces,
 * functions and classes. The interpreter never hands these out (docs/security.md), but in a real run a
 * file can change them — `Math.exp = f`, `Array.prototype.map = f`, `F.relu = f`,
 * `Object.getPrototypeOf(x).mul = f` — and then every later call computes something else. The analysis
 * does not model a changed built-in, so such a change ends the run at its line, as an uncaught throw
 * does: nothing after it is shown, so nothing shown can disagree with the real run.
 */
import type ts from 'typescript';
import type { RunContext } from './context';
import { RunEnded } from './run-limits';
import { BoundMethod, Builtin, SharedUnknown, type Value } from './values';
import { builtinNamespaceName } from './builtins';
import { Handle } from './membrane/handle';

/**
 * Whether `v` is (or, being unknown, may be) an object of the host or the engine that later lines use:
 * a built-in namespace, a prototype or the global object, an engine namespace or class. Code the analysis
 * does not see (an unknown function) may change it when it is handed one.
 */
export function isSharedObject(v: Value): boolean {
  if (v instanceof SharedUnknown || builtinNamespaceName(v) !== undefined) return true;
  return Handle.isHandle(v) && (v.kind === 'namespace' || v.kind === 'class');
}

/** Whether a write to a member of `v` changes something shared: a shared object, or a function of the host or the engine. */
export function isShared(v: Value): boolean {
  if (isSharedObject(v) || v instanceof Builtin) return true;
  if (v instanceof BoundMethod) return v.target instanceof Builtin;
  return Handle.isHandle(v) && v.kind !== 'tensor' && v.kind !== 'optimizer' && v.kind !== 'module';
}

/** End the run at `node`: the file changes (or may change) `what`, shared by everything after it. */
export function changesShared(ctx: RunContext, node: ts.Node, what: string): never {
  throw new RunEnded(
    `${what} may change JavaScript's built-ins or gradlens itself for the rest of the real run, which the analysis does not follow; analysis stopped here`,
    ctx.range(node),
    'unsupported',
  );
}
