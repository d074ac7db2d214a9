/** The commands, registered against the typed ids in ids.ts. */
import * as vscode from 'vscode';
import type { Controller } from './controller';
import { isBindingRef } from './hover';
import { Command, SECTION, Setting, type CommandId } from './ids';
import { testState } from './test-state';

type Handler = (...args: never[]) => unknown;

export function registerCommands(c: Controller, activationMs: () => number): vscode.Disposable[] {
  const handlers: Record<CommandId, Handler> = {
    [Command.toggleAnnotations]: async () => {
      const cfg = vscode.workspace.getConfiguration(SECTION);
      await cfg.update(Setting.annotationsEnabled, !c.config.annotationsEnabled, vscode.ConfigurationTarget.Global);
    },
    [Command.openGraphPanel]: () => {
      const doc = activeTsDocument(c);
      const trace = doc && c.state(doc.uri)?.traceFor(doc.version);
      c.panel.open(trace, doc && { uri: doc.uri.toString(), fileName: doc.fileName, version: doc.version });
      if (doc && !trace) c.schedule(doc, 0);
    },
    [Command.setTarget]: async () => {
      const doc = activeTsDocument(c);
      const trace = doc && c.state(doc.uri)?.trace;
      if (!doc || !trace) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Gradlens: open an analyzed TypeScript file first.'));
        return;
      }
      const items = trace.bindings.map((b) => ({
        label: b.name,
        description: vscode.l10n.t('line {0}', b.line),
        detail: b.value?.text,
        target: { name: b.name, line: b.line },
      }));
      const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('The target whose gradients to show…') });
      if (pick) await c.setTarget(doc, pick.target);
    },
    [Command.clearTarget]: async () => {
      const doc = activeTsDocument(c);
      if (doc) await c.setTarget(doc, undefined);
    },
    [Command.rerun]: async () => {
      const doc = activeTsDocument(c);
      if (doc) await c.analyze(doc);
    },
    [Command.showOutput]: () => c.log.show(true),
    [Command.showInGraph]: async (ref: unknown) => {
      const doc = isBindingRef(ref) ? analyzedDocument(c, ref.uri) : undefined;
      if (!doc || !isBindingRef(ref)) return;
      const trace = c.state(doc.uri)?.traceFor(doc.version);
      c.panel.open(trace, { uri: ref.uri, fileName: doc.fileName, version: doc.version });
      c.panel.highlightLines([ref.line]);
    },
    [Command.differentiateWith]: async (ref: unknown) => {
      const doc = isBindingRef(ref) ? analyzedDocument(c, ref.uri) : undefined;
      if (doc && isBindingRef(ref)) await c.setTarget(doc, { name: ref.name, line: ref.line });
    },
    [Command.testState]: (uri?: string) => testState(c, uri, activationMs()),
  };
  return (Object.keys(handlers) as CommandId[]).map((id) => vscode.commands.registerCommand(id, handlers[id]));
}

/** An open document Gradlens has analyzed: hover links only ever point at one. */
function analyzedDocument(c: Controller, uri: string): vscode.TextDocument | undefined {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  return doc && c.state(doc.uri) ? doc : undefined;
}

function activeTsDocument(c: Controller): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && c.isAnalyzed(doc) ? doc : undefined;
}
