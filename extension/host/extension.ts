/**
 * Entry point. Activation is cheap: the analyzer and the TypeScript compiler load in the worker thread, never
 * in this bundle (dist/extension.js stays small; the activation time goes to the log).
 */
import * as vscode from 'vscode';
import { performance } from 'node:perf_hooks';
import { registerCommands } from './commands';
import { Controller } from './controller';
import { HoverProvider } from './hover';
import { QuickFixes } from './code-actions';
import { SELECTOR } from './ids';
import { GraphPanel } from './panel';
import { testState, type TestState } from './test-state';

/** What activate() returns: read-only views for tests and other extensions. */
export interface GradlensApi {
  activationMs: number;
  state(uri?: string): TestState;
  onDidUpdate: vscode.Event<string>;
}

export function activate(context: vscode.ExtensionContext): GradlensApi {
  const t0 = performance.now();
  const c = new Controller(context);
  const measured = { activationMs: 0 };
  context.subscriptions.push(
    c,
    ...registerCommands(c, () => measured.activationMs),
    vscode.languages.registerHoverProvider([...SELECTOR], new HoverProvider(c)),
    vscode.languages.registerCodeActionsProvider([...SELECTOR], new QuickFixes(), { providedCodeActionKinds: QuickFixes.kinds }),
    vscode.workspace.onDidOpenTextDocument((d) => c.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => c.onEdit(e)),
    vscode.workspace.onDidCloseTextDocument((d) => c.onClose(d)),
    vscode.window.onDidChangeActiveTextEditor((e) => c.onActiveEditor(e)),
    vscode.window.onDidChangeVisibleTextEditors(() => c.renderAll()),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => c.onScroll(e)),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) c.panel.highlightLines(e.selections.map((s) => s.active.line + 1));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => c.onConfig(e)),
    // Brings the graph panel back after a window reload, showing the document it showed.
    vscode.window.registerWebviewPanelSerializer(GraphPanel.viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => c.restorePanel(panel, state),
    }),
  );
  // The document that activated the extension opened before these listeners existed.
  for (const doc of vscode.workspace.textDocuments) c.schedule(doc, 0);
  measured.activationMs = performance.now() - t0;
  c.log.info(`activated in ${measured.activationMs.toFixed(1)} ms (VS Code ${vscode.version}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI)`);
  return {
    get activationMs() {
      return measured.activationMs;
    },
    state: (uri) => testState(c, uri, measured.activationMs),
    onDidUpdate: c.onDidUpdate,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
