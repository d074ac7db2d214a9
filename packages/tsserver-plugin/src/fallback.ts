/**
 * The one thing the plugin does: when the host's own module resolution finds nothing for the bare
 * specifier `gradlens`, resolve it to the declarations the extension ships. Only then — a workspace that
 * installs its own `gradlens` package keeps that one, and an older or newer copy there is never shadowed.
 * (An ambient `declare module 'gradlens'` would do the opposite: it wins over whatever is installed.)
 */
import type * as ts from 'typescript/lib/tsserverlibrary';

export const MODULE_NAME = 'gradlens';

/** The two resolution hooks a language service host may have (TypeScript 5.0+ uses the first). */
export type ResolvingHost = Pick<ts.LanguageServiceHost, 'resolveModuleNameLiterals' | 'resolveModuleNames'>;

/** Which hooks were wrapped: none means the host resolves internally and the fallback cannot apply. */
export type Wrapped = ('resolveModuleNameLiterals' | 'resolveModuleNames')[];

/** A resolution to the shipped declarations, marked external so the project reports no errors inside them. */
export function shippedResolution(declarations: string): ts.ResolvedModuleFull {
  return { resolvedFileName: declarations, extension: '.d.ts', isExternalLibraryImport: true };
}

/** Wraps the host's resolution hooks in place (tsserver's project reads them when it builds a program). */
export function addFallback(host: ResolvingHost, declarations: string): Wrapped {
  const wrapped: Wrapped = [];
  const literals = host.resolveModuleNameLiterals;
  if (literals) {
    host.resolveModuleNameLiterals = (names, ...rest) => {
      const results = literals.call(host, names, ...rest);
      if (!names.some((n) => n.text === MODULE_NAME)) return results;
      // Keep the rest of the result (failed lookup locations): tsserver watches them, so a `gradlens`
      // installed into the workspace later replaces the fallback.
      return results.map((r, i) => (r.resolvedModule || names[i].text !== MODULE_NAME ? r : { ...r, resolvedModule: shippedResolution(declarations) }));
    };
    wrapped.push('resolveModuleNameLiterals');
  }
  const plain = host.resolveModuleNames;
  if (plain) {
    host.resolveModuleNames = (names, ...rest) => plain.call(host, names, ...rest)
      .map((r, i) => r ?? (names[i] === MODULE_NAME ? shippedResolution(declarations) : undefined));
    wrapped.push('resolveModuleNames');
  }
  return wrapped;
}
