import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PopupActions, PopupTab, SiteState } from '../../components/popup/PopupView';
import { PopupView } from '../../components/popup/PopupView';
import { useStoredSettings } from '../../components/use-stored-settings';
import { repairSettings, type Settings } from '../../lib/prefs/schema';
import { hostStanding, originsFor, originsToRelease, siteGranted } from '../../lib/prefs/sites';
import { settingsStore } from '../../lib/prefs/store';

/**
 * The popup's wiring: which tab it is about, whether care mode can run and is on there, the
 * settings in storage and this site's permission. The toggle itself is the background's
 * (the same path as the shortcut), asked with one message.
 *
 * Opened as a tab (tests, or a caregiver bookmarking it) with `?tab=<id>`, it acts on that
 * tab and stays open; as the real popup it closes once care mode has switched, so the
 * reader sees the page.
 */

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);
const STORE = settingsStore(browser.storage);

const TAB_PARAM = new URLSearchParams(location.search).get('tab');
const AS_TAB = TAB_PARAM !== null && /^\d+$/.test(TAB_PARAM);

async function targetTab(): Promise<number | undefined> {
  if (AS_TAB) return Number(TAB_PARAM);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Can the extension run in the tab, on which web host, and is care mode on there? */
async function inspect(tabId: number): Promise<PopupTab> {
  let where: { protocol: string; hostname: string };
  try {
    // Throws on browser pages and the web store, exactly where toggling would fail.
    const [probe] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => ({ protocol: location.protocol, hostname: location.hostname }),
    });
    where = probe?.result as typeof where;
    if (!where || typeof where.hostname !== 'string') return { kind: 'blocked' };
  } catch {
    return { kind: 'blocked' };
  }
  const host = /^https?:$/.test(where.protocol) && where.hostname ? where.hostname : null;
  let on = false;
  try {
    on = (await browser.tabs.sendMessage(tabId, { type: 'care:query' })) === true;
  } catch {
    // No content script in the tab yet: care mode is off.
  }
  return { kind: 'ready', on, host };
}

async function siteState(settings: Settings, host: string): Promise<SiteState | null> {
  const standing = hostStanding(settings.sites, host);
  if (!standing) return null;
  const granted = await siteGranted(standing.listedBy ?? standing.pattern, (p) =>
    browser.permissions.contains(p),
  );
  return { ...standing, granted };
}

export function App() {
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const [tab, setTab] = useState<PopupTab>({ kind: 'checking' });
  const [site, setSite] = useState<SiteState | null>(null);
  const [status, setStatus] = useState('');
  const [shortcut, setShortcut] = useState('');
  const [prefersDark, setPrefersDark] = useState(
    () => matchMedia('(prefers-color-scheme: dark)').matches,
  );
  const { settings, current, persist } = useStoredSettings(STORE);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    void targetTab().then(async (id) => {
      if (signal.aborted) return;
      setTabId(id);
      const state: PopupTab = id === undefined ? { kind: 'blocked' } : await inspect(id);
      if (!signal.aborted) setTab(state);
    });
    void browser.commands
      .getAll()
      .then((commands) => {
        const command = commands.find((c) => c.name === 'toggle-care-mode');
        if (!signal.aborted) setShortcut(command?.shortcut ?? '');
      })
      .catch(() => undefined);

    const dark = matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', () => setPrefersDark(dark.matches), { signal });
    return () => controller.abort();
  }, []);

  const host = tab.kind === 'ready' ? tab.host : null;
  const sitesKey = settings?.sites.join('\n');
  // This site's standing, again whenever the list changes.
  useEffect(() => {
    if (!host || sitesKey === undefined) return;
    let stale = false;
    void siteState(current.current, host).then((s) => {
      if (!stale) setSite(s);
    });
    return () => {
      stale = true;
    };
  }, [host, sitesKey]);

  const actions = useMemo<PopupActions>(() => {
    const patch = async (p: Partial<Settings>) => {
      if (!(await persist(repairSettings({ ...current.current, ...p }).settings)))
        setStatus(t('saveFailed'));
    };
    return {
      toggle() {
        if (tabId === undefined) return;
        void browser.runtime
          .sendMessage({ type: 'care:toggle-tab', tabId })
          .then((result: unknown) => {
            if (result !== true && result !== false) {
              setTab({ kind: 'blocked' });
              return;
            }
            // The reader asked for the page (or the view): get out of the way.
            if (!AS_TAB) window.close();
            setTab((prev) => (prev.kind === 'ready' ? { ...prev, on: result } : prev));
          })
          .catch(() => setTab({ kind: 'blocked' }));
      },
      save: (p) => void patch(p),
      setAlwaysOn(on) {
        if (!host) return;
        const standing = hostStanding(current.current.sites, host);
        if (!standing) return;
        const { pattern } = standing;
        // Shown at once; the browser's answer below corrects it.
        setSite((s) => s && { ...s, listedBy: on ? pattern : null, granted: on || s.granted });
        if (on) {
          // First thing in the click: browsers only show the permission question during one.
          const asked = browser.permissions.request({ origins: originsFor(pattern) });
          // Listed at once: a popup can close while the browser asks, and the background
          // registers the site as soon as permission arrives. A refusal unlists it again.
          const before = current.current.sites;
          const added = standing.listedBy === null;
          if (added) void patch({ sites: [...before, pattern] });
          void asked
            .catch(() => false)
            .then(async (ok) => {
              if (ok) {
                setStatus(t('siteAdded', [pattern]));
              } else {
                if (added)
                  await patch({ sites: current.current.sites.filter((s) => s !== pattern) });
                setStatus(t('sitePermissionDenied', [pattern]));
              }
              setSite(await siteState(current.current, host));
            });
          return;
        }
        const remaining = current.current.sites.filter((s) => s !== standing.listedBy);
        void patch({ sites: remaining }).then(async () => {
          const origins = originsToRelease([pattern], remaining);
          // Permissions the build requires (the e2e build's test server) cannot be removed.
          if (origins.length > 0) await browser.permissions.remove({ origins }).catch(() => false);
          setStatus(t('siteRemoved', [pattern]));
          setSite(await siteState(current.current, host));
        });
      },
      openOptions() {
        void browser.runtime
          .sendMessage({ type: 'care:open-options', ...(host ? { host } : {}) })
          .catch(() => undefined)
          .finally(() => {
            if (!AS_TAB) window.close();
          });
      },
    };
  }, [persist, current, tabId, host]);

  if (!settings) return null;
  return (
    <PopupView
      tab={tab}
      settings={settings}
      site={site}
      t={t}
      actions={actions}
      prefersDark={prefersDark}
      shortcut={shortcut}
      status={status}
      uiLang={browser.i18n.getUILanguage()}
    />
  );
}
