import {
  fromStorageChunks,
  type RepairResult,
  type Settings,
  type StorageItems,
  staleChunkKeys,
  toStorageChunks,
} from './schema';

/**
 * Loading and saving settings through storage areas passed in (chrome.storage.sync and
 * .local in the extension, plain maps in tests). Sync is preferred; when it fails or is over
 * quota the settings go to local, and a marker there says which area holds the truth.
 */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** In storage.local: 'local' when the settings live there (sync failed or was full). */
export const WHERE_KEY = 'care.where';

export async function loadSettings(sync: StorageArea, local: StorageArea): Promise<RepairResult> {
  try {
    const localItems = await local.get(null);
    if (localItems[WHERE_KEY] === 'local') return fromStorageChunks(localItems);
    return fromStorageChunks(await sync.get(null));
  } catch {
    return fromStorageChunks({});
  }
}

async function write(area: StorageArea, items: StorageItems): Promise<void> {
  const existing = await area.get(null);
  const stale = staleChunkKeys(existing, items);
  await area.set(items);
  if (stale.length) await area.remove(stale);
}

/** Saves settings; returns the area that now holds them. */
export async function saveSettings(
  settings: Settings,
  sync: StorageArea,
  local: StorageArea,
): Promise<'sync' | 'local'> {
  const items = toStorageChunks(settings);
  try {
    await write(sync, items);
    await local.remove(WHERE_KEY);
    return 'sync';
  } catch {
    await write(local, { ...items, [WHERE_KEY]: 'local' });
    return 'local';
  }
}

/** The parts of the extension's storage API a settings page needs (injected: no browser here). */
export interface StorageApi {
  sync: StorageArea;
  local: StorageArea;
  onChanged: {
    addListener(listener: (changes: Record<string, unknown>, area: string) => void): void;
    removeListener(listener: (changes: Record<string, unknown>, area: string) => void): void;
  };
}

/** Load, save and watch settings (see components/use-stored-settings.ts). */
export function settingsStore(storage: StorageApi) {
  return {
    load: async () => (await loadSettings(storage.sync, storage.local)).settings,
    save: (settings: Settings) => saveSettings(settings, storage.sync, storage.local),
    subscribe(changed: () => void): () => void {
      const listener = (_changes: Record<string, unknown>, area: string) => {
        if (area === 'sync' || area === 'local') changed();
      };
      storage.onChanged.addListener(listener);
      return () => storage.onChanged.removeListener(listener);
    },
  };
}
