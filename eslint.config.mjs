// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * `_`-prefixed members are private to the module that declares them: `obj._name` on anything but
 * `this` is an error, except the engine-internal methods and accessors below, which engine modules
 * share on purpose (the `_` keeps them from user code: the analyzer never reads a `_` member, see
 * extension/analysis/members.ts). A tensor's fields (`_d`, `_s`, `_x`, `_fn`, `_slot`)
 * are reached only through these, from engine/tensor-state.ts, which holds their invariants.
 */
const INTERNAL_API = new Set([
  // engine/tensor-state.ts
  '_isSingle', '_first', '_storage', '_deferred', '_defer', '_settle', '_torchStrides', '_setTorchStrides', '_viewBase', '_setViewBase',
  '_sharedStorage', '_setStorage', '_place', '_setPlace', '_markView', '_isDiffView',
  '_version', '_bumpVersion', '_g', '_accumulator', '_setAccumulator', '_node', '_compactTape', '_compactSlot', '_setCompact',
  // engine/tensor.ts
  '_accumulateGrad',
]);

/** @type {import('eslint').Rule.RuleModule} */
export const privateMembers = {
  meta: { type: 'problem', docs: { description: 'no access to another module\'s private (`_`) members outside the engine-internal API' }, schema: [] },
  create(context) {
    /** `_` members this file declares (class fields, methods, accessors): it may use them on any object. */
    const declared = new Set();
    const uses = [];
    const declare = (node) => {
      if (!node.computed && node.key.type === 'Identifier') declared.add(node.key.name);
    };
    return {
      PropertyDefinition: declare,
      MethodDefinition: declare,
      MemberExpression(node) {
        if (node.computed || node.property.type !== 'Identifier' || node.object.type === 'ThisExpression') return;
        const name = node.property.name;
        if (name.startsWith('_') && !name.startsWith('__') && !INTERNAL_API.has(name)) uses.push(node.property);
      },
      'Program:exit'() {
        for (const p of uses) {
          if (declared.has(p.name)) continue;
          context.report({ node: p, message: `'${p.name}' is private to the module that declares it: use that module's methods (the engine-internal API is listed in eslint.config.mjs)` });
        }
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'out/**', '**/dist/**', 'node_modules/**', 'bench/node_modules/**', 'test/fixtures/**', 'test/analysis/debugging/scenarios/**', '.cache/**', '**/*.js', '**/*.mjs',
      // the bench and the VS Code integration runner are plain JavaScript, type-checked by tsconfig.scripts.json
      '!bench/*.mjs', '!bench/lib/*.mjs', '!bench/engines/*.mjs', '!test/integration/*.js', '!test/integration/lib/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { gradlens: { rules: { 'private-members': privateMembers } } },
    rules: {
      'gradlens/private-members': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only extension/host/ may talk to VS Code (docs/architecture.md).
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only extension/host/ may import vscode.' }] }],
    },
  },
  {
    // Names are checked by tsc (tsconfig.scripts.json), which knows Node's and the browser's globals.
    files: ['bench/**/*.mjs', 'test/integration/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['test/integration/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['extension/host/**/*.ts', 'test/integration/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The panel bundles it for the browser, the host and the CLI for Node: pure text from plain data.
    files: ['extension/presentation/**/*.ts', 'extension/settings.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'node:*', 'fs', 'path', 'util', 'os', 'child_process', 'worker_threads', 'typescript', '**/engine/**'], message: 'extension/presentation/ makes text from trace data: no vscode, Node, TypeScript or engine imports.' }] }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/extension/**', '**/webview/**', 'vscode'], message: 'The engine imports nothing from extension/ or webview/.' }] }],
    },
  },
);
