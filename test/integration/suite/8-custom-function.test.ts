/**
 * Custom autograd.Functions in VS Code (issue 21): a backward that disagrees with finite differences
 * is a `gradcheck-mismatch` warning at its `return`, with the numbers and the forward as a related
 * location (examples/debugging/wrong-backward.ts); a right one carries the passing verdict at its class
 * name, which the editor's hover shows (examples/custom-function.ts).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzed, open } from './helpers';

function gradlensDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gradlens' && d.code === code);
}

describe('Gradlens in VS Code: custom autograd.Functions checked against finite differences', () => {
  it('wrong-backward.ts: the mismatch at the return of backward, with the numbers, related to forward', async () => {
    const editor = await open('examples/debugging/wrong-backward.ts');
    await analyzed(editor);
    const doc = editor.document;
    const [d, ...more] = gradlensDiagnostics(doc.uri, 'gradcheck-mismatch');
    assert.ok(d, 'the gradcheck-mismatch warning');
    assert.equal(more.length, 0);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(doc.lineAt(d.range.start.line).text, /return gradOutput/);
    assert.match(d.message, /LegendrePolynomial3\.backward disagrees with finite differences: input 0, element \[\d+\]: backward gives -?[\d.]+, finite differences -?[\d.]+/);
    const rel = d.relatedInformation?.[0];
    assert.ok(rel, 'a related location');
    assert.match(doc.lineAt(rel.location.range.start.line).text, /static override forward/);
  });

  it('custom-function.ts: no mismatch; the passing verdict is an info on the class name, where the hover shows it', async () => {
    const editor = await open('examples/custom-function.ts');
    await analyzed(editor);
    const doc = editor.document;
    assert.equal(gradlensDiagnostics(doc.uri, 'gradcheck-mismatch').length, 0);
    const line = doc.getText().split('\n').findIndex((l) => /class LegendrePolynomial3\b/.test(l));
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('LegendrePolynomial3') + 2);
    const [ok] = gradlensDiagnostics(doc.uri, 'gradcheck');
    assert.ok(ok, 'the passing verdict');
    assert.equal(ok.severity, vscode.DiagnosticSeverity.Information);
    assert.ok(ok.range.contains(pos), 'at the class name');
    // VS Code shows a diagnostic's message in the hover over its range (its marker hover)
    assert.match(ok.message, /✓ LegendrePolynomial3\.backward agrees with finite differences/);
  });
});
