/**
 * Honest gradients, errors inline and a steady loop (issue 19): no gradient before the file differentiates
 * anything, the target named, a parameter's final value, typed errors after their line, parse errors that
 * leave the annotations alone, Enter that moves nothing, console.log output after its line.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzed, api, open, replace, revertAll, textOn, until } from './helpers';

async function hoverText(doc: vscode.TextDocument, line: number, word: string): Promise<string> {
  const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf(word) + 1);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

const lineOf = (editor: vscode.TextEditor, needle: string) => editor.document.getText().split('\n').findIndex((l) => l.includes(needle));

describe('Gradlens in VS Code: honest gradients, errors inline, a steady loop', () => {
  afterEach(revertAll);

  it('before any backward() no ∇ is shown; typing backward() brings it, and the status bar names the target', async () => {
    const editor = await open('no-backward.ts');
    const s = await analyzed(editor);
    assert.equal(textOn(s, 2), '1.0000');
    assert.equal(textOn(s, 4), '0.4000');
    assert.doesNotMatch(s.status, /∇/);
    assert.match(await hoverText(editor.document, 2, 'x'), /no gradient: the file calls no backward\(\) or autograd\.grad yet/);
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), 'z2.backward();\n'));
    const t = await until(editor, (x) => textOn(x, 2) === '1.0000  ∇ 0.4000', 'the gradient after backward()');
    assert.match(t.status, /^\$\(check\) Gradlens · ∇ z2 · \d+ ms$/);
    assert.match(await hoverText(editor.document, 2, 'x'), /∇ of `z2` \(implicit target\)/);
  });

  it('a parameter updated in a loop shows its final value at its declaration, marked; the hover shows both', async () => {
    const editor = await open('examples/training-loop.ts');
    const s = await analyzed(editor, 30000);
    const w = lineOf(editor, 'const w = ');
    assert.match(textOn(s, w) ?? '', /^final \[1×1\] \[\[2\.9957\]\] {2}∇ /);
    assert.match(await hoverText(editor.document, w, 'w'), /initial `\[\[0\]\]` → final `\[\[2\.9957\]\]`/);
  });

  it('a half-typed call shows a typed error after its line; its hover states no facts about the failed value', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    await replace(editor, 'z1.div(5)', 'z1.div()');
    const s = await until(editor, (t) => t.annotations.some((a) => a.line === 5 && a.kind === 'error'), 'the error after line 6');
    assert.equal(textOn(s, 5), 'div: expected a tensor or number, got nothing');
    const hover = await hoverText(editor.document, 5, 'z2');
    assert.match(hover, /div: expected a tensor or number, got nothing/);
    for (const claim of ['requiresGrad', 'leaf', 'Cannot read']) assert.ok(!hover.includes(claim), `${claim} in ${hover}`);
    // gradlens.annotations.errors = false: the line shows `?` as before, the error stays in Problems.
    const cfg = vscode.workspace.getConfiguration('gradlens');
    await cfg.update('annotations.errors', false, vscode.ConfigurationTarget.Global);
    try {
      await until(editor, (t) => textOn(t, 5) === '?', 'the `?` back');
    } finally {
      await cfg.update('annotations.errors', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a parse error while typing keeps the annotations unchanged, and marks them stale only after about a second', async () => {
    const editor = await open('seed-tutorial.ts');
    const before = (await analyzed(editor)).annotations;
    const broke = Date.now();
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), 'const w = z2.\n'));
    const s = await analyzed(editor);
    assert.ok(Date.now() - broke < 900, 'the analysis took too long to tell');
    assert.equal(s.stale, false);
    assert.deepEqual(s.annotations.filter((a) => a.kind === 'values'), before.filter((a) => a.kind === 'values'));
    await until(editor, (t) => t.stale, 'stale after a while');
    assert.ok(Date.now() - broke >= 950, `stale after ${Date.now() - broke} ms`);
  });

  it('Enter at the end of a line moves no annotation: the lines below follow at once', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    const a = await api();
    const end = editor.document.lineAt(3).range.end;
    await editor.edit((e) => e.insert(end, '\n'));
    // Read at once, before the debounce ends and a new result arrives.
    const s = a.state(editor.document.uri.toString());
    assert.notEqual(s.traceVersion, editor.document.version);
    assert.equal(textOn(s, 3), '2.0000  ∇ 0.2000');
    assert.equal(textOn(s, 4), undefined);
    assert.equal(textOn(s, 5), '4.0000  ∇ 0.2000');
    assert.equal(textOn(s, 6), '0.8000  ∇ 1.0000');
  });

  it('console.log output is shown after its line: the last value, and a count in a loop', async () => {
    const seed = await analyzed(await open('seed-tutorial.ts'));
    assert.deepEqual(seed.annotations.find((x) => x.line === 7), { line: 7, text: '» tensor(0.4000)', stale: false, kind: 'log' });
    const editor = await open('examples/training-loop.ts');
    const s = await analyzed(editor, 30000);
    assert.match(textOn(s, lineOf(editor, 'console.log(`step')) ?? '', /^» step 40: loss 0\.0000\d+ {2}×4$/);
  });
});
