/**
 * The extension's state and its live loop: a document opens or changes → debounce → the worker analyzes its
 * text → decorations, diagnostics, status and panel follow. All state lives in this class.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TargetSpec } from '../analysis/trace';
import { AnalysisWorker, type Outcome } from './analysis-worker';
import { readConfig, type Config } from './config';
import { Decorations, outside, windowAround, type LineWindow, type ShownAnnotation } from './decorations';
import { failureDiagnostic, toDiagnostic } from './diagnostics';
import { DocState, mayOptIn } from './doc-state';
import { DIAGNOSTIC_SOURCE, LANGUAGES } from './ids';
import { toLineEdit } from './edits';
import { PanelBridge } from './panel-bridge';
import { restoreState } from '../../webview/app/state';
import { Status } from './status';
import { ANALYSIS_MEMORY_MB, editorWorkerOptions, runOptions } from './run-options';
import { Latencies } from './latency';

/**
 * A file that stopped parsing keeps its last annotations unchanged for this long before they are marked
 * stale: typing `z1.` and then `div(` passes through text that does not parse, and should not flash.
 */
export const STALE_AFTER_MS = 1000;

export class Controller implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('Gradlens', { log: true });
  readonly status = new Status();
  readonly panel: PanelBridge;
  private readonly worker: AnalysisWorker;
  private readonly decorations = new Decorations();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly states = new Map<string, DocState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per document: the timer that marks kept annotations stale (STALE_AFTER_MS). */
  private readonly staleTimers = new Map<string, NodeJS.Timeout>();
  readonly latency = new Latencies();
  readonly shown = new Map<string, ShownAnnotation[]>();
  /** The lines each editor has decorations for (see decorations.ts: only near the viewport). */
  private readonly drawn = new WeakMap<vscode.TextEditor, LineWindow>();
  private readonly updated = new vscode.EventEmitter<string>();
  /** Fires with a document's URI after its annotations were redrawn from a new result. */
  readonly onDidUpdate = this.updated.event;
  config: Config = readConfig();

  constructor(context: vscode.ExtensionContext) {
    const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
    this.worker = new AnalysisWorker(workerPath, editorWorkerOptions((m) => this.log.info(m)));
    this.panel = new PanelBridge(context);
  }

  state(uri: vscode.Uri): DocState | undefined {
    return this.states.get(uri.toString());
  }

  isAnalyzed(doc: vscode.TextDocument): boolean {
    return this.config.enable && LANGUAGES.includes(doc.languageId) && doc.uri.scheme !== 'output';
  }

  /** Analyzes `doc` after the debounce (0: at once). */
  schedule(doc: vscode.TextDocument, delayMs = this.config.debounceMs): void {
    if (!this.isAnalyzed(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.analyze(doc);
    }, delayMs));
  }

  /** Runs the analysis of `doc` now and shows its result; resolves when done (or superseded). */
  async analyze(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const state = this.states.get(key) ?? new DocState(key);
    this.states.set(key, state);
    const version = doc.version;
    const started = performance.now();
    const text = doc.getText();
    const onlyOptedIn = this.config.files === 'optedIn';
    if (onlyOptedIn && !mayOptIn(text)) {
      this.take(doc, state, { kind: 'quiet', ms: 0 }, version);
      return;
    }
    state.run = 'running';
    this.showStatus();
    const outcome = await this.worker.run(key, text, runOptions(this.config, doc.fileName, state.target), onlyOptedIn);
    if (doc.isClosed || this.states.get(key) !== state) return;
    // A newer edit already scheduled its own run; this result's positions are out of date.
    if (doc.version !== version && (outcome.kind === 'result' || outcome.kind === 'quiet')) return;
    this.take(doc, state, outcome, version);
    if (outcome.kind !== 'superseded') this.latency.rendered(performance.now() - started);
  }

  private take(doc: vscode.TextDocument, state: DocState, o: Outcome, version: number): void {
    const key = state.uri;
    if (o.kind === 'superseded') return;
    if (o.kind === 'quiet') {
      state.quiet(version);
      this.diagnostics.delete(doc.uri);
    } else if (o.kind === 'result') {
      state.accept(o.trace, version, o.ms, performance.now());
      this.watchStale(doc.uri, state);
      // Syntax errors are the editor's own to report (TypeScript's squiggles); the CLI keeps them.
      this.diagnostics.set(doc.uri, o.trace.diagnostics.filter((d) => d.code !== 'syntax').map((d) => toDiagnostic(d, doc.uri)));
      const t = o.trace;
      this.log.info(`${path.basename(doc.fileName)} v${version}: ${t.bindings.length} bindings, ${t.diagnostics.length} diagnostics, ${o.ms.toFixed(1)} ms`);
      if (this.isActive(doc)) this.panel.update(t, { uri: key, fileName: doc.fileName, version });
    } else {
      state.failed(o.kind);
      const d = failureDiagnostic(doc, o, ANALYSIS_MEMORY_MB);
      this.diagnostics.set(doc.uri, [d]);
      this.log.warn(d.message);
    }
    this.render(doc.uri);
    this.latency.shown(key, performance.now());
    this.showStatus();
    this.updated.fire(key);
  }

  /** While the file does not parse, marks its kept annotations stale once STALE_AFTER_MS have passed. */
  private watchStale(uri: vscode.Uri, state: DocState): void {
    const key = state.uri;
    clearTimeout(this.staleTimers.get(key));
    this.staleTimers.delete(key);
    if (state.brokenSince === undefined || state.stale) return;
    const wait = Math.max(1, STALE_AFTER_MS - (performance.now() - state.brokenSince));
    this.staleTimers.set(key, setTimeout(() => {
      this.staleTimers.delete(key);
      if (this.states.get(key) !== state) return;
      if (state.markStale(performance.now(), STALE_AFTER_MS)) {
        this.render(uri);
        this.updated.fire(key);
      } else this.watchStale(uri, state); // a timer can fire a little early: wait for the rest
    }, wait));
  }

  /** Redraws the annotations of a document in every editor that shows it. */
  render(uri: vscode.Uri): void {
    const key = uri.toString();
    const state = this.states.get(key);
    const on = this.config.enable && this.config.annotationsEnabled && state !== undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      if (!on) {
        this.decorations.clear(editor);
        this.shown.set(key, []);
        continue;
      }
      const window = windowAround(editor.visibleRanges);
      this.drawn.set(editor, window);
      this.shown.set(key, this.decorations.apply(editor, state.annotations, state.stale, this.config, window));
    }
  }

  /** Scrolling past the drawn lines draws the annotations around the new viewport. */
  onScroll(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    const drawn = this.drawn.get(e.textEditor);
    if (drawn && outside(e.visibleRanges, drawn)) this.render(e.textEditor.document.uri);
  }

  renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.render(editor.document.uri);
  }

  onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0 || !this.isAnalyzed(e.document)) return;
    const key = e.document.uri.toString();
    const edits = e.contentChanges.map(toLineEdit(e.document));
    this.states.get(key)?.edited(edits);
    // An edit that adds or removes lines (Enter at a line's end) would carry the line-end decorations along
    // with it until the next result: put them back at their lines' ends now.
    if (edits.some((x) => x.insertedLines !== x.endLine - x.startLine)) this.render(e.document.uri);
    this.latency.edited(key, performance.now());
    this.schedule(e.document);
  }

  onActiveEditor(editor: vscode.TextEditor | undefined): void {
    this.showStatus();
    if (!editor || !this.isAnalyzed(editor.document)) return;
    const state = this.state(editor.document.uri);
    const trace = state?.traceFor(editor.document.version);
    if (!trace) this.schedule(editor.document, 0);
    else {
      this.render(editor.document.uri);
      const d = editor.document;
      this.panel.update(trace, { uri: d.uri.toString(), fileName: d.fileName, version: d.version });
    }
  }

  onClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    clearTimeout(this.staleTimers.get(key));
    this.staleTimers.delete(key);
    this.states.delete(key);
    this.shown.delete(key);
    this.latency.forget(key);
    this.diagnostics.delete(doc.uri);
  }

  onConfig(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration('gradlens')) return;
    const before = this.config;
    this.config = readConfig();
    this.log.info(`settings changed: ${JSON.stringify(this.config)}`);
    if (!this.config.enable) {
      for (const key of [...this.states.keys()]) this.diagnostics.delete(vscode.Uri.parse(key));
      this.states.clear();
    }
    const budgets = (c: Config): string => `${c.maxSteps}/${c.maxElements}/${c.maxCompute}/${c.files}`;
    const rerun = this.config.enable && (!before.enable || budgets(before) !== budgets(this.config));
    if (rerun) this.rerunVisible();
    this.renderAll();
    this.showStatus();
  }

  /** Re-analyzes every visible TypeScript document now. */
  rerunVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  /** Sets (or clears, with undefined) the target of a document and re-analyzes it. */
  async setTarget(doc: vscode.TextDocument, target: TargetSpec | undefined): Promise<void> {
    const key = doc.uri.toString();
    const state = this.states.get(key) ?? new DocState(key);
    this.states.set(key, state);
    state.target = target;
    this.log.info(target ? `target: ${target.name}${target.line ? '@' + target.line : ''}` : 'target cleared');
    await this.analyze(doc);
  }

  /**
   * The webview serializer's callback: adopt the restored panel and show the document it showed before the
   * reload (analysed now if needed). A document that no longer opens leaves the panel empty, with a log line.
   */
  async restorePanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    this.panel.revive(panel);
    // the state the page saved (untrusted), read by the page's own validator
    const uri = restoreState(saved).docUri;
    if (uri === null) return;
    let doc: vscode.TextDocument;
    try {
      doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ?? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
    } catch (e) {
      this.log.warn(`graph panel: could not reopen ${uri}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!this.isAnalyzed(doc)) return;
    if (!this.state(doc.uri)?.traceFor(doc.version)) await this.analyze(doc);
    const trace = this.state(doc.uri)?.traceFor(doc.version);
    if (trace) this.panel.update(trace, { uri, fileName: doc.fileName, version: doc.version });
  }

  private isActive(doc: vscode.TextDocument): boolean {
    return vscode.window.activeTextEditor?.document === doc;
  }

  showStatus(): void {
    const editor = vscode.window.activeTextEditor;
    this.status.show(editor && this.isAnalyzed(editor.document) ? this.state(editor.document.uri) : undefined);
  }

  dispose(): void {
    for (const t of [...this.timers.values(), ...this.staleTimers.values()]) clearTimeout(t);
    this.timers.clear();
    this.staleTimers.clear();
    this.worker.dispose();
    this.panel.dispose();
    this.decorations.dispose();
    this.diagnostics.dispose();
    this.status.dispose();
    this.updated.dispose();
    this.log.dispose();
  }
}
