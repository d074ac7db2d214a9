/**
 * The extension's state and its live loop: a document opens or changes → debounce → the worker analyzes its
 * text → decorations, diagnostics, status and panel follow. All state lives in this class.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AnalyzeOptions, TargetSpec } from '../analysis/trace';
import { AnalysisWorker, WORKER_RESOURCE_LIMITS, type Outcome } from './analysis-worker';
import { readConfig, type Config } from './config';
import { Decorations, outside, windowAround, type LineWindow, type ShownAnnotation } from './decorations';
import { toDiagnostic } from './diagnostics';
import { DocState } from './doc-state';
import { DIAGNOSTIC_SOURCE, LANGUAGES } from './ids';
import type { LineEdit } from './line-map';
import { PanelBridge } from './panel-bridge';
import { restoreState } from '../../webview/app/state';
import { Status } from './status';

/** A run that takes longer than this (wall clock) is stopped, whatever the analyzer's budgets say. */
const WATCHDOG_MS = 5000;
/** The analyzer's own time budget: it stops itself (keeping what it evaluated) before the watchdog kills it. */
const ANALYZER_TIME_MS = 4000;
/**
 * The analysis runs in a child process with this heap: one that runs out of memory dies alone (a worker
 * thread's can abort the extension host: analysis-channel.ts) and the next edit starts a fresh one.
 */
const ANALYSIS_MEMORY_MB = 512;
/** A newer edit terminates an older run of the same document once it has run this long. */
const CANCEL_AFTER_MS = 400;
const LATENCY_SAMPLES = 200;

export class Controller implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('Gradlens', { log: true });
  readonly status = new Status();
  readonly panel: PanelBridge;
  private readonly worker: AnalysisWorker;
  private readonly decorations = new Decorations();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly states = new Map<string, DocState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When the oldest edit not yet shown happened, per document: for the edit-to-annotation latency. */
  private readonly editedAt = new Map<string, number>();
  readonly latenciesMs: number[] = [];
  readonly shown = new Map<string, ShownAnnotation[]>();
  /** The lines each editor has decorations for (see decorations.ts: only near the viewport). */
  private readonly drawn = new WeakMap<vscode.TextEditor, LineWindow>();
  private readonly updated = new vscode.EventEmitter<string>();
  /** Fires with a document's URI after its annotations were redrawn from a new result. */
  readonly onDidUpdate = this.updated.event;
  config: Config = readConfig();

  constructor(context: vscode.ExtensionContext) {
    const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
    this.worker = new AnalysisWorker(workerPath, {
      kind: 'process',
      resourceLimits: { ...WORKER_RESOURCE_LIMITS, maxOldGenerationSizeMb: ANALYSIS_MEMORY_MB },
      watchdogMs: WATCHDOG_MS,
      cancelAfterMs: CANCEL_AFTER_MS,
      log: (m) => this.log.info(m),
    });
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
    state.run = 'running';
    this.showStatus();
    const outcome = await this.worker.run(key, doc.getText(), this.options(doc, state.target));
    if (doc.isClosed || this.states.get(key) !== state) return;
    // A newer edit already scheduled its own run; this result's positions are out of date.
    if (doc.version !== version && outcome.kind === 'result') return;
    this.take(doc, state, outcome, version);
  }

  private take(doc: vscode.TextDocument, state: DocState, o: Outcome, version: number): void {
    const key = state.uri;
    if (o.kind === 'superseded') return;
    if (o.kind === 'result') {
      state.accept(o.trace, version, o.ms);
      this.diagnostics.set(doc.uri, o.trace.diagnostics.map(toDiagnostic));
      const t = o.trace;
      this.log.info(`${path.basename(doc.fileName)} v${version}: ${t.bindings.length} bindings, ${t.diagnostics.length} diagnostics, ${o.ms.toFixed(1)} ms`);
      if (this.isActive(doc)) this.panel.update(t, { uri: key, fileName: doc.fileName, version });
    } else {
      state.run = o.kind === 'timeout' ? 'timeout' : 'crashed';
      state.stale = true;
      const message = o.kind === 'timeout'
        ? vscode.l10n.t('Gradlens stopped the analysis after {0} ms; the annotations are from an earlier run.', Math.round(o.ms))
        : o.outOfMemory
          ? vscode.l10n.t('Gradlens stopped: the analysis ran out of memory ({0} MB) here; the annotations are from an earlier run.', ANALYSIS_MEMORY_MB)
          : vscode.l10n.t('Gradlens could not analyze this file: {0}', o.message);
      // where the run had got to (the document may have changed since: clamped by validateRange)
      const at = o.at ? doc.validateRange(new vscode.Range(doc.positionAt(o.at.pos), doc.positionAt(o.at.end))) : new vscode.Range(0, 0, 0, 0);
      const d = new vscode.Diagnostic(at, message, vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      this.diagnostics.set(doc.uri, [d]);
      this.log.warn(message);
    }
    this.render(doc.uri);
    this.recordLatency(key);
    this.showStatus();
    this.updated.fire(key);
  }

  private recordLatency(key: string): void {
    const t0 = this.editedAt.get(key);
    if (t0 === undefined) return;
    this.editedAt.delete(key);
    this.latenciesMs.push(performance.now() - t0);
    if (this.latenciesMs.length > LATENCY_SAMPLES) this.latenciesMs.shift();
  }

  private options(doc: vscode.TextDocument, target: TargetSpec | undefined): AnalyzeOptions {
    return {
      maxSteps: this.config.maxSteps,
      maxElements: this.config.maxElements,
      maxCompute: this.config.maxCompute,
      maxTimeMs: ANALYZER_TIME_MS,
      fileName: path.basename(doc.fileName),
      ...(target ? { target } : {}),
    };
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
    this.states.get(key)?.edited(e.contentChanges.map(toLineEdit(e.document)));
    if (!this.editedAt.has(key)) this.editedAt.set(key, performance.now());
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
    this.states.delete(key);
    this.shown.delete(key);
    this.editedAt.delete(key);
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
    const budgets = (c: Config): string => `${c.maxSteps}/${c.maxElements}/${c.maxCompute}`;
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
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.worker.dispose();
    this.panel.dispose();
    this.decorations.dispose();
    this.diagnostics.dispose();
    this.status.dispose();
    this.updated.dispose();
    this.log.dispose();
  }
}

function toLineEdit(doc: vscode.TextDocument): (c: vscode.TextDocumentContentChangeEvent) => LineEdit {
  return (c) => {
    const segments = c.text.split(/\r\n|\r|\n/);
    const insertedLines = segments.length - 1;
    return {
      startLine: c.range.start.line,
      endLine: c.range.end.line,
      insertedLines,
      startsAtLineEnd: c.range.start.line === c.range.end.line && keptNothingAfter(doc, c, insertedLines, segments),
    };
  };
}

/**
 * True when nothing of the old line followed the edited range (typing Enter at a line's end). Read from the
 * edited document: the line holding the inserted text's last segment ends right after it. Exact for an event
 * with one change, which is what typing produces.
 */
function keptNothingAfter(doc: vscode.TextDocument, c: vscode.TextDocumentContentChangeEvent, insertedLines: number, segments: string[]): boolean {
  const line = c.range.start.line + insertedLines;
  if (line >= doc.lineCount) return true;
  const prefix = insertedLines === 0 ? c.range.start.character : 0;
  return doc.lineAt(line).text.length === prefix + segments[segments.length - 1].length;
}
