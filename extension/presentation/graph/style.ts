/**
 * The drawing's CSS. Colours come from VS Code's theme variables; the fallbacks (light, or dark under
 * `prefers-color-scheme: dark`) make a standalone SVG from the CLI look right in a browser too.
 * The webview page includes the same rules in its nonce'd <style> (CSP forbids inline style attributes).
 */
export const GRAPH_CSS = `
.gl-svg {
  --gl-bg: var(--vscode-editor-background, #ffffff);
  --gl-fg: var(--vscode-editor-foreground, #1f1f1f);
  --gl-muted: var(--vscode-descriptionForeground, #6a6a6a);
  --gl-box: var(--vscode-editorWidget-background, #f5f5f7);
  --gl-leaf: var(--vscode-charts-blue, #1a73e8);
  --gl-op: var(--vscode-charts-purple, #8a3ffc);
  --gl-acc: var(--vscode-charts-green, #2e8540);
  --gl-group: var(--vscode-charts-foreground, #6a6a6a);
  --gl-grad: var(--vscode-charts-orange, #c25e00);
  --gl-current: var(--vscode-charts-yellow, #d4a300);
  --gl-cursor: var(--vscode-focusBorder, #0078d4);
  --gl-edge: var(--vscode-editorLineNumber-foreground, #8a8a8a);
  --gl-error: var(--vscode-errorForeground, #e51400);
  font-family: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace);
  font-size: 12px;
}
@media (prefers-color-scheme: dark) {
  .gl-svg {
    --gl-bg: var(--vscode-editor-background, #1e1e1e);
    --gl-fg: var(--vscode-editor-foreground, #d4d4d4);
    --gl-muted: var(--vscode-descriptionForeground, #9d9d9d);
    --gl-box: var(--vscode-editorWidget-background, #252526);
    --gl-leaf: var(--vscode-charts-blue, #3794ff);
    --gl-op: var(--vscode-charts-purple, #b180d7);
    --gl-acc: var(--vscode-charts-green, #89d185);
    --gl-grad: var(--vscode-charts-orange, #d18616);
    --gl-edge: var(--vscode-editorLineNumber-foreground, #858585);
    --gl-error: var(--vscode-errorForeground, #f48771);
  }
}
.gl-bg { fill: var(--gl-bg); }
.gl-svg text { fill: var(--gl-fg); white-space: pre; }
.gl-node .gl-box { fill: var(--gl-box); stroke-width: 1.5px; }
.gl-leaf .gl-box { stroke: var(--gl-leaf); }
.gl-op .gl-box { stroke: var(--gl-op); }
.gl-accumulate .gl-box { stroke: var(--gl-acc); stroke-dasharray: 3 2; }
.gl-group .gl-box { stroke: var(--gl-group); stroke-dasharray: 6 3; }
.gl-ref .gl-box { stroke: var(--gl-leaf); stroke-dasharray: 2 2; fill: var(--gl-bg); }
.gl-svg .gl-title { font-weight: 600; }
.gl-leaf .gl-title, .gl-ref .gl-title { fill: var(--gl-leaf); }
.gl-op .gl-title { fill: var(--gl-op); }
.gl-accumulate .gl-title { fill: var(--gl-acc); font-weight: 400; font-size: 11px; }
.gl-svg .gl-sub { fill: var(--gl-muted); }
.gl-svg .gl-grad, .gl-svg .gl-egrad { fill: var(--gl-grad); }
.gl-edge path { fill: none; stroke: var(--gl-edge); stroke-width: 1.3px; }
.gl-arrow { fill: var(--gl-edge); }
.gl-svg .gl-elabel, .gl-svg .gl-egrad { font-size: 11px; paint-order: stroke; stroke: var(--gl-bg); stroke-width: 4px; stroke-linejoin: round; }
.gl-svg .gl-elabel { fill: var(--gl-muted); }
.gl-flowed path { stroke: var(--gl-grad); stroke-width: 2px; }
.gl-node.gl-done .gl-box { stroke-width: 2.5px; }
.gl-node.gl-cursor .gl-box { stroke: var(--gl-cursor); stroke-width: 3px; }
.gl-node.gl-current .gl-box { stroke: var(--gl-current); stroke-width: 4px; }
/* a NaN/Inf path in the error colour, thicker at its origin (issue 20) */
.gl-node.gl-nan .gl-box { stroke: var(--gl-error); }
.gl-node.gl-nan-origin .gl-box { stroke-width: 3.5px; }
.gl-edge.gl-nan path, .gl-edge.gl-nan.gl-flowed path { stroke: var(--gl-error); stroke-width: 2px; }
.gl-svg .gl-nan .gl-grad, .gl-svg .gl-edge.gl-nan .gl-egrad { fill: var(--gl-error); }
.gl-node.gl-unused { opacity: 0.45; }
.gl-node.gl-cut .gl-box { stroke-dasharray: 5 3; }
.gl-edge.gl-cut path { stroke-dasharray: 6 4; }
.vscode-high-contrast .gl-node .gl-box, .vscode-high-contrast-light .gl-node .gl-box { stroke-width: 2px; }
`;
