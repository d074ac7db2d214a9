/** Activation, the seed's annotations, hovers and diagnostics, read through the real VS Code API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzed, api, EXTENSION_ID, open, textOn, watchStalls } from './helpers';

describe('Gradlens in VS Code: annotations, hover, diagnostics', () => {
  it('activates on a TypeScript file, quickly, and declares untrusted-workspace support', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.deepEqual(ext.packageJSON.capabilities.untrustedWorkspaces, { supported: true });
    assert.ok(!ext.packageJSON.activationEvents.includes('*'));
    await open('seed-tutorial.ts');
    const a = await api();
    assert.ok(ext.isActive);
    console.log(`activation took ${a.activationMs.toFixed(1)} ms (VS Code ${vscode.version})`);
    assert.ok(a.activationMs > 0 && a.activationMs < 1000, `activation took ${a.activationMs} ms`);
  });

  it('shows value and gradient after each binding of the seed (z2 = (2x+2)/5 at x = 1)', async () => {
    const s = await analyzed(await open('seed-tutorial.ts'));
    // d z2/dx = 2/5; z0 and z1 receive 1/5 from the division; z2 is the target.
    assert.equal(textOn(s, 2), '1.0000  ∇ 0.4000');
    assert.equal(textOn(s, 3), '2.0000  ∇ 0.2000');
    assert.equal(textOn(s, 4), '4.0000  ∇ 0.2000');
    assert.equal(textOn(s, 5), '0.8000  ∇ 1.0000');
    assert.equal(s.diagnostics.length, 0, JSON.stringify(s.diagnostics));
    assert.match(s.status, /^\$\(check\) Gradlens · ∇ z2 · \d+ ms$/);
  });

  it('hover on z2 (at its binding and at a use) shows PyTorch text, grad_fn chain and the command links', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    const doc = editor.document;
    const at = (line: number, word: string) => new vscode.Position(line, doc.lineAt(line).text.indexOf(word) + 1);
    for (const pos of [at(5, 'z2'), at(6, 'z2')]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /tensor\(0\.8000, grad_fn=<DivBackward0>\)/);
      assert.match(text, /DivBackward0[\s\S]*AddBackward0[\s\S]*MulBackward0[\s\S]*AccumulateGrad/);
      assert.match(text, /\[Show in graph\]\(command:gradlens\.showInGraph\?/);
      assert.match(text, /\[Make this the target\]\(command:gradlens\.differentiateWith\?/);
      assert.match(text, /∇ of `z2` \(implicit target\)/);
    }
  });

  it('reports a shape error as a diagnostic with its exact range, and annotates the rest of the file', async () => {
    const editor = await open('shape-error.ts');
    const s = await analyzed(editor);
    const shape = s.diagnostics.find((d) => d.code === 'shape');
    assert.ok(shape, JSON.stringify(s.diagnostics));
    assert.equal(shape.severity, 'Error');
    assert.equal(shape.line, 4);
    const lineText = editor.document.lineAt(4).text;
    assert.ok(shape.column >= lineText.indexOf('a.matmul') && shape.endColumn <= lineText.length, JSON.stringify(shape));
    assert.match(shape.message, /2.*3|3.*2/);
    assert.equal(textOn(s, 5)?.split('  ')[0], '21.0000');
    assert.match(s.status, /Gradlens · 1 error/);
    // The error's message after its line, in the error colours, instead of `?`.
    const shown = s.annotations.find((a) => a.line === 4);
    assert.equal(shown?.kind, 'error');
    assert.equal(shown?.text, shape.message.split('\n')[0]);
  });

  it('annotates a .tsx file (typescriptreact): JSX parses, the tensor code around it is exact', async () => {
    const editor = await open('loss-view.tsx');
    assert.equal(editor.document.languageId, 'typescriptreact');
    const s = await analyzed(editor);
    // z = 3 (x² + 1) at x = 2: z = 15, dz/dx = 6x = 12
    assert.equal(textOn(s, 2), '2.0000  ∇ 12.0000');
    assert.equal(textOn(s, 5), '15.0000  ∇ 1.0000');
    assert.deepEqual(s.diagnostics.filter((d) => d.severity === 'Error'), []);
  });

  it('shows a loop binding with its last value and a sparkline of its history', async () => {
    const s = await analyzed(await open('loop.ts'));
    // h halves four times from 2: 1, 0.5, 0.25, 0.125 (falling sparkline).
    assert.match(textOn(s, 4) ?? '', /^0\.1250 █[▁-█]{2}▁ ×4/);
  });

  it('an endless loop ends with a budget diagnostic and the lines before it stay annotated', async () => {
    const stalls = watchStalls();
    const s = await analyzed(await open('forever.ts'), 30000);
    const worst = stalls();
    console.log(`longest extension-host stall while an endless loop was analyzed: ${worst.toFixed(1)} ms`);
    assert.ok(worst < 1000, `the extension host stalled for ${worst.toFixed(0)} ms`);
    assert.ok(s.diagnostics.some((d) => d.code === 'budget'), JSON.stringify(s.diagnostics));
    assert.equal(textOn(s, 2), '3.0000');
  });
});

describe('Gradlens in VS Code: the repo\'s examples', () => {
  it('examples/seed.ts: x 1.0000 ∇ 0.4000 … z2 0.8000 ∇ 1.0000', async () => {
    const editor = await open('examples/seed.ts');
    const s = await analyzed(editor);
    const lineOf = (needle: string) => editor.document.getText().split('\n').findIndex((l) => l.startsWith(needle));
    assert.equal(textOn(s, lineOf('const x ')), '1.0000  ∇ 0.4000');
    assert.equal(textOn(s, lineOf('const z2 ')), '0.8000  ∇ 1.0000');
  });

  it('every example is analyzed within its budgets and annotated', async () => {
    const files = await vscode.workspace.findFiles('examples/*.ts');
    assert.ok(files.length >= 3, `only ${files.length} examples`);
    for (const uri of files) {
      const editor = await vscode.window.showTextDocument(uri);
      const s = await analyzed(editor, 30000);
      assert.ok(s.run === 'ok' || s.run === 'errors', `${uri.path}: ${s.run}`);
      assert.ok(s.annotations.length > 0, `${uri.path} has no annotations`);
    }
  });
});
