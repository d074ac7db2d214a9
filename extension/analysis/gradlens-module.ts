/**
 * The `gradlens` module as the analysed file sees it: the in-process engine's exports, frozen, plus the
 * set of engine objects (namespaces like `F`, `optim`, `autograd`) the file may read but never write,
 * since they are shared by every analysis in this process.
 */
import * as engine from '../../engine';

function collectNamespaces(root: object): ReadonlySet<object> {
  const out = new Set<object>([root]);
  for (const v of Object.values(root)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) out.add(v);
  }
  return out;
}

export const GRADLENS_MODULE: Readonly<Record<string, unknown>> = Object.freeze({ ...engine });

/** Engine objects shared across runs: reads are fine, writes are refused. */
export const SHARED_ENGINE_OBJECTS: ReadonlySet<object> = collectNamespaces(engine);
