/** The graph panel: opened from the palette command and from a hover link, following the active editor. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzed, open, until } from './helpers';

describe('Gradlens in VS Code: graph panel', () => {
  it('Open Graph Panel draws the seed graph: x, AccumulateGrad, Mul, Add, DivBackward0', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    await vscode.commands.executeCommand('gradlens.openGraphPanel');
    await until(editor, (s) => s.panelOpen && s.panelNodes === 5, 'the panel to draw 5 nodes');
  });

  it('the panel follows the active editor (loop.ts: a leaf, AccumulateGrad, four MulBackward0)', async () => {
    const editor = await open('loop.ts');
    await analyzed(editor);
    await until(editor, (s) => s.panelNodes === 6, 'the panel to draw loop.ts');
  });

  it('the hover link "Show in graph" opens the panel after it was closed', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    await until(editor, (s) => !s.panelOpen, 'the panel to close');
    const ref = { uri: editor.document.uri.toString(), name: 'z2', line: 6, bindingId: '' };
    await vscode.commands.executeCommand('gradlens.showInGraph', ref);
    const s = await until(editor, (t) => t.panelOpen && t.panelNodes === 5, 'the panel from the hover link');
    assert.ok(s.panelOpen);
  });
});
