/**
 * The TypeScript server plugin the extension contributes (package.json: contributes.typescriptServerPlugins).
 * tsserver loads it from `<extension>/node_modules/gradlens-tsserver-plugin` (the .vsix carries it there:
 * packages/vsix.mjs) and calls create() for every project, with the project as the language service host.
 */
import * as path from 'node:path';
import type * as ts from 'typescript/lib/tsserverlibrary';
import { addFallback } from './fallback';

/** The library's declarations, shipped beside this bundle (dist/index.js → ../gradlens/index.d.ts). */
const DECLARATIONS = path.join(__dirname, '..', 'gradlens', 'index.d.ts');

function init(): ts.server.PluginModule {
  return {
    create(info) {
      const wrapped = addFallback(info.languageServiceHost, DECLARATIONS);
      const how = wrapped.length ? `through ${wrapped.join(', ')}` : 'not possible: the host has no resolution hook';
      info.project.projectService.logger.info(`gradlens-tsserver-plugin: 'gradlens' falls back to ${DECLARATIONS}, ${how}`);
      return info.languageService;
    },
  };
}

export = init;
