import { type MutableRef, useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { defaultSettings, type Settings } from '../lib/prefs/schema.ts';

/**
 * The settings as an extension page (options, popup) holds them: loaded from storage, saved
 * at once on every change, reloaded when another page or a care view changes them. Storage
 * is injected, so this stays free of extension APIs.
 */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<unknown>;
  /** Calls back whenever stored settings change; returns the unsubscribe. */
  subscribe(changed: () => void): () => void;
}

export interface StoredSettings {
  /** null until the first load. */
  settings: Settings | null;
  /** The latest settings, for handlers that run after an await. */
  current: MutableRef<Settings>;
  /** Shows and saves; resolves true when saved. */
  persist(next: Settings): Promise<boolean>;
}

export function useStoredSettings(store: SettingsStore): StoredSettings {
  const [settings, setSettings] = useState<Settings | null>(null);
  const current = useRef<Settings>(defaultSettings());
  // Saves run one after another; while any is pending, storage events (our own echoes) are
  // not reloaded, so a quick second change is never undone by the first one's echo.
  const pending = useRef(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const show = useCallback((next: Settings) => {
    current.current = next;
    setSettings(next);
  }, []);

  const reload = useCallback(async () => {
    const loaded = await store.load();
    if (pending.current === 0) show(loaded);
  }, [store, show]);

  const persist = useCallback(
    (next: Settings): Promise<boolean> => {
      show(next);
      pending.current++;
      const step = queue.current
        .then(() => store.save(next))
        .then(
          () => true,
          () => false,
        )
        .finally(() => {
          pending.current--;
          if (pending.current === 0) void reload();
        });
      queue.current = step;
      return step;
    },
    [store, show, reload],
  );

  useEffect(() => {
    void reload();
    return store.subscribe(() => {
      if (pending.current === 0) void reload();
    });
  }, [store, reload]);

  return { settings, current, persist };
}
