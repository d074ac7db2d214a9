/**
 * Parameters named by module path (`linear1.weight`, as `namedParameters()` names them), for the graph:
 * built after the run from the modules the file made (its nn.Module instances and the engine modules
 * it constructed), walking their fields the way nn-module.ts does, without running any of the file's
 * code. Paths start at the outermost modules; when several hold parameters, each path starts with the
 * name of the variable that first held its outermost module (`model.linear1.weight`).
 */
import { Instance, orderedEntries, reveal, type Value } from './values';
import { tensorOf, engineModuleOf } from './membrane';
import { isParameter } from '../../engine/nn/parameter';
import type { Tensor, nn } from '../../engine';
import type { BindingRecorder } from './bindings';

type EngineModule = InstanceType<typeof nn.Module>;
/** A module: an instance of a file class extending nn.Module, or an engine module. */
type Mod = Instance | EngineModule;

/** The module a value of the file is, if it is one (`isModule`: an nn.Module subclass instance). */
function modOf(v: Value, isModule: (v: Value) => boolean): Mod | undefined {
  const x = reveal(v);
  if (x instanceof Instance) return isModule(x) ? x : undefined;
  return engineModuleOf(x);
}

function children(m: Mod, isModule: (v: Value) => boolean): [string, Mod][] {
  if (!(m instanceof Instance)) return m.namedChildren();
  const out: [string, Mod][] = [];
  for (const [k, v] of orderedEntries(m.fields)) {
    const c = modOf(v, isModule);
    if (c && !out.some(([, x]) => x === c)) out.push([k, c]);
  }
  return out;
}

function ownParameters(m: Mod): [string, Tensor][] {
  if (!(m instanceof Instance)) return m.namedParameters('', false);
  const out: [string, Tensor][] = [];
  for (const [k, v] of orderedEntries(m.fields)) {
    const t = tensorOf(reveal(v));
    if (t && isParameter(t)) out.push([k, t]);
  }
  return out;
}

/** torch's named_parameters order from `root`: own parameters, then submodules', pre-order, each once. */
function namedParameters(root: Mod, isModule: (v: Value) => boolean): [string, Tensor][] {
  const out: [string, Tensor][] = [];
  const seen = new Set<Mod>();
  const visit = (m: Mod, path: string): void => {
    if (seen.has(m)) return;
    seen.add(m);
    for (const [k, p] of ownParameters(m)) out.push([path + k, p]);
    for (const [k, c] of children(m, isModule)) visit(c, `${path}${k}.`);
  };
  visit(root, '');
  return out;
}

/** Each parameter of the file's modules and its path (the first path that reaches it). */
export function parameterPaths(recorder: BindingRecorder, isModule: (v: Value) => boolean): Map<Tensor, string> {
  const mods: { mod: Mod; value: Value }[] = [];
  for (const v of recorder.modules) {
    const mod = modOf(v, isModule);
    if (mod) mods.push({ mod, value: v });
  }
  const contained = new Set<Mod>();
  for (const { mod } of mods) for (const [, c] of children(mod, isModule)) contained.add(c);
  // the outermost modules that hold parameters (a loss module holds none)
  const roots = mods.filter(({ mod }) => !contained.has(mod))
    .map(({ mod, value }) => ({ value, params: namedParameters(mod, isModule) }))
    .filter((r) => r.params.length > 0);
  const out = new Map<Tensor, string>();
  for (const { value, params } of roots) {
    const name = roots.length > 1 ? recorder.moduleNames.get(value) : undefined;
    for (const [path, t] of params) if (!out.has(t)) out.set(t, name ? `${name}.${path}` : path);
  }
  return out;
}
