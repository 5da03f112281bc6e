import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../../lib/article/types.ts';
import { type Settings, stepFontSize } from '../../lib/prefs/schema.ts';
import { acceptEvent, Button } from '../controls/Button.tsx';
import { ImageZoom, type ZoomedImage } from './ImageZoom.tsx';
import { cssVars } from './styles.ts';
import {
  articleScript,
  failureText,
  metaParts,
  nextThemeId,
  resolveTheme,
  safeTranslate,
  separator,
  type Translate,
  themeNameKey,
} from './view-model.ts';

export interface ReaderActions {
  exit(): void;
  setFontSize(px: number): void;
  setTheme(id: string): void;
  setShowImages(show: boolean): void;
  openSettings(): void;
}

export interface ReaderViewProps {
  article: Article | null;
  /** The sanitized body. Its nodes are appended (never serialized into innerHTML). */
  body: DocumentFragment | null;
  /** Why the page could not be read (a lib/article reason or a message), or null. */
  error: string | null;
  settings: Settings;
  /** i18n lookup, e.g. (key, subs) => browser.i18n.getMessage(key, subs). */
  t: Translate;
  actions: ReaderActions;
  /** What 'auto' resolves to: the content script passes matchMedia('(prefers-color-scheme: dark)'). */
  prefersDark?: boolean;
  /** Language of the UI strings (the lang attribute of toolbar and messages). */
  uiLang?: string;
  /** Extra toolbar controls (the read-aloud control), placed before Settings. */
  toolbarExtra?: ComponentChildren;
  /**
   * A page that is not an article but a list of headlines (components/headlines/HeadlineList):
   * shown under the same toolbar in place of an article, when `article` is null.
   */
  list?: ComponentChildren;
  /**
   * Ignore untrusted (script-dispatched) clicks and keys. Default true; tests pass false
   * because happy-dom's synthesized events are untrusted.
   */
  trustedOnly?: boolean;
}

/** Every fragment is prepared once; its nodes are remembered so a remount can re-append them. */
const preparedBodies = new WeakMap<DocumentFragment, Node[]>();

function wrapTables(root: DocumentFragment, t: Translate): void {
  const doc = root.ownerDocument;
  for (const table of Array.from(root.querySelectorAll('table'))) {
    // A nested table scrolls with its outer table's wrapper.
    if (table.parentElement?.closest('table')) continue;
    const wrap = doc.createElement('div');
    wrap.className = 'cm-table-wrap';
    wrap.setAttribute('role', 'region');
    // Focusable, so a keyboard can scroll it sideways.
    wrap.tabIndex = 0;
    const caption = Array.from(table.children).find((c) => c.tagName === 'CAPTION');
    const name = (caption?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
    wrap.setAttribute('aria-label', name || t('tableRegion'));
    table.before(wrap);
    wrap.append(table);
  }
}

function prepareImages(root: DocumentFragment, t: Translate): void {
  const doc = root.ownerDocument;
  for (const img of Array.from(root.querySelectorAll('img'))) {
    // An image without alt would be announced by its file name.
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
    img.setAttribute('decoding', 'async');
    const link = img.closest('a');
    if (link) {
      // A linked image keeps its link; when it is the link's only content, hiding images
      // hides the link too (no invisible focus stop).
      if (!(link.textContent ?? '').trim()) link.classList.add('cm-img-link');
      continue;
    }
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'cm-img-btn';
    const alt = (img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    button.setAttribute('aria-label', alt ? t('zoomImageNamed', [alt]) : t('zoomImage'));
    button.setAttribute('data-zoom-hint', t('zoomHint'));
    img.before(button);
    button.append(img);
  }
}

/** Wraps tables for sideways scrolling and makes images zoomable; returns the nodes to append. */
export function prepareBody(fragment: DocumentFragment, t: Translate): Node[] {
  const known = preparedBodies.get(fragment);
  if (known) return known;
  wrapTables(fragment, t);
  prepareImages(fragment, t);
  const nodes = Array.from(fragment.childNodes);
  preparedBodies.set(fragment, nodes);
  return nodes;
}

interface ZoomState {
  image: ZoomedImage;
  trigger: HTMLElement;
}

function isElement(target: EventTarget | null): target is Element {
  return !!target && typeof (target as Element).closest === 'function';
}

/**
 * The care view: toolbar, then the article (headline, meta line, body), or a plain-words
 * message with a big button back to the page. A function of its props: no storage, no
 * browser.* calls, no access to the page.
 */
export function ReaderView({
  article,
  body,
  error,
  settings,
  t: rawT,
  actions,
  prefersDark = false,
  uiLang,
  toolbarExtra,
  list,
  trustedOnly = true,
}: ReaderViewProps) {
  const t = useMemo(() => safeTranslate(rawT), [rawT]);
  const theme = resolveTheme(settings, prefersDark);
  const script = articleScript(article);
  const vars = cssVars(settings, theme, script);
  const showArticle = article !== null;

  const headingRef = useRef<HTMLHeadingElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<ZoomState | null>(null);
  const [status, setStatus] = useState('');

  // Keep the latest values for handlers and effects without re-running them on every render
  // (callers may pass a new t or actions object each time).
  const latest = useRef({ settings, actions, zoom, t });
  latest.current = { settings, actions, zoom, t };

  // Focus moves into the view when it opens (and when a new article arrives).
  useEffect(() => {
    headingRef.current?.focus();
  }, [article, error]);

  // Append the sanitized body nodes. Never innerHTML.
  useLayoutEffect(() => {
    const container = bodyRef.current;
    if (!container) return;
    container.replaceChildren();
    if (body) container.append(...prepareBody(body, latest.current.t));
    return () => {
      container.replaceChildren();
    };
  }, [body, showArticle]);

  // Closing the zoom returns focus to the image that opened it: after the commit (while the
  // zoom is being unmounted the rest of the view is still inert), but before the next key
  // press can land on nothing.
  const zoomTrigger = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (zoom) {
      zoomTrigger.current = zoom.trigger;
      return;
    }
    const trigger = zoomTrigger.current;
    zoomTrigger.current = null;
    if (trigger?.isConnected) trigger.focus();
  }, [zoom]);

  // Hiding images closes a zoomed one.
  useEffect(() => {
    if (!settings.showImages) setZoom(null);
  }, [settings.showImages]);

  // Announce size and theme changes to screen readers (not on first render).
  const announced = useRef({ fontSize: settings.fontSize, theme: settings.theme });
  useEffect(() => {
    const before = announced.current;
    if (before.fontSize !== settings.fontSize) {
      setStatus(t('fontSizeNow', [String(settings.fontSize)]));
    } else if (before.theme !== settings.theme) {
      setStatus(t('themeNow', [t(themeNameKey(settings.theme))]));
    }
    announced.current = { fontSize: settings.fontSize, theme: settings.theme };
  }, [settings.fontSize, settings.theme, t]);

  const larger = useCallback(() => {
    const { settings: s, actions: a } = latest.current;
    const next = stepFontSize(s.fontSize, 1);
    if (next !== s.fontSize) a.setFontSize(next);
  }, []);
  const smaller = useCallback(() => {
    const { settings: s, actions: a } = latest.current;
    const next = stepFontSize(s.fontSize, -1);
    if (next !== s.fontSize) a.setFontSize(next);
  }, []);
  const closeZoom = useCallback(() => setZoom(null), []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!acceptEvent(event, trustedOnly)) return;
    if (event.defaultPrevented || event.isComposing) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const { zoom: open, actions: a } = latest.current;
    let handled = true;
    if (event.key === 'Escape' || event.key === 'Esc') {
      if (open) setZoom(null);
      else a.exit();
    } else if (open) {
      handled = false;
    } else if (event.key === '+' || event.key === '=' || event.key === 'Add') {
      larger();
    } else if (event.key === '-' || event.key === 'Subtract') {
      smaller();
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      // The page underneath must not act on our shortcuts too.
      event.stopPropagation();
    }
  };

  const onBodyClick = (event: MouseEvent) => {
    if (!acceptEvent(event, trustedOnly)) return;
    if (!isElement(event.target)) return;
    const trigger = event.target.closest('.cm-img-btn');
    const container = bodyRef.current;
    if (!trigger || !container?.contains(trigger)) return;
    const img = trigger.querySelector('img');
    if (!img) return;
    event.preventDefault();
    const caption = trigger.closest('figure')?.querySelector('figcaption')?.textContent ?? '';
    setZoom({
      image: {
        src: img.currentSrc || img.src,
        alt: img.getAttribute('alt') ?? '',
        caption: caption.replace(/\s+/g, ' ').trim(),
      },
      trigger: trigger as HTMLElement,
    });
  };

  const rootClass = [
    'cm-root',
    `cm-theme-${theme.id}`,
    `cm-script-${script}`,
    settings.showImages ? 'cm-images' : 'cm-no-images',
  ].join(' ');

  if (!showArticle && !list) {
    const { message, detail } = failureText(error, t);
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: view-wide keyboard shortcuts (Esc), delegated from the controls inside.
      <div
        class={rootClass}
        style={vars}
        lang={uiLang}
        data-theme={theme.id}
        data-state="failed"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <main class="cm-main">
          <div class="cm-message cm-failure">
            <h1 class="cm-message-title" tabIndex={-1} ref={headingRef}>
              {message}
            </h1>
            {detail ? <p class="cm-message-detail">{detail}</p> : null}
            <Button
              variant="big"
              label={t('backToPage')}
              icon="←"
              onPress={() => latest.current.actions.exit()}
              trustedOnly={trustedOnly}
              name="exit"
            />
          </div>
        </main>
      </div>
    );
  }

  const sep = separator(t);
  const meta = article ? metaParts(article).join(sep) : '';
  const title = article ? article.title.trim() || article.siteName.trim() || t('untitled') : '';

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: view-wide keyboard shortcuts (Esc, +, −), delegated from the controls inside.
    <div
      class={rootClass}
      style={vars}
      lang={uiLang}
      data-theme={theme.id}
      data-state={article ? 'article' : 'list'}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <section class="cm-toolbar" aria-label={t('toolbarLabel')} inert={zoom !== null}>
        <Button
          label={t('textSmaller')}
          icon="A−"
          onPress={smaller}
          trustedOnly={trustedOnly}
          describedBy="cm-key-hint"
          name="smaller"
        />
        <Button
          label={t('textLarger')}
          icon="A+"
          onPress={larger}
          trustedOnly={trustedOnly}
          describedBy="cm-key-hint"
          name="larger"
        />
        <Button
          label={t('theme')}
          detail={t(themeNameKey(settings.theme))}
          icon="◐"
          onPress={() => {
            const { settings: s, actions: a } = latest.current;
            a.setTheme(nextThemeId(s, prefersDark));
          }}
          trustedOnly={trustedOnly}
          name="theme"
        />
        {article ? (
          <Button
            label={settings.showImages ? t('hideImages') : t('showImages')}
            icon="▣"
            onPress={() => {
              const { settings: s, actions: a } = latest.current;
              a.setShowImages(!s.showImages);
            }}
            trustedOnly={trustedOnly}
            name="images"
          />
        ) : null}
        {toolbarExtra}
        <Button
          label={t('settings')}
          icon={'\u2699\uFE0E'}
          onPress={() => latest.current.actions.openSettings()}
          trustedOnly={trustedOnly}
          name="settings"
        />
        <Button
          label={t('backToPage')}
          icon="←"
          onPress={() => latest.current.actions.exit()}
          trustedOnly={trustedOnly}
          describedBy="cm-exit-hint"
          name="exit"
        />
        <span id="cm-key-hint" class="cm-sr-only">
          {t('keyHintSize')}
        </span>
        <span id="cm-exit-hint" class="cm-sr-only">
          {t('keyHintExit')}
        </span>
      </section>
      <main class="cm-main" inert={zoom !== null}>
        {article ? (
          <article class="cm-article" lang={article.lang || undefined} dir={article.dir}>
            <h1 class="cm-title" tabIndex={-1} ref={headingRef}>
              {title}
            </h1>
            {meta ? <p class="cm-meta">{meta}</p> : null}
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: the targets are <button>s, so Enter and Space click them. */}
            {/* biome-ignore lint/a11y/noStaticElementInteractions: delegated clicks of the image buttons inside. */}
            <div class="cm-body" ref={bodyRef} onClick={onBodyClick} />
          </article>
        ) : (
          list
        )}
      </main>
      <div class="cm-sr-only" role="status" aria-live="polite">
        {status}
      </div>
      {zoom ? (
        <ImageZoom image={zoom.image} t={t} onClose={closeZoom} trustedOnly={trustedOnly} />
      ) : null}
    </div>
  );
}
