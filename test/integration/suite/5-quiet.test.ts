/**
 * Quiet where it should be: only files that import `gradlens` or carry `// @gradlens` are analysed (a setting
 * widens it); syntax errors are the editor's own; the project's own sources get nothing from Gradlens.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import ts from 'typescript';
import { analyzed, api, EXTENSION_ID, open, until } from './helpers';

const gradlensDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gradlens');

/**
 * The project's own TypeScript sources. Programs written as a user writes them (they import the
 * library as 'gradlens', or carry a `// @gradlens` comment: samples, fixtures, the test workspace)
 * are analysed, as they should be.
 */
function projectSources(root: string): string[] {
  const skip = new Set(['node_modules', 'out', 'dist', '.git', 'examples', 'test-results']);
  const userProgram = (file: string): boolean => {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022);
    const marked = (pos: number) => (ts.getLeadingCommentRanges(text, pos) ?? []).some((c) => /^\/\/[ \t]*@gradlens(?![\w-])/.test(text.slice(c.pos, c.end)));
    return sf.statements.some((st) => (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === 'gradlens') || marked(st.pos));
  };
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!skip.has(e.name)) walk(p);
      } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') && !userProgram(p)) found.push(p);
    }
  };
  walk(root);
  return found;
}

describe('Gradlens in VS Code: quiet where it should be', () => {
  it('a plain node:fs file gets no annotations, no diagnostics and no status', async () => {
    const editor = await open('plain-fs.ts');
    const s = await until(editor, (t) => t.run === 'quiet' && t.traceVersion === editor.document.version, 'the file to be left alone');
    assert.deepEqual(s.annotations, []);
    assert.deepEqual(s.diagnostics, []);
    assert.equal(s.status, '');
  });

  it('a file that holds the import only inside strings is left alone', async () => {
    const editor = await open('mentions-gradlens.ts');
    const s = await until(editor, (t) => t.run === 'quiet' && t.traceVersion === editor.document.version, 'the file to be left alone');
    assert.deepEqual(s.annotations, []);
    assert.deepEqual(s.diagnostics, []);
  });

  it('a `// @gradlens` comment opts a file in', async () => {
    const editor = await open('opt-in-comment.ts');
    const s = await analyzed(editor);
    assert.notEqual(s.run, 'quiet');
    assert.ok(s.diagnostics.some((d) => /node:fs/.test(d.message)), JSON.stringify(s.diagnostics));
  });

  it('gradlens.analyze.files = all widens it to every TypeScript file', async () => {
    const editor = await open('plain-fs.ts');
    await until(editor, (t) => t.run === 'quiet', 'quiet first');
    const cfg = vscode.workspace.getConfiguration('gradlens');
    await cfg.update('analyze.files', 'all', vscode.ConfigurationTarget.Global);
    try {
      await until(editor, (t) => t.run !== 'quiet' && t.run !== 'running' && t.diagnostics.length > 0, 'the file analysed');
    } finally {
      await cfg.update('analyze.files', undefined, vscode.ConfigurationTarget.Global);
    }
    await until(editor, (t) => t.run === 'quiet' && t.diagnostics.length === 0, 'quiet again');
  });

  it('a syntax error is reported by the editor alone, not again by Gradlens', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    try {
      await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'const broken = (\n'));
      const s = await analyzed(editor);
      assert.deepEqual(s.diagnostics.filter((d) => d.code === 'syntax'), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('the project\'s own sources: zero Gradlens diagnostics and zero annotations', async function () {
    this.timeout(180000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const files = projectSources(ext.extensionPath);
    assert.ok(files.length > 100, `only ${files.length} source files under ${ext.extensionPath}`);
    const a = await api();
    // One at a time, each checked while it is open (the editor may close documents no editor shows).
    const noisy: string[] = [];
    for (const f of files) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(f));
      const key = doc.uri.toString();
      const t0 = Date.now();
      while (a.state(key).run !== 'quiet' && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 10));
      const s = a.state(key);
      if (s.run !== 'quiet' || gradlensDiagnostics(doc.uri).length > 0 || s.annotations.length > 0) noisy.push(`${f}: ${s.run}`);
    }
    assert.deepEqual(noisy, []);
    // One of them shown in an editor, as a person would open it.
    const shown = await vscode.window.showTextDocument(vscode.Uri.file(path.join(ext.extensionPath, 'extension', 'host', 'controller.ts')));
    const s = await until(shown, (t) => t.run === 'quiet', 'controller.ts left alone');
    assert.deepEqual(s.annotations, []);
    assert.deepEqual(s.diagnostics, []);
  });
});
