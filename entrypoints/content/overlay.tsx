import { render } from 'preact';
import browser from 'webextension-polyfill';
import { HeadlineList } from '../../components/headlines/HeadlineList';
import { LIST_CSS } from '../../components/headlines/styles';
import { PageModeBar } from '../../components/pagemode/PageModeBar';
import { PAGE_BAR_CSS } from '../../components/pagemode/styles';
import { ReaderView } from '../../components/reader/ReaderView';
import { cssVars, cssVarsText, READER_CSS } from '../../components/reader/styles';
import { articleScript, resolveTheme } from '../../components/reader/view-model';
import { ReadAloud } from '../../components/speech/ReadAloud';
import { SPEECH_CSS } from '../../components/speech/styles';
import type { SpeechBackend } from '../../components/speech/types';
import { checkLimits } from '../../lib/article/limits';
import type { ReadOutput } from '../../lib/article/read';
import { readDocument } from '../../lib/article/read';
import { createSanitizer } from '../../lib/article/sanitize';
import { repairSettings, type Settings } from '../../lib/prefs/schema';
import { loadSettings, saveSettings } from '../../lib/prefs/store';
import { applyPageStyle, type PageStyle } from './page-mode';
import { createSpeech } from './speech';

/**
 * The only code that touches the live page: mounts <care-mode-root> (open shadow root) over
 * it, hides the page from screen readers and the Tab key while open, and puts every change
 * back on exit (attributes, scroll position, focus).
 */

const ROOT_TAG = 'care-mode-root';

interface Saved {
  scrollX: number;
  scrollY: number;
  focus: Element | null;
  /** Attributes we set on <body>, with their previous values (null = absent). */
  bodyAttrs: [string, string | null][];
  /** The <html> style attribute as the page had it (null = absent), restored exactly. */
  htmlStyle: string | null;
}

export interface Overlay {
  isOpen(): boolean;
  /** auto: opened by a listed site, not by the reader; only an article page takes over. */
  open(options?: { auto?: boolean }): Promise<void>;
  close(): void;
}

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs) || key;

/** e2e builds only: timings on the host for scripts/bench-view.ts. Never in a shipped build. */
const E2E = (import.meta.env as { MODE?: string }).MODE === 'e2e';

/**
 * Marks the host with the time from `started` to the first painted frame of the view, and
 * the extraction time within it. A task queued from a frame callback runs after that frame
 * is painted.
 */
function markPainted(el: HTMLElement, started: number, readMs: number, signal: AbortSignal) {
  const frame = requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (signal.aborted) return;
      const now = performance.now();
      el.dataset.careMs = (now - started).toFixed(1);
      el.dataset.careReadMs = readMs.toFixed(1);
      el.dataset.carePaintedAt = (performance.timeOrigin + now).toFixed(1);
    };
    channel.port2.postMessage(null);
  });
  signal.addEventListener('abort', () => cancelAnimationFrame(frame));
}

function readPage(): ReadOutput {
  // Too large or too deep: say so before paying for a clone of the whole page.
  const limit = checkLimits(document);
  if (limit) return { result: { kind: 'error', reason: limit, lang: '' }, fragment: null };
  // Work on a clone: extraction rewrites the tree, and the page must stay exactly as it was.
  const clone = document.cloneNode(true) as Document;
  // A non-article gets a second, untouched clone for its headline list (articles never pay).
  return readDocument(clone, {
    url: location.href,
    sanitize: createSanitizer(window),
    original: () => document.cloneNode(true) as Document,
  });
}

export function createOverlay(onState: (on: boolean) => void): Overlay {
  let host: HTMLElement | null = null;
  let saved: Saved | null = null;
  let controller: AbortController | null = null;
  let settings: Settings = repairSettings({}).settings;
  let output: ReadOutput | null = null;
  let sheet: CSSStyleSheet | null = null;
  let speech: SpeechBackend | null = null;
  /** Page mode (neither article nor list): the page's own stylesheet, removed on exit. */
  let pageStyle: PageStyle | null = null;
  const isPageMode = () => output?.result.kind === 'not-article';

  const sync = browser.storage.sync;
  const local = browser.storage.local;

  const hostCss = (s: Settings) => {
    const article = output?.result.kind === 'article' ? output.result.article : null;
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    if (isPageMode())
      return `${PAGE_BAR_CSS}\n:host { ${cssVarsText(cssVars(s, resolveTheme(s, dark)), true)} }`;
    return `${READER_CSS}\n${LIST_CSS}\n${SPEECH_CSS}\n:host { ${cssVarsText(cssVars(s, resolveTheme(s, dark), articleScript(article)), true)} }`;
  };

  const update = (next: Settings) => {
    settings = next;
    if (!host?.shadowRoot) return;
    sheet?.replaceSync(hostCss(settings));
    pageStyle?.update(
      resolveTheme(next, matchMedia('(prefers-color-scheme: dark)').matches),
      next.fontSize,
    );
    draw();
  };

  const persist = (patch: Partial<Settings>) => {
    const next = repairSettings({ ...settings, ...patch }).settings;
    update(next);
    void saveSettings(next, sync, local).catch(() => undefined);
  };

  const draw = () => {
    const shadow = host?.shadowRoot;
    const mount = shadow?.getElementById('care-mode-app');
    if (!mount || !output) return;
    const result = output.result;
    if (result.kind === 'not-article') {
      render(
        <PageModeBar
          settings={settings}
          t={t}
          uiLang={browser.i18n.getUILanguage()}
          prefersDark={matchMedia('(prefers-color-scheme: dark)').matches}
          actions={{ exit: () => close(), setFontSize: (px) => persist({ fontSize: px }) }}
        />,
        mount,
      );
      return;
    }
    render(
      <ReaderView
        article={result.kind === 'article' ? result.article : null}
        body={output.fragment}
        // Pages judged not to be an article got the page mode above; only real failures
        // (too large, unreadable) reach the message, with their reason.
        error={result.kind === 'error' ? result.reason : null}
        settings={settings}
        t={t}
        uiLang={browser.i18n.getUILanguage()}
        prefersDark={matchMedia('(prefers-color-scheme: dark)').matches}
        list={result.kind === 'list' ? <HeadlineList list={result} t={t} /> : undefined}
        toolbarExtra={
          result.kind === 'article' && speech ? (
            <ReadAloud
              backend={speech}
              article={result.article}
              settings={settings}
              t={t}
              uiLang={browser.i18n.getUILanguage()}
            />
          ) : undefined
        }
        actions={{
          exit: () => close(),
          setFontSize: (px) => persist({ fontSize: px }),
          setTheme: (id) => persist({ theme: id as Settings['theme'] }),
          setShowImages: (show) => persist({ showImages: show }),
          // The page's host lets the options page offer "always use Care Mode on this site".
          openSettings: () =>
            void browser.runtime.sendMessage(
              /^https?:$/.test(location.protocol) && location.hostname
                ? { type: 'care:open-options', host: location.hostname }
                : { type: 'care:open-options' },
            ),
        }}
      />,
      mount,
    );
  };

  async function open(options: { auto?: boolean } = {}): Promise<void> {
    if (host) return;
    const started = performance.now();
    controller = new AbortController();
    const { signal } = controller;
    saved = {
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      focus: document.activeElement,
      bodyAttrs: [],
      htmlStyle: document.documentElement.getAttribute('style'),
    };
    // The storage round trip runs while the page is read.
    const loading = loadSettings(sync, local);
    const readStart = performance.now();
    output = readPage();
    const readMs = performance.now() - readStart;
    settings = (await loading).settings;
    // A listed site's non-article pages (home, lists, video) stay as they are.
    if (options.auto && output.result.kind !== 'article') {
      controller.abort();
      controller = null;
      saved = null;
      output = null;
      return;
    }

    host = document.createElement(ROOT_TAG);
    let shadow: ShadowRoot;
    try {
      shadow = host.attachShadow({ mode: 'open' });
    } catch {
      // The page defined <care-mode-root> itself (and took its shadow root): use a name it
      // cannot know instead of failing silently.
      host = document.createElement(`${ROOT_TAG}-${Math.random().toString(36).slice(2, 10)}`);
      shadow = host.attachShadow({ mode: 'open' });
    }
    // A constructed stylesheet is not subject to the page's style-src CSP, and page CSS
    // cannot cross the shadow boundary.
    sheet = new CSSStyleSheet();
    sheet.replaceSync(hostCss(settings));
    shadow.adoptedStyleSheets = [sheet];
    const mount = document.createElement('div');
    mount.id = 'care-mode-app';
    shadow.appendChild(mount);
    document.documentElement.appendChild(host);
    // The top layer: above anything the page stacks at any z-index, even added later (a
    // manual popover never light-dismisses). Page mode's bar sits with the page instead.
    if (!isPageMode() && typeof host.showPopover === 'function')
      try {
        host.popover = 'manual';
        host.showPopover();
      } catch {
        // Not supported: the :host z-index still puts us above nearly everything.
      }
    // Speech lives as long as the view: aborting the signal on exit cancels it.
    speech = createSpeech(host, signal);

    // The page beneath leaves the accessibility tree and the tab order while the view is open.
    const body = document.body;
    // Page mode keeps the page itself usable: it is what the reader uses.
    if (body && !isPageMode()) {
      for (const [name, value] of [
        ['inert', ''],
        ['aria-hidden', 'true'],
      ] as const) {
        saved.bodyAttrs.push([name, body.getAttribute(name)]);
        body.setAttribute(name, value);
      }
    }
    // No second scrollbar beside the view's own, and no page scrolling beneath it. 'clip' on
    // the root acts as 'hidden' for the window, without making <html> a clipping box for the
    // view inside it (accessibility checkers then treat the view as cut off below the page).
    // A page's transform, filter, zoom or opacity on <html> would shrink or hide the view
    // (position: fixed is relative to a transformed root): neutralised while open. Printing
    // from the view prints the article alone. Both in one constructed sheet (no style-src CSP
    // applies to it), so the page's own markup is never touched; removed on exit.
    if (!isPageMode())
      try {
        const pageSheet = new CSSStyleSheet();
        pageSheet.replaceSync(
          ':root { overflow: clip !important; transform: none !important; filter: none !important; zoom: 1 !important; opacity: 1 !important; }\n' +
            '@media print { body { display: none !important; } :root { overflow: visible !important; } }',
        );
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
        signal.addEventListener('abort', () => {
          document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== pageSheet);
        });
      } catch {
        // A browser that refuses a content script's sheet on the document: at least no
        // second scrollbar (the style attribute is restored exactly on exit).
        document.documentElement.style.setProperty('overflow', 'clip', 'important');
      }
    if (isPageMode()) {
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      pageStyle = applyPageStyle(resolveTheme(settings, dark), settings.fontSize);
      signal.addEventListener('abort', () => {
        pageStyle?.remove();
        pageStyle = null;
      });
    }
    draw();
    // Following a link from the view (or from the page, in page mode) keeps care mode on for
    // the tab's next page on this site (the background reopens it there).
    (isPageMode() ? document : shadow).addEventListener('click', onFollow, { signal });

    browser.storage.onChanged.addListener(onStorage);
    signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage));
    // The page may remove or restyle our root: then we leave cleanly instead of half-working.
    const observer = new MutationObserver(() => {
      if (host && !host.isConnected) close();
    });
    observer.observe(document.documentElement, { childList: true });
    signal.addEventListener('abort', () => observer.disconnect());
    // 'Same as the system' follows a light/dark switch made while the view is open.
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => update(settings), {
      signal,
    });
    // Focus can end up outside the view (on the inert body, after a page script moved it):
    // Esc still leaves. Inside the view, ReaderView handles Esc and stops it.
    window.addEventListener(
      'keydown',
      (event) => {
        // In page mode the page is in use, and Esc is the page's (its dialogs, its player).
        if (event.key !== 'Escape' || !event.isTrusted || event.isComposing || isPageMode()) return;
        if (event.defaultPrevented || (host && event.composedPath().includes(host))) return;
        close();
      },
      { signal },
    );
    if (E2E) markPainted(host, started, readMs, signal);
    onState(true);
  }

  /** A plain click (or Enter) on a web link: tell the background before the page unloads. */
  function onFollow(event: Event) {
    if (!event.isTrusted || event.defaultPrevented || !(event instanceof MouseEvent)) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
      return;
    const link = event
      .composedPath()
      .find(
        (n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement && n.hasAttribute('href'),
      );
    if (!link || link.hasAttribute('download') || !/^https?:$/.test(link.protocol)) return;
    if (link.target && link.target !== '_self') return;
    void browser.runtime.sendMessage({ type: 'care:follow' }).catch(() => undefined);
  }

  function onStorage(_changes: unknown, area: string) {
    if (area !== 'sync' && area !== 'local') return;
    void loadSettings(sync, local).then((r) => update(r.settings));
  }

  function close(): void {
    if (!host || !saved) return;
    const s = saved;
    const mount = host.shadowRoot?.getElementById('care-mode-app');
    if (mount) render(null, mount);
    host.remove();
    host = null;
    controller?.abort();
    controller = null;
    speech = null;
    const body = document.body;
    if (body) {
      for (const [name, value] of s.bodyAttrs) {
        if (value === null) body.removeAttribute(name);
        else body.setAttribute(name, value);
      }
    }
    if (s.htmlStyle === null) document.documentElement.removeAttribute('style');
    else document.documentElement.setAttribute('style', s.htmlStyle);
    window.scrollTo(s.scrollX, s.scrollY);
    if (s.focus instanceof HTMLElement && s.focus.isConnected)
      s.focus.focus({ preventScroll: true });
    saved = null;
    output = null;
    onState(false);
  }

  return { isOpen: () => host !== null, open, close };
}
