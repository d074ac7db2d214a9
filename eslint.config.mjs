// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', '**/dist/**', 'node_modules/**', 'bench/node_modules/**', 'test/fixtures/**', '.cache/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only extension/host/ may talk to VS Code (STYLE habit 4).
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only extension/host/ may import vscode.' }] }],
    },
  },
  {
    files: ['extension/host/**/*.ts', 'test/integration/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/extension/**', '**/webview/**', 'vscode'], message: 'The engine imports nothing from extension/ or webview/.' }] }],
    },
  },
);
