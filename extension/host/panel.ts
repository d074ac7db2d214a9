/**
 * The graph panel's host side: a webview beside the editor running dist/webview.js (webview/main.ts),
 * fed traces and cursor lines, answering clicks, steps and exports. Every message from the webview is
 * validated (extension/protocol.ts); the page is webview/html.ts with a fresh nonce.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { GraphNode, SourceRange, Trace } from '../analysis/trace';
import { isWebviewMessage, type GraphMode, type HostMessage, type PanelDocInfo, type WebviewMessage } from '../protocol';
import { makeNonce, panelHtml } from '../../webview/html';

export interface PanelHost {
  /** Reveal and select a source range in the document the panel shows. */
  revealRange(uri: string, range: SourceRange): void;
  /**
   * Optional: show a line of the document without moving focus out of the panel (the backward
   * step-through calls it on every step). Without it, steps fall back to `revealRange`.
   */
  highlightLine?(uri: string, line: number): void;
}

/** What the webview last reported drawing (for the end-to-end tests). */
export interface PanelRenderState {
  nodeCount: number;
  stepIndex: number;
  mode: GraphMode;
}

export class GraphPanel {
  static readonly viewType = 'gradlens.graphPanel';
  private static open: GraphPanel | undefined;

  private trace: Trace | undefined;
  private doc: PanelDocInfo | undefined;
  private lines: number[] = [];
  /** The page has said 'ready' since it was last (re)loaded: messages now reach it. */
  private ready = false;
  private rendered: PanelRenderState | undefined;
  private readonly disposed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidDispose: vscode.Event<void> = this.disposed.event;

  /** Create the panel beside the editor, or reveal the existing one. */
  static createOrShow(context: vscode.ExtensionContext, host: PanelHost): GraphPanel {
    if (GraphPanel.open) {
      GraphPanel.open.panel.reveal(vscode.ViewColumn.Beside, true);
      return GraphPanel.open;
    }
    const panel = vscode.window.createWebviewPanel(
      GraphPanel.viewType,
      'Gradlens Graph',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(context.extensionUri),
    );
    GraphPanel.open = new GraphPanel(panel, context.extensionUri, host);
    return GraphPanel.open;
  }

  /**
   * Take over a panel VS Code restored after a reload (the webview serializer): a fresh page with the same
   * options; the page itself restores its zoom, mode and step from `vscode.getState()`.
   */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, host: PanelHost): GraphPanel {
    GraphPanel.open?.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    GraphPanel.open = new GraphPanel(panel, context.extensionUri, host);
    return GraphPanel.open;
  }

  /** The open panel, if any. */
  static get current(): GraphPanel | undefined {
    return GraphPanel.open;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly host: PanelHost,
  ) {
    const webview = panel.webview;
    webview.html = panelHtml({
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
    });
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      // A hidden webview is torn down; it says 'ready' again when shown.
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Show a new trace for a document (the webview keeps zoom and step when the graph's shape is unchanged). */
  update(trace: Trace, doc: { uri: string; fileName: string; version: number }): void {
    this.trace = trace;
    this.doc = { uri: doc.uri, fileName: doc.fileName, version: doc.version };
    this.panel.title = `Graph: ${doc.fileName.split(/[\\/]/).pop() ?? doc.fileName}`;
    this.post({ type: 'trace', trace, doc: this.doc });
  }

  /** Highlight the nodes made on these 1-based lines (cursor follows the editor). */
  highlightLines(lines: number[]): void {
    this.lines = lines.filter((l) => Number.isInteger(l) && l >= 1);
    this.post({ type: 'highlightLines', lines: this.lines });
  }

  /** The last state the webview reported drawing, for tests; undefined until it has drawn. */
  lastState(): PanelRenderState | undefined {
    return this.rendered && { ...this.rendered };
  }

  dispose(): void {
    if (GraphPanel.open !== this) return;
    GraphPanel.open = undefined;
    this.panel.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  private post(message: HostMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(m: unknown): void {
    if (!isWebviewMessage(m)) {
      console.warn('gradlens: ignored a malformed message from the graph panel');
      return;
    }
    void this.handle(m);
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.trace && this.doc) this.post({ type: 'trace', trace: this.trace, doc: this.doc });
        if (this.lines.length > 0) this.post({ type: 'highlightLines', lines: this.lines });
        return;
      case 'rendered':
        this.rendered = { nodeCount: m.nodeCount, stepIndex: m.stepIndex, mode: m.mode };
        return;
      case 'revealNode': {
        const range = this.nodeRange(m.nodeId);
        if (range && this.doc) this.host.revealRange(this.doc.uri, range);
        return;
      }
      case 'stepChanged':
        return this.showStepLine(m.stepIndex, m.nodeId, m.line);
      case 'exportSvg':
        return this.saveSvg(m.svg, m.fileName);
    }
  }

  /** A node's source range; an AccumulateGrad node has its leaf's. */
  private nodeRange(nodeId: string): SourceRange | undefined {
    const nodes = this.trace?.graph.nodes ?? [];
    const node: GraphNode | undefined = nodes.find((n) => n.id === nodeId);
    if (!node) return undefined;
    return node.range ?? nodes.find((n) => n.id === node.leafId)?.range;
  }

  private showStepLine(stepIndex: number, nodeId: string | null, line: number | null): void {
    const uri = this.doc?.uri;
    if (!uri || stepIndex < 0 || line === null) return;
    if (this.host.highlightLine) return this.host.highlightLine(uri, line);
    const range = (nodeId !== null && this.nodeRange(nodeId)) || { line, column: 1, endLine: line, endColumn: 1 };
    this.host.revealRange(uri, range);
  }

  private async saveSvg(svg: string, fileName: string): Promise<void> {
    const safeName = fileName.replace(/[\\/:*?"<>|]/g, '_') || 'graph.svg';
    const docUri = this.doc ? vscode.Uri.parse(this.doc.uri) : undefined;
    const defaultUri = docUri?.scheme === 'file' ? vscode.Uri.joinPath(docUri, '..', safeName) : undefined;
    const target = await vscode.window.showSaveDialog({ defaultUri, filters: { SVG: ['svg'] }, title: 'Export graph as SVG' });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`Gradlens: graph saved to ${target.fsPath}`);
  }
}

/** Scripts on; resources only from the extension's own dist/ and media/ folders. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
