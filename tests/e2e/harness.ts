/// <reference types="chrome" />

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

/** Real Chromium with the built e2e extension, and a static server on 127.0.0.1. */

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// CARE_EXT_DIR lets parallel runs use their own copy of the built extension.
export const EXT_DIR = process.env.CARE_EXT_DIR ?? join(ROOT, '.output/chrome-mv3-e2e');
export const SHARED_FIXTURES = resolve(ROOT, '../shared/fixtures');
export const OWN_FIXTURES = join(ROOT, 'tests/fixtures');

/** CHROMIUM_PATH first, then the usual install paths (the real binary, not Debian's wrapper). */
export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)',
    );
  }
  return found;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export interface TestServer {
  url: string;
  server: Server;
  /** Pages served from memory: path → { body, headers }. */
  pages: Map<string, { body: string; headers?: Record<string, string> }>;
  requests: string[];
  close(): Promise<void>;
}

/** Serves /shared/<fixture>/... and /own/<fixture>/... plus in-memory pages. */
export async function startServer(): Promise<TestServer> {
  const pages = new Map<string, { body: string; headers?: Record<string, string> }>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const page = pages.get(path);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers });
      res.end(page.body);
      return;
    }
    const [, area, ...rest] = path.split('/');
    const base = area === 'shared' ? SHARED_FIXTURES : area === 'own' ? OWN_FIXTURES : null;
    const file = base ? normalize(join(base, ...rest)) : '';
    if (!base || !file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    pages,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(join(EXT_DIR, 'manifest.json')))
    throw new Error(`Build the e2e extension first: npm run build:e2e (${EXT_DIR} missing)`);
  const profile = mkdtempSync(join(tmpdir(), 'care-mode-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: [
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      '--disable-gpu',
      '--disable-quic',
      '--disable-component-update',
      '--lang=zh-CN',
    ],
    viewport: { width: 1024, height: 800 },
    locale: 'zh-CN',
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Fires the real `toggle-care-mode` command listener for the page's tab, as the shortcut would. */
export async function toggleCareMode(b: Browser, page: Page): Promise<void> {
  await page.bringToFront();
  await b.worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const tab =
      tabs.find((t) => t.url === url) ??
      (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0];
    // dispatch() runs the real listeners; it exists on Chrome's events but not in their types.
    (chrome.commands.onCommand as unknown as { dispatch(c: string, t: unknown): void }).dispatch(
      'toggle-care-mode',
      tab,
    );
  }, page.url());
}

/** Waits for the care view, or its absence. */
export async function waitForView(page: Page, present = true): Promise<void> {
  if (present)
    await page
      .locator(
        'care-mode-root article h1, care-mode-root [role="alert"], care-mode-root .cm-failure, care-mode-root .cm-list h1, care-mode-root .cm-pagebar',
      )
      .first()
      .waitFor({ timeout: 10_000 });
  else
    await page.waitForFunction(() => !document.querySelector('care-mode-root'), null, {
      timeout: 10_000,
    });
}

/** The axe-core rule tags every screen we draw must pass (AAA contrast included). */
export const AXE_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag2aaa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
  'best-practice',
];

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Loads axe-core into a page once. By evaluate, not a script tag: extension pages' CSP (and
 * strict-CSP test pages) refuse inline scripts.
 */
export async function loadAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
}

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** axe-core on the whole page with every WCAG level we claim (AAA contrast included). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await loadAxe(page);
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(...a: unknown[]): Promise<unknown> } }).axe;
    return (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
  }, AXE_TAGS);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  }));
}

/** Polls `get` until `ok` (10 s), then fails saying what it waited for and what it last saw. */
export async function waitFor<T>(
  what: string,
  get: () => Promise<T>,
  ok: (v: T) => boolean,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 100; i++) {
    last = await get();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

/** The id of the tab showing this page (the e2e build may see 127.0.0.1 tabs' addresses). */
export async function tabIdOf(b: Browser, page: Page): Promise<number> {
  const id = await b.worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === url)?.id;
  }, page.url());
  if (id === undefined) throw new Error(`no tab for ${page.url()}`);
  return id;
}

/** The matches of the listed sites' runtime-registered content script, [] when none. */
export async function registeredMatches(b: Browser): Promise<string[]> {
  return b.worker.evaluate(async () => {
    const scripts = await chrome.scripting.getRegisteredContentScripts({ ids: ['care-auto'] });
    return scripts[0]?.matches ?? [];
  });
}

/** A server and a browser, started before the tests that share them. */
export interface E2E {
  server: TestServer;
  browser: Browser;
}

/**
 * One server and one browser (one launch per file) for the tests of the calling describe
 * block: both are started in its before hook and closed in its after hook. `setup` runs once
 * both are up (pages to serve, init scripts). Read them as `e2e.browser` inside tests.
 */
export function useBrowser(setup?: (e2e: E2E) => Promise<void> | void): E2E {
  const e2e = {} as E2E;
  before(async () => {
    e2e.server = await startServer();
    e2e.browser = await launch();
    await setup?.(e2e);
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}

/** The parts of axe-core's results the tests read. */
export interface AxeNode {
  target: (string | string[])[];
  failureSummary?: string;
  any?: { message?: string; data?: { messageKey?: string; contrastRatio?: number } | null }[];
  none?: { data?: { message?: string } | null }[];
}
export interface AxeRule {
  id: string;
  help: string;
  nodes: AxeNode[];
}
export interface AxeResults {
  violations: AxeRule[];
  passes: AxeRule[];
  incomplete: AxeRule[];
}

/**
 * axe-core (AXE_TAGS) over the care view only: <care-mode-root> and its shadow tree, not the
 * page beneath. axe lays out the page from document.body down (its createGrid), and the view
 * lives beside <body> on purpose (the page's body styles — zoom, transforms, display — must
 * not reach it), so while axe runs, document.body points at the view's host. Without that axe
 * cannot measure any contrast in the view and reports every text element as undecided.
 */
export async function axeView(page: Page): Promise<AxeResults> {
  await loadAxe(page);
  // tsx names functions through a __name helper that the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(...a: unknown[]): Promise<AxeResults> } }).axe;
    const host = document.querySelector('care-mode-root');
    if (!host) throw new Error('no care view to check');
    Object.defineProperty(document, 'body', { configurable: true, get: () => host });
    let res: AxeResults;
    try {
      res = await axe.run(
        { include: [['care-mode-root']] },
        { runOnly: { type: 'tag', values: tags } },
      );
    } finally {
      delete (document as unknown as { body?: unknown }).body;
    }
    // Only what the tests read crosses back.
    const rules = (list: AxeRule[]): AxeRule[] =>
      list.map((r) => ({
        id: r.id,
        help: r.help,
        nodes: r.nodes.map((n) => ({
          target: n.target,
          failureSummary: n.failureSummary,
          any: n.any?.map((c) => ({ message: c.message, data: c.data })),
          none: n.none?.map((c) => ({ data: c.data })),
        })),
      }));
    return {
      violations: rules(res.violations),
      passes: rules(res.passes),
      incomplete: rules(res.incomplete),
    };
  }, AXE_TAGS);
}

/** axeView's violations, one line each (rule: where — why); [] when the view is clean. */
export async function axeViewViolations(page: Page): Promise<string[]> {
  const { violations } = await axeView(page);
  return violations.map(
    (v) =>
      `${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.flat().join(' ')} — ${n.failureSummary}`).join('; ')}`,
  );
}
