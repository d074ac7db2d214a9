/**
 * The backward-pass debugger in VS Code (issue 20): the NaN-origin diagnostics of
 * examples/debugging/nan-sqrt-where.ts in Problems with their related location (the leaf whose .grad the
 * NaN reaches), the hover's "∇ is NaN because", and the retainGraph quick fix applied for real.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzed, open, revertAll, until } from './helpers';

function gradlensDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gradlens' && d.code === code);
}

describe('Gradlens in VS Code: the backward-pass debugger', () => {
  afterEach(revertAll);

  it('nan-sqrt-where.ts: two nan-origin warnings (x.log(), x.sqrt()), each related to x, and the hover of x says why', async () => {
    const editor = await open('examples/debugging/nan-sqrt-where.ts');
    await analyzed(editor);
    const doc = editor.document;
    const nan = gradlensDiagnostics(doc.uri, 'nan-origin');
    assert.deepEqual(nan.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity]),
      [[7, 28, 35, vscode.DiagnosticSeverity.Warning], [5, 10, 18, vscode.DiagnosticSeverity.Warning]]);
    assert.equal(doc.getText(nan[0].range), 'x.log()');
    assert.equal(doc.getText(nan[1].range), 'x.sqrt()');
    assert.match(nan[0].message, /log'\(0\) = inf; upstream gradient 0 → 0 · inf = nan in the gradient of x\[0\]/);
    for (const d of nan) {
      const [rel] = d.relatedInformation ?? [];
      assert.ok(rel, 'a related location');
      assert.equal(rel.location.uri.toString(), doc.uri.toString());
      assert.equal(rel.location.range.start.line, 4);
      assert.equal(rel.message, 'reaches x.grad[0] = nan');
    }
    const pos = new vscode.Position(4, doc.lineAt(4).text.indexOf('x') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(md, /∇ is NaN because: .*\(line 8\)/);
    assert.match(md, /∇ is NaN because: .*\(line 6\)/);
  });

  it('second-backward.ts: backward-twice names the first backward(); its quick fix adds { retainGraph: true } and the error goes', async () => {
    const editor = await open('examples/debugging/second-backward.ts');
    await analyzed(editor);
    const doc = editor.document;
    const [d] = gradlensDiagnostics(doc.uri, 'backward-twice');
    assert.ok(d, 'the backward-twice error');
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 5);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title === 'Pass { retainGraph: true } to the first backward()');
    assert.ok(fix?.edit, `a quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(5).text, 'loss.backward(undefined, { retainGraph: true });');
    await until(editor, (s) => s.traceVersion === doc.version && s.run !== 'running', 'the analysis after the fix');
    await until(editor, () => gradlensDiagnostics(doc.uri, 'backward-twice').length === 0, 'the error gone');
  });
});
