import { useEffect, useMemo, useRef } from 'preact/hooks';
import { type Settings, stepFontSize } from '../../lib/prefs/schema.ts';
import { acceptEvent, Button } from '../controls/Button.tsx';
import { ThemeChoice } from '../options/ThemeChoice.tsx';
import { safeTranslate, type Translate } from '../reader/view-model.ts';

/**
 * The toolbar button's panel: one big button to enter or leave care mode on this tab (focused
 * as the panel opens, so Enter or a second click is all it takes), then text size, colours,
 * "always on this site" and a way to all settings. A function of (data, actions): tabs,
 * storage and permissions are the caller's (entrypoints/popup/App.tsx).
 */

export type PopupTab =
  /** Still asking the tab. */
  | { kind: 'checking' }
  /** The browser does not let extensions run here (its own pages, the web store). */
  | { kind: 'blocked' }
  /** `host` is null when the page is not a web site (a local file, say). */
  | { kind: 'ready'; on: boolean; host: string | null };

/** How this tab's site stands in the reader's list. */
export interface SiteState {
  /** The list's pattern that covers this host (itself, or e.g. *.gov.cn), or null. */
  listedBy: string | null;
  /** The host's own pattern, as the list would hold it. */
  pattern: string;
  /** The browser lets care mode run on this site by itself. */
  granted: boolean;
}

export interface PopupActions {
  toggle(): void;
  save(patch: Partial<Settings>): void;
  /** true: ask this site's permission (in the click) and list it; false: unlist it. */
  setAlwaysOn(on: boolean): void;
  openOptions(): void;
}

export interface PopupViewProps {
  tab: PopupTab;
  settings: Settings;
  site: SiteState | null;
  t: Translate;
  actions: PopupActions;
  prefersDark?: boolean;
  /** The toggle shortcut as the browser shows it ('Alt+Shift+C'), or '' when none is set. */
  shortcut?: string;
  /** Results of the last action, announced politely. */
  status: string;
  uiLang?: string;
  trustedOnly?: boolean;
}

export function PopupView({
  tab,
  settings,
  site,
  t: rawT,
  actions,
  prefersDark = false,
  shortcut = '',
  status,
  uiLang,
  trustedOnly = true,
}: PopupViewProps) {
  const t = useMemo(() => safeTranslate(rawT), [rawT]);
  const main = useRef<HTMLButtonElement>(null);
  const ready = tab.kind === 'ready';
  // The panel opens on its main button: Enter (or a click) is all it takes.
  useEffect(() => {
    if (ready) main.current?.focus();
  }, [ready]);

  const sizeButtons = (
    <div class="pp-row">
      <Button
        label={t('textSmaller')}
        icon="A−"
        name="size-down"
        trustedOnly={trustedOnly}
        onPress={() => actions.save({ fontSize: stepFontSize(settings.fontSize, -1) })}
      />
      <output class="pp-size" aria-live="polite">
        {t('pixels', [String(settings.fontSize)])}
      </output>
      <Button
        label={t('textLarger')}
        icon="A+"
        name="size-up"
        trustedOnly={trustedOnly}
        onPress={() => actions.save({ fontSize: stepFontSize(settings.fontSize, 1) })}
      />
    </div>
  );

  return (
    <main class="pp" lang={uiLang}>
      {/* Named for screen readers; sighted readers know whose panel this is. */}
      <h1 class="op-sr-only">{t('extName')}</h1>
      {tab.kind === 'blocked' ? (
        <p class="pp-blocked" data-popup="blocked">
          {t('cannotRunHere')}
        </p>
      ) : tab.kind === 'ready' ? (
        <div class="pp-main">
          <Button
            variant="big"
            className="pp-toggle"
            name="toggle"
            label={t(tab.on ? 'leaveCareMode' : 'enterCareMode')}
            buttonRef={main}
            describedBy={shortcut ? 'pp-shortcut' : undefined}
            trustedOnly={trustedOnly}
            onPress={actions.toggle}
          />
        </div>
      ) : (
        <p class="pp-hint">{t('popupChecking')}</p>
      )}

      <section class="pp-section" aria-labelledby="pp-size-label">
        <h2 id="pp-size-label" class="op-sr-only">
          {t('optFontSize')}
        </h2>
        {sizeButtons}
      </section>

      <section class="pp-section">
        <ThemeChoice
          legend={t('theme')}
          settings={settings}
          prefersDark={prefersDark}
          t={t}
          onChange={(theme) => actions.save({ theme })}
          // Own colours are picked on the settings page; here only when already chosen.
          offerCustom={false}
        />
      </section>

      {tab.kind === 'ready' && tab.host && site ? (
        <section class="pp-section" data-popup="site">
          {site.listedBy && site.listedBy !== site.pattern && site.granted ? (
            <p>{t('popupSiteListed', [site.listedBy])}</p>
          ) : (
            <label class="op-check">
              <input
                type="checkbox"
                name="always-on"
                checked={site.listedBy !== null && site.granted}
                onChange={(event) => {
                  if (!acceptEvent(event, trustedOnly)) return;
                  actions.setAlwaysOn(event.currentTarget.checked);
                }}
              />
              <span>{t('popupAlwaysSite', [tab.host])}</span>
            </label>
          )}
        </section>
      ) : null}

      <p class="pp-section">
        <Button
          variant="plain"
          name="options"
          label={t('popupAllSettings')}
          trustedOnly={trustedOnly}
          onPress={actions.openOptions}
        />
      </p>
      {ready && shortcut ? (
        // Last: the panel's 600 px are for the controls; the main button still points here.
        <p id="pp-shortcut" class="pp-hint">
          {t('popupShortcut', [shortcut])}
        </p>
      ) : null}
      <p class="pp-status" role="status">
        {status}
      </p>
    </main>
  );
}
