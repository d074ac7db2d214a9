/** What tests read back through the `gradlens._testState` command or the API returned by activate(). */
import * as vscode from 'vscode';
import type { Controller } from './controller';
import type { ShownAnnotation } from './decorations';
import type { RunState } from './doc-state';
import type { TargetSpec } from '../analysis/trace';

export interface TestState {
  uri: string | undefined;
  /** Document version the newest trace describes, and the document's own version. */
  traceVersion: number;
  version: number;
  run: RunState;
  stale: boolean;
  target: TargetSpec | undefined;
  annotations: ShownAnnotation[];
  diagnostics: { line: number; column: number; endLine: number; endColumn: number; message: string; severity: string; code: string }[];
  status: string;
  panelOpen: boolean;
  /** Nodes the graph panel last drew (0 when closed or not drawn yet). */
  panelNodes: number;
  activationMs: number;
  latenciesMs: number[];
  /** From the end of the debounce to the decorations, per result shown. */
  renderLatenciesMs: number[];
}

/** The state of `uri` (default: the active editor's document). */
export function testState(c: Controller, uri: string | undefined, activationMs: number): TestState {
  const key = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  const state = key ? c.state(vscode.Uri.parse(key)) : undefined;
  const diags = key ? vscode.languages.getDiagnostics(vscode.Uri.parse(key)).filter((d) => d.source === 'gradlens') : [];
  return {
    uri: key,
    traceVersion: state?.traceVersion ?? -1,
    version: doc?.version ?? -1,
    run: state?.run ?? 'idle',
    stale: state?.stale ?? false,
    target: state?.target,
    annotations: (key && c.shown.get(key)) || [],
    diagnostics: diags.map((d) => ({
      line: d.range.start.line,
      column: d.range.start.character,
      endLine: d.range.end.line,
      endColumn: d.range.end.character,
      message: d.message,
      severity: vscode.DiagnosticSeverity[d.severity],
      code: String(typeof d.code === 'object' ? d.code.value : d.code),
    })),
    status: c.status.text,
    panelOpen: c.panel.isOpen,
    panelNodes: c.panel.rendered?.nodeCount ?? 0,
    activationMs,
    latenciesMs: c.latency.editMs.slice(),
    renderLatenciesMs: c.latency.renderMs.slice(),
  };
}
