import browser, { type Runtime } from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isMessage, isOwnSender } from '../../lib/messages';
import { siteMatcher } from '../../lib/prefs/sites';
import { loadSettings } from '../../lib/prefs/store';
import { createOverlay } from './overlay';

/**
 * Injected two ways, never declared for every site:
 * - on demand (toolbar button, shortcut): the background sets ON_DEMAND_FLAG first, then
 *   sends a toggle;
 * - at page load on the reader's listed sites (scripting.registerContentScripts in the
 *   background): then it opens care mode by itself, on article pages only.
 * A second injection into the same page finds the first one and does nothing.
 */

/** Set in this isolated world by the background just before an on-demand injection. */
const ON_DEMAND_FLAG = '__careModeOnDemand';
const LOADED_FLAG = '__careModeLoaded';

/** After an in-page navigation, wait this long without DOM changes before reading the page. */
const QUIET_MS = 600;
/** …but never longer than this (pages with tickers and carousels never go quiet). */
const SETTLE_MAX_MS = 5000;
/** Location check interval where the Navigation API is missing (Firefox before 147). */
const POLL_MS = 1000;

export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main(ctx) {
    const scope = globalThis as unknown as Record<string, boolean | undefined>;
    if (scope[LOADED_FLAG]) return;
    scope[LOADED_FLAG] = true;
    const onDemand = scope[ON_DEMAND_FLAG] === true;

    const overlay = createOverlay((on) => {
      void browser.runtime.sendMessage({ type: 'care:state', on }).catch(() => undefined);
    });

    // Opening is async (settings, extraction): one step at a time, so an automatic open and
    // the reader's toggle never both mount a view.
    let queue: Promise<unknown> = Promise.resolve();
    const run = <T>(step: () => T | Promise<T>): Promise<T> => {
      const next = queue.then(step, step);
      queue = next.catch(() => undefined);
      return next;
    };

    browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
      if (!isOwnSender(sender, browser.runtime.id) || !isMessage(message)) return undefined;
      if (message.type === 'care:toggle') {
        return run(async () => {
          if (overlay.isOpen()) overlay.close();
          else await overlay.open();
          return overlay.isOpen();
        });
      }
      if (message.type === 'care:exit') return run(() => overlay.close()).then(() => false);
      // The reader followed a link in care mode to this page: open it here too, unless it is on.
      if (message.type === 'care:resume')
        return run(async () => {
          if (!overlay.isOpen()) await overlay.open();
          return overlay.isOpen();
        });
      // Answered after any pending automatic check, so "off" means it decided.
      if (message.type === 'care:query') return run(() => overlay.isOpen());
      return undefined;
    });

    if (!onDemand) watchListedSite(ctx.signal, overlay, run);
  },
});

type Run = <T>(step: () => T | Promise<T>) => Promise<T>;

/** This page's address without the fragment: '#section' jumps are not new pages. */
const pageKey = () => location.href.split('#')[0] ?? '';

/** Opens care mode by itself when this page's site is listed and the page is an article. */
async function autoOpen(overlay: ReturnType<typeof createOverlay>): Promise<boolean> {
  if (overlay.isOpen()) return true;
  const { settings } = await loadSettings(browser.storage.sync, browser.storage.local);
  // Read the list every time: a site removed in the options page stops at the next check.
  if (!siteMatcher(settings.sites)(location.hostname)) return false;
  await overlay.open({ auto: true });
  return overlay.isOpen();
}

/** Resolves once the DOM has been quiet for QUIET_MS (or SETTLE_MAX_MS passed); true if it changed. */
function settled(signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    let changed = false;
    let quiet = 0;
    const done = () => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      signal.removeEventListener('abort', done);
      resolve(changed && !signal.aborted);
    };
    const observer = new MutationObserver(() => {
      changed = true;
      clearTimeout(quiet);
      quiet = window.setTimeout(done, QUIET_MS);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    quiet = window.setTimeout(done, QUIET_MS);
    const limit = window.setTimeout(done, SETTLE_MAX_MS);
    signal.addEventListener('abort', done);
  });
}

function watchListedSite(signal: AbortSignal, overlay: ReturnType<typeof createOverlay>, run: Run) {
  // Load: read the page as it is at document_idle; a page that builds its article with
  // scripts afterwards gets one more look once it stops changing.
  void run(() => autoOpen(overlay)).then(async (opened) => {
    if (opened || signal.aborted) return;
    if (await settled(signal)) await run(() => autoOpen(overlay));
  });

  // Single-page sites change the address with history.pushState: that is a new page.
  let last = pageKey();
  const onLocation = () => {
    const key = pageKey();
    if (key === last) return;
    last = key;
    // The reader is reading; a site rewriting its address under the view changes nothing.
    if (overlay.isOpen()) return;
    void settled(signal).then(() => {
      if (!signal.aborted && pageKey() === key) void run(() => autoOpen(overlay));
    });
  };
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    nav.addEventListener('currententrychange', onLocation, { signal });
  } else {
    const timer = window.setInterval(onLocation, POLL_MS);
    signal.addEventListener('abort', () => clearInterval(timer));
  }
  window.addEventListener('popstate', onLocation, { signal });
}
