/** Hover on a binding's name or on a use of it: the Markdown from hover-text.ts, with two command links. */
import * as vscode from 'vscode';
import { bindingAt, rangeContains } from './doc-state';
import type { Controller } from './controller';
import { toRange } from './diagnostics';
import { hoverMarkdown } from './hover-text';
import { Command } from './ids';

/** Arguments of the hover's command links (JSON in a command URI). */
export interface BindingRef {
  uri: string;
  name: string;
  line: number;
  bindingId: string;
}

/** Command arguments arrive from a URI: check their shape before use. */
export function isBindingRef(x: unknown): x is BindingRef {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.uri === 'string' && typeof r.name === 'string' && typeof r.line === 'number' && typeof r.bindingId === 'string';
}

export function commandUri(command: typeof Command.showInGraph | typeof Command.differentiateWith, ref: BindingRef): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([ref]))}`;
}

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly controller: Controller) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const trace = this.controller.state(doc.uri)?.traceFor(doc.version);
    if (!trace) return undefined;
    const b = bindingAt(trace, pos.line, pos.character);
    if (!b) return undefined;
    const ref: BindingRef = { uri: doc.uri.toString(), name: b.name, line: b.line, bindingId: b.id };
    const md = new vscode.MarkdownString(
      hoverMarkdown(b, trace, this.controller.config.precision, {
        showInGraph: commandUri(Command.showInGraph, ref),
        makeTarget: commandUri(Command.differentiateWith, ref),
      }, vscode.l10n.t),
    );
    // Only the two links are trusted; everything from the file is escaped in hover-text.ts.
    md.isTrusted = { enabledCommands: [Command.showInGraph, Command.differentiateWith] };
    const at = rangeContains(b, pos.line, pos.character) ? b : b.uses.find((u) => rangeContains(u, pos.line, pos.character));
    return new vscode.Hover(md, at ? toRange(at) : undefined);
  }
}
