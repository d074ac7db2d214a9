/**
 * Loads the real panel page (webview/html.ts) and the real bundle (webview/main.ts built by esbuild) in
 * Debian's chromium. The one stub is `acquireVsCodeApi`, which records what the app posts.
 * Pages are served from a fake https origin through request interception: nothing touches the network.
 */
import * as path from 'path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostMessage, WebviewMessage } from '../../extension/protocol';
import { panelHtml } from '../../webview/html';

export const ROOT = path.resolve(__dirname, '../../..');
const ORIGIN = 'https://gradlens.test';
const CHROMIUM = process.env.GRADLENS_CHROMIUM ?? '/usr/bin/chromium';

export async function buildBundle(): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'webview/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What the page records, readable from the test. */
interface Recorded {
  posted: WebviewMessage[];
  dialogs: string[];
  warnings: string[];
  /** Requests the page made for anything but the page and the bundle (all refused). */
  otherRequests: string[];
}

export class PanelPage {
  readonly recorded: Recorded = { posted: [], dialogs: [], warnings: [], otherRequests: [] };

  private constructor(readonly page: Page) {}

  static async open(browser: Browser, bundle: string, viewport = { width: 900, height: 640 }): Promise<PanelPage> {
    const page = await browser.newPage({ viewport });
    const p = new PanelPage(page);
    const html = panelHtml({ scriptUri: `${ORIGIN}/dist/webview.js`, cspSource: ORIGIN, nonce: 'TestNonce0123456789abcdefABCDEF01' });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/panel.html`) return route.fulfill({ contentType: 'text/html', body: html });
      if (url === `${ORIGIN}/dist/webview.js`) return route.fulfill({ contentType: 'text/javascript', body: bundle });
      p.recorded.otherRequests.push(url);
      return route.abort();
    });
    page.on('dialog', (d) => {
      p.recorded.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'warning') p.recorded.warnings.push(m.text());
    });
    await page.exposeFunction('__gradlensPost', (m: WebviewMessage) => void p.recorded.posted.push(m));
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.__xss = 0;
      let state: unknown;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => (w.__gradlensPost as (m: unknown) => void)(JSON.parse(JSON.stringify(m))),
        getState: () => state,
        setState: (s: unknown) => {
          state = s;
        },
      });
    });
    await page.goto(`${ORIGIN}/panel.html`);
    await p.waitForPosted('ready', 1);
    return p;
  }

  count(type: WebviewMessage['type']): number {
    return this.recorded.posted.filter((m) => m.type === type).length;
  }

  last<T extends WebviewMessage['type']>(type: T): Extract<WebviewMessage, { type: T }> | undefined {
    const all = this.recorded.posted.filter((m): m is Extract<WebviewMessage, { type: T }> => m.type === type);
    return all[all.length - 1];
  }

  async waitForPosted(type: WebviewMessage['type'], atLeast: number, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.count(type) < atLeast) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${atLeast} '${type}' message(s); got ${this.count(type)}`);
      await this.page.waitForTimeout(20);
    }
  }

  /** Post any value as if the host sent it (the page sees it as a window 'message' event). */
  async post(message: HostMessage | unknown): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Send a trace and wait until the app has drawn it. */
  async showTrace(message: HostMessage): Promise<void> {
    const before = this.count('rendered');
    await this.post(message);
    await this.waitForPosted('rendered', before + 1);
  }

  texts(selector: string): Promise<string[]> {
    return this.page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
  }

  async xssFlag(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as Record<string, unknown>).__xss);
  }
}

/**
 * Mocha hooks for a suite whose every test gets a fresh panel page: one bundle build and one browser per
 * suite. Call inside `describe`; the returned function gives the current test's page.
 */
export function usePanelPages(): () => PanelPage {
  let browser: Browser | undefined;
  let bundle = '';
  let current: PanelPage | undefined;
  before(async () => {
    bundle = await buildBundle();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('the browser did not start');
    current = await PanelPage.open(browser, bundle);
  });
  afterEach(async () => {
    await current?.page.close();
  });
  return () => {
    if (!current) throw new Error('no panel page: usePanelPages() hooks have not run');
    return current;
  };
}
