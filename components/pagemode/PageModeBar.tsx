import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Settings, stepFontSize } from '../../lib/prefs/schema.ts';
import { acceptEvent, Button } from '../controls/Button.tsx';
import { cssVars } from '../reader/styles.ts';
import { resolveTheme, safeTranslate, type Translate } from '../reader/view-model.ts';
import { pageZoom } from './styles.ts';

/**
 * The floating toolbar of page mode: says the page is enlarged, makes it bigger or smaller
 * (the reader's own font size setting) and goes back to the original page. A function of its
 * props; the content script applies the page's stylesheet.
 */

export interface PageModeActions {
  exit(): void;
  setFontSize(px: number): void;
}

export interface PageModeBarProps {
  settings: Settings;
  t: Translate;
  actions: PageModeActions;
  prefersDark?: boolean;
  uiLang?: string;
  /** Ignore script-dispatched clicks and keys (tests pass false). */
  trustedOnly?: boolean;
}

export function PageModeBar({
  settings,
  t: rawT,
  actions,
  prefersDark = false,
  uiLang,
  trustedOnly = true,
}: PageModeBarProps) {
  const t = useMemo(() => safeTranslate(rawT), [rawT]);
  const theme = resolveTheme(settings, prefersDark);
  const vars = cssVars(settings, theme);
  const rootRef = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('');
  const latest = useRef({ settings, actions });
  latest.current = { settings, actions };

  // Keyboard users start on the bar: it says what happened and how to undo it.
  useEffect(() => {
    rootRef.current?.focus();
  }, []);

  const zoomPercent = Math.round(pageZoom(settings.fontSize) * 100);
  const announced = useRef(zoomPercent);
  useEffect(() => {
    if (announced.current !== zoomPercent) setStatus(t('pageModeZoomNow', [String(zoomPercent)]));
    announced.current = zoomPercent;
  }, [zoomPercent, t]);

  const step = useCallback((direction: 1 | -1) => {
    const { settings: s, actions: a } = latest.current;
    const next = stepFontSize(s.fontSize, direction);
    if (next !== s.fontSize) a.setFontSize(next);
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!acceptEvent(event, trustedOnly) || event.defaultPrevented || event.isComposing) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    let handled = true;
    if (event.key === 'Escape' || event.key === 'Esc') latest.current.actions.exit();
    else if (event.key === '+' || event.key === '=' || event.key === 'Add') step(1);
    else if (event.key === '-' || event.key === 'Subtract') step(-1);
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  // The bar's own keys (Esc, +, −) are delegated from the buttons inside.
  return (
    <section
      class={`cm-pagebar cm-theme-${theme.id}`}
      style={vars}
      lang={uiLang}
      data-theme={theme.id}
      data-state="page"
      tabIndex={-1}
      ref={rootRef}
      onKeyDown={onKeyDown}
      aria-label={t('pageModeLabel')}
    >
      <p class="cm-pagebar-title">{t('pageModeTitle', [String(zoomPercent)])}</p>
      <Button
        label={t('textSmaller')}
        icon="A−"
        onPress={() => step(-1)}
        trustedOnly={trustedOnly}
        name="smaller"
      />
      <Button
        label={t('textLarger')}
        icon="A+"
        onPress={() => step(1)}
        trustedOnly={trustedOnly}
        name="larger"
      />
      <Button
        label={t('backToPage')}
        icon="←"
        onPress={() => latest.current.actions.exit()}
        trustedOnly={trustedOnly}
        name="exit"
      />
      <div class="cm-sr-only" role="status" aria-live="polite">
        {status}
      </div>
    </section>
  );
}
