import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, SHARED_FIXTURES, startServer, type TestServer } from '../e2e/harness';
import { type Bidi, evaluate, type Firefox, launchFirefox, waitFor } from './bidi';

/**
 * The Firefox (MV2) build in a real Firefox, driven over WebDriver BiDi: it installs as a
 * temporary add-on, its background runs, the options page saves and loads settings, the
 * content script opens a styled care view and puts the page back, a listed site opens its
 * articles by itself (scripting.registerContentScripts under MV2), the popup's big button
 * switches care mode, and a link followed from the view keeps care mode on (storage.session).
 *
 * Build first: npm run build:firefox:e2e (the e2e variant adds host access to 127.0.0.1 only;
 * automation is never an activeTab gesture). FIREFOX_EXT_DIR overrides the build directory.
 */

const EXT_DIR = process.env.FIREFOX_EXT_DIR ?? join(ROOT, '.output/firefox-mv2-e2e');
const ARTICLE = '/shared/cn-163-article/source.html';
const TRUTH = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'cn-163-article/truth.json'), 'utf8'));
const UUID = randomUUID();
const BASE = `moz-extension://${UUID}`;

/** WebDriver key codes. */
const KEY = { escape: '\uE00C', enter: '\uE007' };

interface Tree {
  contexts: { context: string; url: string }[];
}

/** The view as the page sees it (the shadow root is open). */
const VIEW_STATE = `(() => {
  const root = document.querySelector('care-mode-root');
  const shadow = root?.shadowRoot ?? null;
  const article = shadow?.querySelector('article') ?? null;
  const paras = article ? [...article.querySelectorAll('.cm-body p')] : [];
  const cmRoot = shadow?.querySelector('.cm-root');
  return {
    present: Boolean(root),
    shadow: Boolean(shadow),
    sheets: shadow ? shadow.adoptedStyleSheets.length : 0,
    h1: article?.querySelector('h1')?.textContent?.trim() ?? null,
    text: shadow?.textContent ?? '',
    paragraphs: paras.length,
    paraFontPx: paras[0] ? parseFloat(getComputedStyle(paras[0]).fontSize) : 0,
    rootFont: cmRoot ? getComputedStyle(cmRoot).fontSize : '',
    viewHeight: root ? root.getBoundingClientRect().height : 0,
    bodyInert: document.body.hasAttribute('inert'),
    bodyHidden: document.body.getAttribute('aria-hidden'),
    htmlOverflow: getComputedStyle(document.documentElement).overflow,
    htmlStyleAttr: document.documentElement.getAttribute('style'),
    scrollY: Math.round(window.scrollY),
  };
})()`;

interface ViewState {
  present: boolean;
  shadow: boolean;
  sheets: number;
  h1: string | null;
  text: string;
  paragraphs: number;
  paraFontPx: number;
  rootFont: string;
  viewHeight: number;
  bodyInert: boolean;
  bodyHidden: string | null;
  htmlOverflow: string;
  htmlStyleAttr: string | null;
  scrollY: number;
}

describe('the Firefox build in a real Firefox', () => {
  let server: TestServer;
  let firefox: Firefox;
  let bidi: Bidi;
  /** The options page the background opened on install: our window onto extension APIs. */
  let options: string;
  /** The extension's messages in Firefox's UI language. */
  let messages: Record<string, { message: string }>;

  const view = (context: string) => evaluate<ViewState>(bidi, context, VIEW_STATE);
  /** Runs an expression in the options page (an extension page: `browser.*` is there). */
  const ext = <T>(expression: string) => evaluate<T>(bidi, options, expression);

  const tree = async () =>
    (await bidi.send<Tree>('browsingContext.getTree', { maxDepth: 0 })).contexts;

  async function openTab(url: string): Promise<string> {
    const { context } = await bidi.send<{ context: string }>('browsingContext.create', {
      type: 'tab',
    });
    await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
    return context;
  }

  /** The extension's id for the tab showing `url` (found from the options page). */
  const tabIdOf = (url: string) =>
    waitFor<number | null>(
      bidi,
      options,
      `a tab at ${url}`,
      `browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(url)})?.id ?? null)`,
      (id) => typeof id === 'number',
    ) as Promise<number>;

  /**
   * The background's own toggle (entrypoints/background.ts toggle(): inject if needed, then
   * 'care:toggle'), asked the way the popup asks. The toolbar button and the shortcut cannot be
   * pressed by automation in Firefox (BiDi key events never reach extension shortcuts).
   */
  const toggle = (tabId: number) =>
    ext<boolean | null>(
      `browser.runtime.sendMessage({ type: 'care:toggle-tab', tabId: ${tabId} })`,
    );

  async function keys(context: string, ...values: string[]): Promise<void> {
    await bidi.send('browsingContext.activate', { context });
    await bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: values.flatMap((value) => [
            { type: 'keyDown', value },
            { type: 'keyUp', value },
          ]),
        },
      ],
    });
    await bidi.send('input.releaseActions', { context });
  }

  /**
   * A real pointer click in the middle of the element's first box (our buttons and link
   * handling ignore untrusted clicks). `inView`: the selector is inside the care view.
   */
  async function click(context: string, selector: string, inView = false): Promise<void> {
    const at = await evaluate<{ x: number; y: number } | null>(
      bidi,
      context,
      `(() => {
        const scope = ${inView} ? document.querySelector('care-mode-root')?.shadowRoot : document;
        const el = scope?.querySelector(${JSON.stringify(selector)});
        if (!el) return null;
        el.scrollIntoView({ block: 'center' });
        const r = el.getClientRects()[0];
        return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
      })()`,
    );
    assert.ok(at, `nothing to click at ${selector}`);
    await bidi.send('browsingContext.activate', { context });
    await bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          actions: [
            { type: 'pointerMove', x: at.x, y: at.y },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await bidi.send('input.releaseActions', { context });
  }

  before(async () => {
    if (!existsSync(join(EXT_DIR, 'manifest.json')))
      throw new Error(
        `Build the Firefox e2e extension first: npm run build:firefox:e2e (${EXT_DIR} missing)`,
      );
    const manifest = JSON.parse(readFileSync(join(EXT_DIR, 'manifest.json'), 'utf8'));
    const geckoId: unknown = manifest.browser_specific_settings?.gecko?.id;
    assert.equal(typeof geckoId, 'string', 'the Firefox manifest names its add-on id');
    server = await startServer();
    firefox = await launchFirefox({
      // A known moz-extension:// host for the add-on, so its pages can be found by URL.
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId as string]: UUID }),
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.normandy.enabled': false,
      'messaging-system.rsexperimentloader.enabled': false,
    });
    bidi = firefox.bidi;
    const installed = await bidi.send<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: EXT_DIR },
    });
    assert.equal(installed.extension, geckoId);
  });

  after(async () => {
    await firefox?.close();
    await server?.close();
  });

  test('installs, its background opens the options page, which saves and loads settings', async () => {
    // runtime.onInstalled → tabs.create(options.html): proof the background page runs.
    for (let i = 0; i < 100 && !options; i++) {
      options = (await tree()).find((c) => c.url === `${BASE}/options.html`)?.context ?? '';
      if (!options) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(
      options,
      `the install opened the options page; tabs: ${JSON.stringify(await tree())}`,
    );

    const ui = await ext<string>('browser.i18n.getUILanguage()');
    const locale = ui.startsWith('zh') ? 'zh_CN' : 'en';
    messages = JSON.parse(readFileSync(join(EXT_DIR, `_locales/${locale}/messages.json`), 'utf8'));
    await waitFor(
      bidi,
      options,
      'the options form',
      `document.querySelector('h1')?.textContent ?? ''`,
      (h1) => h1 === messages.optionsTitle?.message,
    );
    assert.equal(await ext(`document.querySelector('#font-size')?.value`), '24', 'default size');

    // A choice made in the form is stored (storage.sync) and comes back on a fresh load.
    await ext(`(() => {
      const select = document.querySelector('#font-size');
      select.value = '32';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    await waitFor(
      bidi,
      options,
      'the size stored',
      `browser.storage.sync.get('prefs').then((s) => s.prefs?.fontSize)`,
      (v) => v === 32,
    );
    await bidi.send('browsingContext.reload', { context: options, wait: 'complete' });
    await waitFor(
      bidi,
      options,
      'the stored size in the reloaded form',
      `document.querySelector('#font-size')?.value`,
      (v) => v === '32',
    );
  });

  test('the content script opens a styled care view on an article and restores the page', async () => {
    const url = `${server.url}${ARTICLE}`;
    const page = await openTab(url);
    const tabId = await tabIdOf(url);
    await evaluate(bidi, page, 'window.scrollTo(0, 600)');
    const before = await view(page);
    assert.equal(before.present, false);
    assert.ok(before.scrollY > 0, 'the page scrolled');

    assert.equal(await toggle(tabId), true, 'the content script says care mode is on');
    const on = await waitFor<ViewState>(bidi, page, 'the care view', VIEW_STATE, (v) =>
      Boolean(v.h1),
    );
    assert.ok(on.shadow, 'an open shadow root');
    assert.equal(on.h1, TRUTH.title);
    assert.ok(on.paragraphs >= 5, `article paragraphs: ${on.paragraphs}`);
    for (const s of TRUTH.must_include) assert.ok(on.text.includes(s), `missing: ${s}`);
    for (const s of TRUTH.must_exclude) assert.ok(!on.text.includes(s), `leaked: ${s}`);
    // Constructed stylesheets adopted from a content script: the view is actually styled.
    assert.ok(on.sheets >= 1, 'the shadow root adopted the view stylesheet');
    assert.equal(on.rootFont, '32px', 'the stored text size reaches the view');
    assert.ok(on.paraFontPx >= 20, `article text is large: ${on.paraFontPx}px`);
    assert.ok(on.viewHeight > 0, 'the view is laid out');
    assert.equal(on.bodyInert, true, 'the page beneath is inert');
    assert.equal(on.bodyHidden, 'true');
    // The page's own sheet (document.adoptedStyleSheets from the content script), not the
    // style-attribute fallback.
    assert.equal(on.htmlOverflow, 'clip', 'no page scrolling beneath the view');
    assert.equal(on.htmlStyleAttr, null, 'the page markup is untouched');
    // The content script told the background (runtime.sendMessage → badge).
    await waitFor(
      bidi,
      options,
      'the badge',
      `browser.browserAction.getBadgeText({ tabId: ${tabId} })`,
      (t) => t !== '',
    );

    // The same toggle again closes it, and the page is as it was.
    assert.equal(await toggle(tabId), false);
    const off = await view(page);
    assert.equal(off.present, false);
    assert.equal(off.bodyInert, false);
    assert.equal(off.bodyHidden, null);
    assert.notEqual(off.htmlOverflow, 'clip');
    assert.equal(off.scrollY, before.scrollY, 'scroll position restored');
    await waitFor(
      bidi,
      options,
      'the badge cleared',
      `browser.browserAction.getBadgeText({ tabId: ${tabId} })`,
      (t) => t === '',
    );

    // Open again (the script is already there: a message, no second injection), leave by Esc.
    assert.equal(await toggle(tabId), true);
    await waitFor<ViewState>(bidi, page, 'the care view again', VIEW_STATE, (v) => Boolean(v.h1));
    assert.equal(
      await evaluate(bidi, page, `document.querySelectorAll('care-mode-root').length`),
      1,
      'one view',
    );
    await keys(page, KEY.escape);
    const gone = await waitFor<ViewState>(
      bidi,
      page,
      'the view closed by Esc',
      VIEW_STATE,
      (v) => !v.present,
    );
    assert.equal(gone.bodyInert, false);
    assert.equal(gone.scrollY, before.scrollY);
    await bidi.send('browsingContext.close', { context: page });
  });

  test('a site listed in the options page opens its articles with no click', async () => {
    // Typed and submitted with real key presses: permissions.request needs user input.
    await bidi.send('browsingContext.activate', { context: options });
    await ext(`document.querySelector('#site-input').focus()`);
    await keys(options, ...'127.0.0.1', KEY.enter);
    await waitFor(
      bidi,
      options,
      'the listed site',
      `Boolean(document.querySelector('li[data-site="127.0.0.1"]'))`,
    );
    const matches = await waitFor<string[]>(
      bidi,
      options,
      'the registered content script',
      `browser.scripting.getRegisteredContentScripts().then((s) => s.flatMap((c) => c.matches))`,
      (m) => m.length > 0,
    );
    assert.deepEqual(matches.sort(), ['http://127.0.0.1/*', 'https://127.0.0.1/*']);

    const url = `${server.url}${ARTICLE}?auto`;
    const page = await openTab(url);
    const on = await waitFor<ViewState>(bidi, page, 'care mode by itself', VIEW_STATE, (v) =>
      Boolean(v.h1),
    );
    assert.equal(on.h1, TRUTH.title);
    assert.ok(on.paraFontPx >= 20, `article text is large: ${on.paraFontPx}px`);

    // Removed from the list: the registration goes.
    await click(options, 'li[data-site="127.0.0.1"] [data-cm-button="remove-site"]');
    await waitFor<string[]>(
      bidi,
      options,
      'the registration removed',
      `browser.scripting.getRegisteredContentScripts().then((s) => s.flatMap((c) => c.matches))`,
      (m) => m.length === 0,
    );
    // …and the next load of the same page is left alone: no script, no view.
    const tabId = await tabIdOf(url);
    const scriptRan = () =>
      ext<boolean>(`browser.scripting
        .executeScript({ target: { tabId: ${tabId} }, func: () => globalThis.__careModeLoaded === true })
        .then(([r]) => r?.result === true)`);
    assert.equal(await scriptRan(), true, 'the marker is seen where the script ran');
    await bidi.send('browsingContext.reload', { context: page, wait: 'complete' });
    // document_idle scripts run once the loaded page is idle: wait for two idle periods.
    await evaluate(
      bidi,
      page,
      'new Promise((r) => requestIdleCallback(() => requestIdleCallback(() => r(true))))',
    );
    assert.equal(await scriptRan(), false, 'no content script after removal');
    assert.equal((await view(page)).present, false);
    await bidi.send('browsingContext.close', { context: page });
  });

  test('the popup, opened for a tab, switches care mode there with its big button', async () => {
    const url = `${server.url}${ARTICLE}?popup`;
    const page = await openTab(url);
    const tabId = await tabIdOf(url);
    const popupUrl = `${BASE}/popup.html?tab=${tabId}`;
    // Extension pages cannot be navigated to over BiDi: the options page opens it.
    await ext(`browser.tabs.create({ url: ${JSON.stringify(popupUrl)} }).then(() => true)`);
    let popup = '';
    for (let i = 0; i < 100 && !popup; i++) {
      popup = (await tree()).find((c) => c.url === popupUrl)?.context ?? '';
      if (!popup) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(popup, 'the popup page opened');
    const label = `document.querySelector('[data-cm-button="toggle"]')?.textContent ?? ''`;
    await waitFor<string>(bidi, popup, 'the popup ready for the tab', label, (l) =>
      l.includes(messages.enterCareMode!.message),
    );
    await click(popup, '[data-cm-button="toggle"]');
    const on = await waitFor<ViewState>(bidi, page, 'the care view', VIEW_STATE, (v) =>
      Boolean(v.h1),
    );
    assert.equal(on.h1, TRUTH.title);
    await waitFor<string>(bidi, popup, 'the popup to say it is on', label, (l) =>
      l.includes(messages.leaveCareMode!.message),
    );

    await click(popup, '[data-cm-button="toggle"]');
    await waitFor<ViewState>(bidi, page, 'the view closed', VIEW_STATE, (v) => !v.present);
    await bidi.send('browsingContext.close', { context: popup });
    await bidi.send('browsingContext.close', { context: page });
  });

  test('a link followed from the care view opens the next page of the site in care mode', async () => {
    // The site is not listed (the previous test removed it): only the background's memory of
    // the followed link (storage.session, tabs.onUpdated, scripting) can open the next page.
    const source = readFileSync(join(SHARED_FIXTURES, 'cn-163-article/source.html'), 'utf8');
    const withLink = source.replace(
      '参加2023上海国际友好城市合作论坛。',
      '参加<a href="/follow/next">2023上海国际友好城市合作论坛</a>。',
    );
    assert.notEqual(withLink, source, 'the fixture still has the sentence to link');
    server.pages.set('/follow/first', { body: withLink });
    server.pages.set('/follow/next', { body: source });
    const url = `${server.url}/follow/first`;
    const page = await openTab(url);
    assert.equal(await toggle(await tabIdOf(url)), true);
    await waitFor<ViewState>(bidi, page, 'the care view', VIEW_STATE, (v) => Boolean(v.h1));

    await click(page, '.cm-body a[href$="/follow/next"]', true);
    await waitFor<string>(
      bidi,
      page,
      'the next page',
      'location.pathname',
      (p) => p === '/follow/next',
    );
    const next = await waitFor<ViewState>(
      bidi,
      page,
      'care mode on the next page',
      VIEW_STATE,
      (v) => Boolean(v.h1),
    );
    assert.equal(next.h1, TRUTH.title);
    await bidi.send('browsingContext.close', { context: page });
  });
});
