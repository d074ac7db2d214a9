/** The panel page's CSS: VS Code's theme variables, so dark, light and high-contrast themes all apply. */
export const APP_CSS = `
html, body { height: 100%; margin: 0; padding: 0; }
body {
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--vscode-editor-background, #1e1e1e); color: var(--vscode-editor-foreground, #d4d4d4);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
}
#toolbar {
  display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; padding: 6px 8px;
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, #80808059));
}
#toolbar .group { display: flex; gap: 3px; align-items: center; }
#toolbar button {
  min-width: 26px; padding: 3px 8px; cursor: pointer; border-radius: 2px;
  font: inherit; color: var(--vscode-button-secondaryForeground, #ffffff);
  background: var(--vscode-button-secondaryBackground, #3a3d41);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent));
}
#toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #45494e); }
#toolbar button[aria-pressed="true"] {
  color: var(--vscode-button-foreground, #ffffff); background: var(--vscode-button-background, #0e639c);
}
#toolbar button:disabled { opacity: 0.45; cursor: default; }
button:focus-visible, .gl-node:focus-visible, #stage:focus-visible {
  outline: 2px solid var(--vscode-focusBorder, #007fd4); outline-offset: 2px;
}
#step-label { margin-left: 6px; color: var(--vscode-descriptionForeground, #9d9d9d); font-variant-numeric: tabular-nums; }
#main { flex: 1; display: flex; min-height: 0; }
#stage { flex: 1; position: relative; overflow: hidden; cursor: grab; min-width: 0; }
#stage.panning { cursor: grabbing; }
#canvas { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
#empty { padding: 16px; color: var(--vscode-descriptionForeground, #9d9d9d); }
.gl-node { cursor: pointer; }
.gl-node:hover .gl-box { stroke-width: 2.5px; }
#side {
  width: 260px; flex: none; overflow: auto; padding: 8px 10px; box-sizing: border-box;
  border-left: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, #80808059));
  background: var(--vscode-sideBar-background, transparent);
}
#side h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; margin: 12px 0 4px;
  color: var(--vscode-descriptionForeground, #9d9d9d); font-weight: 600; }
#side h2:first-child { margin-top: 0; }
#side p { margin: 2px 0; }
#side section:not(:empty) + section:not(:empty) { margin-top: 16px; }
#side pre {
  margin: 2px 0 8px; padding: 4px 6px; white-space: pre-wrap; word-break: break-all;
  font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 12px);
  background: var(--vscode-textCodeBlock-background, #0000001f); border-radius: 3px;
}
#side button.collapse {
  font: inherit; cursor: pointer; padding: 2px 8px; border-radius: 2px;
  color: var(--vscode-button-secondaryForeground, #ffffff); background: var(--vscode-button-secondaryBackground, #3a3d41);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent));
}
#side .grad { color: var(--vscode-charts-orange, #d18616); }
#side .muted { color: var(--vscode-descriptionForeground, #9d9d9d); }
#side .diag-error { color: var(--vscode-errorForeground, #f48771); }
#side ul { margin: 0; padding-left: 16px; }
.vscode-high-contrast #side, .vscode-high-contrast-light #side { border-left-width: 2px; }
@media (max-width: 560px) {
  #main { flex-direction: column; }
  #side { width: auto; height: 36%; border-left: none; border-top: 1px solid var(--vscode-panel-border, #80808059); }
}
`;
