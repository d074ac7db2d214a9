/** The graph panel opens from the command and from a hover link. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzed, api, open, until } from './helpers';

describe('Gradlens in VS Code: graph panel', () => {
  it('Open Graph Panel opens the panel for the active file', async () => {
    const editor = await open('seed.ts');
    await analyzed(editor);
    await vscode.commands.executeCommand('gradlens.openGraphPanel');
    await until(editor, (s) => s.panelOpen, 'the panel');
    assert.ok((await api()).state(editor.document.uri.toString()).panelOpen);
  });
});
