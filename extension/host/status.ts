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
    if (!state || state.run === 'idle' || state.run === 'quiet') {
      this.item.text = '';
      this.item.hide();
      return;
    }
    this.item.text = statusText(state);
    this.item.tooltip = tooltip(state);
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

/** `∇ loss`: the target whose gradients the annotations show, when there is one. */
function targetPart(s: DocState): string {
  const target = s.trace?.target;
  return target ? ` · ∇ ${target.length > 24 ? `${target.slice(0, 23)}…` : target}` : '';
}

function tooltip(s: DocState): string {
  const t = s.trace;
  const which = !t?.target
    ? vscode.l10n.t('No gradients: the file calls no backward() or autograd.grad, and no target was chosen.')
    : t.targetKind === 'user'
      ? vscode.l10n.t('Gradients of {0}, the target you chose.', t.target)
      : vscode.l10n.t('Gradients of {0}, the implicit target (the last backward() or autograd.grad in the file).', t.target);
  return `${which}\n${vscode.l10n.t('Click to show the log.')}`;
}

function statusText(s: DocState): string {
  switch (s.run) {
    case 'running':
      return `$(pulse) ${vscode.l10n.t('Gradlens: running…')}`;
    case 'ok':
      return `$(check) Gradlens${targetPart(s)} · ${vscode.l10n.t('{0} ms', Math.round(s.ms))}`;
    case 'errors':
      return `$(error) Gradlens${targetPart(s)} · ${s.errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', s.errors)}`;
    case 'timeout':
      return `$(warning) ${vscode.l10n.t('Gradlens: stopped (too slow)')}`;
    case 'crashed':
      return `$(warning) ${vscode.l10n.t('Gradlens: analysis failed')}`;
    case 'idle':
    case 'quiet':
      return '';
  }
}
