import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { exportFileName, exportSettings, type VoiceInfo } from '../../components/options/model';
import { type OptionsActions, OptionsView } from '../../components/options/OptionsView';
import { useStoredSettings } from '../../components/use-stored-settings';
import { isPageHost, OPTIONS_FROM_HOST_KEY } from '../../lib/messages';
import { defaultSettings, repairSettings, type Settings } from '../../lib/prefs/schema';
import { originsFor, originsToRelease, siteGranted } from '../../lib/prefs/sites';
import { settingsStore } from '../../lib/prefs/store';

/**
 * The options page's wiring: storage, permissions, speech and downloads around the pure
 * OptionsView. Every change is saved at once through lib/prefs/store, and every open care
 * view picks it up from storage.onChanged.
 */

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);
const STORE = settingsStore(browser.storage);

/** How long "Saved" stays on screen. */
const STATUS_MS = 4000;

function readVoices(): VoiceInfo[] {
  if (typeof speechSynthesis === 'undefined') return [];
  return speechSynthesis
    .getVoices()
    .map((v) => ({ uri: v.voiceURI, name: v.name, lang: v.lang.replace('_', '-') }));
}

/** Per site: does the browser let care mode run there (on http or https)? */
async function checkGranted(sites: readonly string[]): Promise<Record<string, boolean>> {
  const contains = (p: { origins: string[] }) => browser.permissions.contains(p);
  const entries = await Promise.all(
    sites.map(async (site) => [site, await siteGranted(site, contains)] as const),
  );
  return Object.fromEntries(entries);
}

/** Origins of removed sites that no remaining site uses: given back to the browser. */
async function releaseOrigins(removed: readonly string[], remaining: readonly string[]) {
  const origins = originsToRelease(removed, remaining);
  if (origins.length === 0) return;
  try {
    await browser.permissions.remove({ origins });
  } catch {
    // Permissions the build requires (the e2e build's test server) cannot be removed.
  }
}

export function App() {
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const [voices, setVoices] = useState<VoiceInfo[]>(readVoices);
  const [fromHost, setFromHost] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [prefersDark, setPrefersDark] = useState(
    () => matchMedia('(prefers-color-scheme: dark)').matches,
  );

  const { settings, current, persist: store } = useStoredSettings(STORE);
  const statusTimer = useRef(0);

  const refreshGranted = useCallback(async () => {
    const sites = current.current.sites;
    const key = sites.join('\n');
    const result = await checkGranted(sites);
    // Ignore an answer about a list that has changed since.
    if (current.current.sites.join('\n') === key) setGranted(result);
  }, []);

  const announce = useCallback((text: string) => {
    setStatus(text);
    clearTimeout(statusTimer.current);
    statusTimer.current = window.setTimeout(() => setStatus(''), STATUS_MS);
  }, []);

  const persist = useCallback(
    async (next: Settings): Promise<void> =>
      announce(t((await store(next)) ? 'saved' : 'saveFailed')),
    [store, announce],
  );

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const takeHost = (value: unknown) => {
      if (isPageHost(value)) setFromHost(value);
    };
    // The host is handed over once: a later visit to this page starts without it.
    void browser.storage.session
      ?.get(OPTIONS_FROM_HOST_KEY)
      .then((items) => {
        takeHost(items[OPTIONS_FROM_HOST_KEY]);
        return browser.storage.session.remove(OPTIONS_FROM_HOST_KEY);
      })
      .catch(() => undefined);

    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session') {
        const change = changes[OPTIONS_FROM_HOST_KEY];
        if (change && isPageHost(change.newValue)) {
          takeHost(change.newValue);
          void browser.storage.session.remove(OPTIONS_FROM_HOST_KEY).catch(() => undefined);
        }
      }
    };
    browser.storage.onChanged.addListener(onStorage);
    signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage));

    const onPermissions = () => void refreshGranted();
    browser.permissions.onAdded.addListener(onPermissions);
    browser.permissions.onRemoved.addListener(onPermissions);
    signal.addEventListener('abort', () => {
      browser.permissions.onAdded.removeListener(onPermissions);
      browser.permissions.onRemoved.removeListener(onPermissions);
    });

    if (typeof speechSynthesis !== 'undefined') {
      speechSynthesis.addEventListener('voiceschanged', () => setVoices(readVoices()), { signal });
    }
    const dark = matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', () => setPrefersDark(dark.matches), { signal });
    signal.addEventListener('abort', () => clearTimeout(statusTimer.current));
    return () => controller.abort();
  }, [refreshGranted]);

  const sitesKey = settings?.sites.join('\n');
  // Re-check whenever the list changes.
  useEffect(() => {
    if (sitesKey !== undefined) void refreshGranted();
  }, [sitesKey, refreshGranted]);

  const actions = useMemo<OptionsActions>(() => {
    const patch = (p: Partial<Settings>) =>
      persist(repairSettings({ ...current.current, ...p }).settings);
    return {
      save: (p) => void patch(p),
      addSite(pattern) {
        // First thing in the click: browsers only show the permission question during one.
        const asked = browser.permissions.request({ origins: originsFor(pattern) });
        return asked.then(async (ok) => {
          if (!ok) return false;
          const sites = current.current.sites;
          if (!sites.includes(pattern)) await patch({ sites: [...sites, pattern] });
          await refreshGranted();
          return true;
        });
      },
      removeSite(pattern) {
        const remaining = current.current.sites.filter((s) => s !== pattern);
        void patch({ sites: remaining }).then(() => releaseOrigins([pattern], remaining));
      },
      allowSites(patterns) {
        const asked = browser.permissions.request({ origins: patterns.flatMap(originsFor) });
        return asked.then(async (ok) => {
          await refreshGranted();
          return ok;
        });
      },
      exportSettings() {
        const now = new Date();
        const blob = new Blob([exportSettings(current.current, now)], {
          type: 'application/json',
        });
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = exportFileName(now);
        link.hidden = true;
        document.body.append(link);
        link.click();
        link.remove();
        // Freed once the browser has surely read it (revoking at once can cancel the download).
        setTimeout(() => URL.revokeObjectURL(url), 30_000);
      },
      importSettings(next) {
        void persist(next);
      },
      reset() {
        const removed = current.current.sites;
        void persist(defaultSettings()).then(() => releaseOrigins(removed, []));
      },
      trySpeech(voiceUri, rate) {
        if (typeof speechSynthesis === 'undefined') return;
        speechSynthesis.cancel();
        const utterance = new SpeechSynthesisUtterance(t('voiceSample'));
        const voice = speechSynthesis.getVoices().find((v) => v.voiceURI === voiceUri);
        if (voice) utterance.voice = voice;
        utterance.lang = voice?.lang ?? browser.i18n.getUILanguage();
        utterance.rate = rate;
        speechSynthesis.speak(utterance);
      },
    };
  }, [persist, refreshGranted]);

  if (!settings) return null;
  return (
    <OptionsView
      settings={settings}
      t={t}
      actions={actions}
      prefersDark={prefersDark}
      voices={voices}
      speechAvailable={typeof speechSynthesis !== 'undefined'}
      granted={granted}
      fromHost={fromHost}
      status={status}
      uiLang={browser.i18n.getUILanguage()}
    />
  );
}
