/** Entry of the graph panel bundle (dist/webview.js). */
import { GraphApp, type VsCodeApi } from './app/app';
import { findDom } from './app/dom';

declare function acquireVsCodeApi(): VsCodeApi;

new GraphApp(findDom(document), acquireVsCodeApi()).start();
