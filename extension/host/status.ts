/** The status bar item: running / ok with the time taken / n errors; a click shows the output channel. */
import * as vscode from 'vscode';
import type { DocState } from './doc-state';
import { Command } from './ids';

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gradlens.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Gradlens';
    this.item.command = Command.showOutput;
  }

  /** Shows the state of the active document, or hides the item when there is none to show. */
  show(state: DocState | undefined): void {
    if (!state || state.run === 'idle') {
      this.item.hide();
      return;
    }
    this.item.text = statusText(state);
    this.item.tooltip = vscode.l10n.t('Gradlens: click to show the log');
    this.item.backgroundColor = state.run === 'timeout' || state.run === 'crashed'
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function statusText(s: DocState): string {
  switch (s.run) {
    case 'running':
      return `$(pulse) ${vscode.l10n.t('Gradlens: running…')}`;
    case 'ok':
      return `$(check) ${vscode.l10n.t('Gradlens {0} ms', Math.round(s.ms))}`;
    case 'errors':
      return `$(error) ${s.errors === 1 ? vscode.l10n.t('Gradlens: 1 error') : vscode.l10n.t('Gradlens: {0} errors', s.errors)}`;
    case 'timeout':
      return `$(warning) ${vscode.l10n.t('Gradlens: stopped (too slow)')}`;
    case 'crashed':
      return `$(warning) ${vscode.l10n.t('Gradlens: analysis failed')}`;
    case 'idle':
      return '';
  }
}
