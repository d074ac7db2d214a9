/**
 * The panel's page. Used by the host (extension/host/panel.ts) and, unchanged, by the browser tests.
 * CSP: nothing but our own nonce'd script and style; images only from the extension or data: URIs.
 */
import { escapeXml } from '../extension/presentation/graph/escape';
import { GRAPH_CSS } from '../extension/presentation/graph/style';
import { APP_CSS } from './app/style';

export interface PanelHtmlOptions {
  /** URI of dist/webview.js as the webview may load it (`webview.asWebviewUri`). */
  scriptUri: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per page. */
  nonce: string;
}

/** 32 random alphanumerics from a cryptographic source. */
export function makeNonce(random: (n: number) => Uint8Array): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(random(32), (b) => abc[b % abc.length]).join('');
}

function button(id: string, label: string, glyph: string, extra = ''): string {
  return `<button id="${id}" type="button" aria-label="${label}" title="${label}"${extra}>${glyph}</button>`;
}

export function panelHtml(o: PanelHtmlOptions): string {
  const nonce = escapeXml(o.nonce);
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Gradlens graph</title>
<style nonce="${nonce}">${GRAPH_CSS}${APP_CSS}</style>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Graph controls">
  <div class="group" role="group" aria-label="Mode">
    <button type="button" class="mode" data-mode="forward" aria-pressed="false" title="Forward values">Forward</button>
    <button type="button" class="mode" data-mode="backward" aria-pressed="false" title="Backward gradients">Backward</button>
    <button type="button" class="mode" data-mode="both" aria-pressed="true" title="Values and gradients">Both</button>
  </div>
  <div class="group" role="group" aria-label="Backward pass">
    ${button('reset', 'Reset backward step-through (Home)', '|◀')}
    ${button('prev', 'Previous backward step (Left arrow)', '◀')}
    ${button('play', 'Play the backward pass', '▶', ' aria-pressed="false"')}
    ${button('next', 'Next backward step (Right arrow)', '▶|')}
    <span id="step-label" aria-live="polite"></span>
  </div>
  <div class="group" role="group" aria-label="View">
    ${button('fit', 'Fit graph to view (0)', '⤢')}
    ${button('zoom-in', 'Zoom in (+)', '+')}
    ${button('zoom-out', 'Zoom out (−)', '−')}
    ${button('toggle-groups', 'Expand or collapse all groups', '⊞')}
    ${button('export', 'Export graph as SVG', 'SVG')}
  </div>
</div>
<main id="main">
  <div id="stage" tabindex="-1" aria-label="Computational graph; drag to pan, wheel to zoom"><div id="canvas"></div><p id="empty" hidden></p></div>
  <aside id="side" aria-label="Details">
    <section id="doc-info" aria-label="Document"></section>
    <section id="step-info" aria-label="Backward step" aria-live="polite"></section>
    <section id="node-info" aria-label="Selected node"></section>
    <section id="messages" aria-label="Diagnostics and logs"></section>
  </aside>
</main>
<script nonce="${nonce}" src="${escapeXml(o.scriptUri)}"></script>
</body>
</html>`;
}
