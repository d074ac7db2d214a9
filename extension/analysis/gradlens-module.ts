/**
 * The `gradlens` module as the analysed file sees it: the in-process engine's exports, frozen, plus the
 * set of engine objects (namespaces like `F`, `optim`, `autograd`) the file may read but never write,
 * since they are shared by every analysis in this process.
 */
import * as engine from '../../engine';

/** The module's objects and arrays, a few levels deep (namespaces, op tables, their definitions). */
function collectShared(root: object): ReadonlySet<object> {
  const out = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || out.has(v) || depth > 3) return;
    out.add(v);
    for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(root, 0);
  return out;
}

/** Engine hooks that are the analyzer's, not the file's: a file that raised its own budget would escape it. */
const HIDDEN = new Set(['withLimits']);

export const GRADLENS_MODULE: Readonly<Record<string, unknown>> = Object.freeze(
  Object.fromEntries(Object.entries(engine).filter(([name]) => !HIDDEN.has(name))),
);

/** Engine objects shared across runs: reads are fine, writes are refused. */
export const SHARED_ENGINE_OBJECTS: ReadonlySet<object> = collectShared(engine);
