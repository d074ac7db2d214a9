/** Live behaviour: edits, half-typed code, commands, settings, and the edit-to-annotation latency. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzed, api, open, replace, revertAll, textOn, until, watchStalls } from './helpers';

describe('Gradlens in VS Code: live edits, commands and settings', () => {
  afterEach(revertAll);

  it('an edit re-annotates: x.mul(3) makes z2 = 1 and dz2/dx = 0.6', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    await replace(editor, 'x.mul(2)', 'x.mul(3)');
    const s = await until(editor, (t) => textOn(t, 5) === '1.0000  ∇ 1.0000', 'z2 = 1.0000');
    assert.equal(textOn(s, 2), '1.0000  ∇ 0.6000');
  });

  it('while the file does not parse, the last good annotations stay, marked stale, and follow inserted lines', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'const broken = (\n'));
    const s = await until(editor, (t) => t.traceVersion === editor.document.version && t.stale, 'stale annotations');
    // Everything moved down one line with the insertion.
    assert.equal(textOn(s, 6), '0.8000  ∇ 1.0000');
    assert.ok(s.annotations.every((a) => a.stale));
  });

  it('toggle annotations hides and shows them', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    await vscode.commands.executeCommand('gradlens.toggleAnnotations');
    await until(editor, (t) => t.annotations.length === 0, 'no annotations');
    await vscode.commands.executeCommand('gradlens.toggleAnnotations');
    await until(editor, (t) => textOn(t, 5) === '0.8000  ∇ 1.0000', 'annotations back');
  });

  it('differentiate with respect to z1 changes the gradients; clearing the target restores them', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    // Arguments come from command URIs: malformed ones, or ones naming a file Gradlens never analyzed, do nothing.
    await vscode.commands.executeCommand('gradlens.differentiateWith', { uri: 42 });
    await vscode.commands.executeCommand('gradlens.differentiateWith', { uri: 'file:///elsewhere.ts', name: 'z1', line: 5, bindingId: '' });
    assert.equal((await api()).state(editor.document.uri.toString()).target, undefined);
    const ref = { uri: editor.document.uri.toString(), name: 'z1', line: 5, bindingId: '' };
    await vscode.commands.executeCommand('gradlens.differentiateWith', ref);
    // z1 = 2x + 2: dz1/dx = 2, dz1/dz0 = 1; z2 comes after z1 and has no path to it.
    const s = await until(editor, (t) => t.target?.name === 'z1' && textOn(t, 2) === '1.0000  ∇ 2.0000', 'target z1');
    assert.equal(textOn(s, 3), '2.0000  ∇ 1.0000');
    assert.equal(textOn(s, 5), '0.8000');
    await vscode.commands.executeCommand('gradlens.clearTarget');
    await until(editor, (t) => t.target === undefined && textOn(t, 2) === '1.0000  ∇ 0.4000', 'target cleared');
  });

  it('respects gradlens.precision', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    const cfg = vscode.workspace.getConfiguration('gradlens');
    await cfg.update('precision', 2, vscode.ConfigurationTarget.Global);
    try {
      await until(editor, (t) => textOn(t, 5) === '0.80  ∇ 1.00', 'precision 2');
    } finally {
      await cfg.update('precision', undefined, vscode.ConfigurationTarget.Global);
    }
    await until(editor, (t) => textOn(t, 5) === '0.8000  ∇ 1.0000', 'precision back to 4');
  });

  it('respects gradlens.annotations.maxLength (cut with …)', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    const cfg = vscode.workspace.getConfiguration('gradlens');
    await cfg.update('annotations.maxLength', 12, vscode.ConfigurationTarget.Global);
    try {
      // '0.8000  ∇ 1.0000' is 16 characters: the gradient is cut to fit 12.
      await until(editor, (t) => textOn(t, 5) === '0.8000  ∇ 1…', 'maxLength 12');
    } finally {
      await cfg.update('annotations.maxLength', undefined, vscode.ConfigurationTarget.Global);
    }
    await until(editor, (t) => textOn(t, 5) === '0.8000  ∇ 1.0000', 'maxLength back to 80');
  });

  it('re-run and the status bar item report the analysis', async () => {
    const editor = await open('seed-tutorial.ts');
    await analyzed(editor);
    await vscode.commands.executeCommand('gradlens.rerun');
    const s = await analyzed(editor);
    assert.match(s.status, /Gradlens · ∇ z2 · \d+ ms/);
  });

  it('in a long file only lines near the viewport are decorated; scrolling draws the rest', async () => {
    const editor = await open('long.ts');
    await analyzed(editor);
    const last = editor.document.lineCount - 2; // `const last = ….div(…);` (the file ends with a newline)
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await until(editor, (t) => textOn(t, 2) !== undefined && textOn(t, last) === undefined, 'only the top drawn');
    editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.InCenter);
    const s = await until(editor, (t) => textOn(t, last) !== undefined, 'the last line drawn after scrolling');
    assert.match(textOn(s, last) ?? '', /^\d+\.\d{4}/);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await until(editor, (t) => textOn(t, 2) !== undefined, 'the top drawn again');
  });

  it('typing in a 300-line file: every edit is annotated, a burst keeps only the newest (latency measured)', async () => {
    const editor = await open('long.ts');
    assert.ok(editor.document.lineCount >= 300, `long.ts has ${editor.document.lineCount} lines`);
    await analyzed(editor);
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('gradlens');
    const stalls = watchStalls();
    let value = 1;
    /** Retypes the first constant (every later binding depends on it); waits for the annotation when asked. */
    const typeOnce = async (wait: boolean) => {
      await replace(editor, `tensor(${value}.5`, `tensor(${value + 1}.5`);
      value++;
      if (wait) await until(editor, (t) => textOn(t, 2)?.split('  ')[0] === `${value}.5000` && t.traceVersion === editor.document.version, `${value}.5`);
    };
    const series = async (label: string, edits: number) => {
      const before = a.state().latenciesMs.length;
      for (let i = 0; i < edits; i++) await typeOnce(true);
      const lat = a.state().latenciesMs.slice(before).sort((x, y) => x - y);
      const q = (f: number) => lat[Math.min(lat.length - 1, Math.floor(f * lat.length))].toFixed(1);
      console.log(`LATENCY ${label}: long.ts ${editor.document.lineCount} lines, ${lat.length} edits: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
      assert.equal(lat.length, edits);
    };
    await series(`debounce ${cfg.get('debounceMs')} ms (default)`, 20);
    await cfg.update('debounceMs', 0, vscode.ConfigurationTarget.Global);
    try {
      await series('debounce 0 ms', 20);
    } finally {
      await cfg.update('debounceMs', undefined, vscode.ConfigurationTarget.Global);
    }
    // A burst of ten edits without waiting: the debounce and the worker's sequence numbers keep only the newest.
    for (let i = 0; i < 10; i++) await typeOnce(false);
    const s = await until(editor, (t) => t.traceVersion === editor.document.version, 'the burst');
    assert.equal(textOn(s, 2)?.split('  ')[0], `${value}.5000`);
    // The analysis runs in the worker: the extension host only formats and posts decorations.
    const worst = stalls();
    console.log(`LATENCY longest extension-host stall while typing: ${worst.toFixed(1)} ms`);
    assert.ok(worst < 1000, `the extension host stalled for ${worst.toFixed(0)} ms`);
  });
});
