import { render } from 'preact';
import browser from 'webextension-polyfill';
import { ReaderView } from '../../components/reader/ReaderView';
import { cssVars, cssVarsText, READER_CSS } from '../../components/reader/styles';
import { articleScript, resolveTheme } from '../../components/reader/view-model';
import type { ReadOutput } from '../../lib/article/read';
import { readDocument } from '../../lib/article/read';
import { createSanitizer } from '../../lib/article/sanitize';
import { repairSettings, type Settings } from '../../lib/prefs/schema';
import { loadSettings, saveSettings } from '../../lib/prefs/store';

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
  htmlOverflow: string;
}

export interface Overlay {
  isOpen(): boolean;
  /** auto: opened by a listed site, not by the reader; only an article page takes over. */
  open(options?: { auto?: boolean }): Promise<void>;
  close(): void;
}

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs) || key;

function readPage(): ReadOutput {
  // Work on a clone: extraction rewrites the tree, and the page must stay exactly as it was.
  const clone = document.cloneNode(true) as Document;
  return readDocument(clone, { url: location.href, sanitize: createSanitizer(window) });
}

export function createOverlay(onState: (on: boolean) => void): Overlay {
  let host: HTMLElement | null = null;
  let saved: Saved | null = null;
  let controller: AbortController | null = null;
  let settings: Settings = repairSettings({}).settings;
  let output: ReadOutput | null = null;
  let sheet: CSSStyleSheet | null = null;

  const sync = browser.storage.sync;
  const local = browser.storage.local;

  const hostCss = (s: Settings) => {
    const article = output?.result.kind === 'article' ? output.result.article : null;
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    return `${READER_CSS}\n:host { ${cssVarsText(cssVars(s, resolveTheme(s, dark), articleScript(article)))} }`;
  };

  const update = (next: Settings) => {
    settings = next;
    if (!host?.shadowRoot) return;
    sheet?.replaceSync(hostCss(settings));
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
    render(
      <ReaderView
        article={result.kind === 'article' ? result.article : null}
        body={output.fragment}
        error={result.kind === 'not-article' || result.kind === 'error' ? result.reason : null}
        settings={settings}
        t={t}
        uiLang={browser.i18n.getUILanguage()}
        prefersDark={matchMedia('(prefers-color-scheme: dark)').matches}
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
    controller = new AbortController();
    const { signal } = controller;
    saved = {
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      focus: document.activeElement,
      bodyAttrs: [],
      htmlOverflow: document.documentElement.style.overflow,
    };
    settings = (await loadSettings(sync, local)).settings;
    output = readPage();
    // A listed site's non-article pages (home, lists, video) stay as they are.
    if (options.auto && output.result.kind !== 'article') {
      controller.abort();
      controller = null;
      saved = null;
      output = null;
      return;
    }

    host = document.createElement(ROOT_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    // A constructed stylesheet is not subject to the page's style-src CSP, and page CSS
    // cannot cross the shadow boundary.
    sheet = new CSSStyleSheet();
    sheet.replaceSync(hostCss(settings));
    shadow.adoptedStyleSheets = [sheet];
    const mount = document.createElement('div');
    mount.id = 'care-mode-app';
    shadow.appendChild(mount);
    document.documentElement.appendChild(host);

    // The page beneath leaves the accessibility tree and the tab order while the view is open.
    const body = document.body;
    if (body) {
      for (const [name, value] of [
        ['inert', ''],
        ['aria-hidden', 'true'],
      ] as const) {
        saved.bodyAttrs.push([name, body.getAttribute(name)]);
        body.setAttribute(name, value);
      }
    }
    document.documentElement.style.overflow = 'hidden';
    draw();

    browser.storage.onChanged.addListener(onStorage);
    signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage));
    // The page may remove or restyle our root: then we leave cleanly instead of half-working.
    const observer = new MutationObserver(() => {
      if (host && !host.isConnected) close();
    });
    observer.observe(document.documentElement, { childList: true });
    signal.addEventListener('abort', () => observer.disconnect());
    onState(true);
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
    const body = document.body;
    if (body) {
      for (const [name, value] of s.bodyAttrs) {
        if (value === null) body.removeAttribute(name);
        else body.setAttribute(name, value);
      }
    }
    document.documentElement.style.overflow = s.htmlOverflow;
    if (!document.documentElement.getAttribute('style'))
      document.documentElement.removeAttribute('style');
    window.scrollTo(s.scrollX, s.scrollY);
    if (s.focus instanceof HTMLElement && s.focus.isConnected)
      s.focus.focus({ preventScroll: true });
    saved = null;
    output = null;
    onState(false);
  }

  return { isOpen: () => host !== null, open, close };
}
