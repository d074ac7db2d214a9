/** Shared steps of the in-host suite: the extension's API, opening files, waiting for analysis results. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GradlensApi } from '../../../extension/host/extension';
import type { TestState } from '../../../extension/host/test-state';

export const EXTENSION_ID = 'gradlens.gradlens';

export async function api(): Promise<GradlensApi> {
  const ext = vscode.extensions.getExtension<GradlensApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the extension's state of `editor`'s document until `ok` holds (or fails with the last state). */
export async function until(editor: vscode.TextEditor, ok: (s: TestState) => boolean, what: string, timeoutMs = 20000): Promise<TestState> {
  const a = await api();
  const uri = editor.document.uri.toString();
  const t0 = Date.now();
  let s = a.state(uri);
  while (!ok(s)) {
    if (Date.now() - t0 > timeoutMs) assert.fail(`timed out waiting for ${what}; state: ${JSON.stringify(s, null, 1).slice(0, 3000)}`);
    await sleep(25);
    s = a.state(uri);
  }
  return s;
}

/** Waits until the document's current version has been analyzed and drawn. */
export function analyzed(editor: vscode.TextEditor, timeoutMs?: number): Promise<TestState> {
  return until(editor, (s) => s.traceVersion === editor.document.version && s.run !== 'running', 'the analysis', timeoutMs);
}

export function textOn(s: TestState, line: number): string | undefined {
  return s.annotations.find((a) => a.line === line)?.text;
}

/** Replaces the first occurrence of `from` in the document with `to`. */
export async function replace(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const text = editor.document.getText();
  const i = text.indexOf(from);
  assert.ok(i >= 0, `${from} not in ${editor.document.fileName}`);
  const range = new vscode.Range(editor.document.positionAt(i), editor.document.positionAt(i + from.length));
  assert.ok(await editor.edit((e) => e.replace(range, to)));
}

/** The text a workspace file had when the suite started: the repo's fixture or example it was copied from. */
function originalText(doc: vscode.TextDocument): string | undefined {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!ext || !folder || doc.uri.scheme !== folder.uri.scheme) return undefined;
  const rel = path.relative(folder.uri.fsPath, doc.uri.fsPath);
  if (rel.startsWith('..')) return undefined;
  const from = rel.startsWith('examples') ? path.join(ext.extensionPath, rel) : path.join(ext.extensionPath, 'test', 'integration', 'workspace', rel);
  return fs.existsSync(from) ? fs.readFileSync(from, 'utf8') : undefined;
}

/**
 * Puts the document back to its text on disk (the suite never saves). Should its text still differ from the
 * fixture it was copied from (something saved it), it writes the fixture's text back, and says so.
 */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  const doc = editor.document;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  const original = originalText(doc);
  if (original === undefined || doc.getText() === original) return;
  console.log(`revert: ${path.basename(doc.fileName)} v${doc.version} differed from its fixture after a revert (dirty: ${doc.isDirty}); restoring it`);
  const e = await vscode.window.showTextDocument(doc);
  await e.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
  await doc.save();
}

/** Reverts every open workspace document that differs from its fixture (dirty or not). */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    const original = originalText(doc);
    if (original !== undefined && (doc.isDirty || doc.getText() !== original)) await revert(await vscode.window.showTextDocument(doc, { preview: false }));
  }
}

/**
 * Watches the extension host's event loop: returns a function that stops watching and gives the longest stall
 * (the time a 5 ms timer fired late). A stall is what a user feels as a frozen editor.
 */
export function watchStalls(): () => number {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return worst;
  };
}
