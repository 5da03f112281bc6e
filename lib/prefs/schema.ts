/**
 * THE settings schema: type, defaults, repair, migrations and the chrome.storage.sync layout.
 * Everything read back from storage or an imported file goes through repairSettings, so the
 * rest of the extension can trust a Settings value completely.
 */
import { normalizeHex } from '../theme/contrast.ts';
import { THEME_IDS, type ThemeId } from '../theme/themes.ts';
import { normalizeSitePattern, siteKey, utf8Length } from './sites.ts';

export const SETTINGS_VERSION = 2;

export const COLUMN_WIDTHS = ['narrow', 'normal', 'wide'] as const;
export type ColumnWidth = (typeof COLUMN_WIDTHS)[number];

/** 'kai' is 楷体; the latin-* families are for Western-language pages. */
export const FONT_FAMILIES = ['sans', 'serif', 'kai', 'latin-sans', 'latin-serif'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

/** 'auto' follows prefers-color-scheme; 'custom' uses customText/customBg. */
export const THEME_PREFS = [...THEME_IDS, 'custom', 'auto'] as const;
export type ThemePref = ThemeId | 'custom' | 'auto';

/**
 * What the toolbar button does: 'panel' opens the popup (focused on its big enter / leave
 * button); 'toggle' switches care mode at once, for a reader who finds the panel confusing.
 */
export const TOOLBAR_BUTTONS = ['panel', 'toggle'] as const;
export type ToolbarButton = (typeof TOOLBAR_BUTTONS)[number];

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** px */
  fontSize: number;
  /** unitless multiplier */
  lineHeight: number;
  /** em */
  letterSpacing: number;
  columnWidth: ColumnWidth;
  fontFamily: FontFamily;
  theme: ThemePref;
  /** '#rrggbb' */
  customText: string;
  /** '#rrggbb' */
  customBg: string;
  showImages: boolean;
  /** SpeechSynthesisVoice.voiceURI; '' = the browser's default voice for the page language. */
  speechVoice: string;
  /** SpeechSynthesisUtterance.rate */
  speechRate: number;
  /** Canonical patterns from normalizeSitePattern, unique, at most MAX_SITES. */
  sites: string[];
  /** Added in version 2 without a version bump: older objects simply lack it (default). */
  toolbarButton: ToolbarButton;
}

export type SettingKey = keyof Settings;

export const LIMITS = {
  fontSize: { min: 18, max: 72 },
  lineHeight: { min: 1.5, max: 2.5 },
  letterSpacing: { min: 0, max: 0.3 },
  speechRate: { min: 0.5, max: 2 },
  speechVoiceLength: 200,
  sites: 500,
} as const;
export const MAX_SITES = LIMITS.sites;

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  fontSize: 24,
  lineHeight: 1.8,
  letterSpacing: 0,
  columnWidth: 'normal',
  fontFamily: 'sans',
  theme: 'auto',
  customText: '#000000',
  customBg: '#ffffff',
  showImages: true,
  speechVoice: '',
  speechRate: 1,
  sites: Object.freeze([]) as unknown as string[],
  toolbarButton: 'panel',
});

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return { ...DEFAULTS, sites: [] };
}

const SETTING_KEYS = Object.keys(DEFAULTS) as SettingKey[];

// ---------------------------------------------------------------------------------------
// Font size steps and column widths

/** The sizes the A−/A+ buttons walk through: small steps where they are noticeable. */
export const FONT_SIZE_STEPS: readonly number[] = [18, 20, 22, 24, 28, 32, 36, 40, 48, 56, 64, 72];

/** Next visible step up (+1) or down (-1); off-step values snap to the neighbouring step. */
export function stepFontSize(current: number, direction: 1 | -1): number {
  const cur = Number.isFinite(current) ? current : DEFAULTS.fontSize;
  if (direction > 0) return FONT_SIZE_STEPS.find((s) => s > cur) ?? LIMITS.fontSize.max;
  return [...FONT_SIZE_STEPS].reverse().find((s) => s < cur) ?? LIMITS.fontSize.min;
}

/** Characters per line. A CJK glyph is 1em wide; Latin text is measured in ch. */
const COLUMN_CHARS: Readonly<Record<ColumnWidth, { cjk: number; latin: number }>> = {
  narrow: { cjk: 30, latin: 60 },
  normal: { cjk: 36, latin: 70 },
  wide: { cjk: 40, latin: 80 },
};

/** CSS max-width for the text column; letter-spacing widens every character, so it is added. */
export function columnMaxWidth(
  width: ColumnWidth,
  script: 'cjk' | 'latin',
  letterSpacing = 0,
): string {
  const chars = COLUMN_CHARS[width][script];
  const extra = Math.round(chars * letterSpacing * 100) / 100;
  if (script === 'cjk') return `${Math.round((chars + extra) * 100) / 100}em`;
  return extra > 0 ? `calc(${chars}ch + ${extra}em)` : `${chars}ch`;
}

// ---------------------------------------------------------------------------------------
// Repair

export interface RepairResult {
  settings: Settings;
  /**
   * Fields that were present but invalid (reset to default) or not in canonical form
   * (normalised). Missing fields silently take defaults: that is a first run or an older
   * version, not damage. 'version' is listed after a migration or an unknown version, so
   * the caller knows to write the result back.
   */
  repaired: SettingKey[];
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Own data property only: never walks the prototype chain (so '__proto__' / 'constructor'
 * tricks have no effect) and never runs a getter.
 */
function own(o: Obj, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d && 'value' in d ? d.value : undefined;
}

function has(o: Obj, key: string): boolean {
  return own(o, key) !== undefined;
}

const inRange = (v: unknown, r: { min: number; max: number }): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= r.min && v <= r.max ? v : undefined;

const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** Each checker returns the canonical value, or undefined when the value is unusable. */
const CHECKS: {
  [K in Exclude<SettingKey, 'version' | 'sites'>]: (v: unknown) => Settings[K] | undefined;
} = {
  fontSize: (v) => inRange(v, LIMITS.fontSize),
  lineHeight: (v) => inRange(v, LIMITS.lineHeight),
  letterSpacing: (v) => inRange(v, LIMITS.letterSpacing),
  columnWidth: (v) => oneOf(COLUMN_WIDTHS, v),
  fontFamily: (v) => oneOf(FONT_FAMILIES, v),
  theme: (v) => oneOf<ThemePref>(THEME_PREFS, v),
  customText: (v) => normalizeHex(v) ?? undefined,
  customBg: (v) => normalizeHex(v) ?? undefined,
  showImages: (v) => (typeof v === 'boolean' ? v : undefined),
  speechVoice: (v) =>
    typeof v === 'string' && v.length <= LIMITS.speechVoiceLength ? v : undefined,
  speechRate: (v) => inRange(v, LIMITS.speechRate),
  toolbarButton: (v) => oneOf(TOOLBAR_BUTTONS, v),
};

/** Valid, unique (by host), canonical, ≤ MAX_SITES; changed = anything dropped or rewritten. */
function repairSites(v: unknown): { sites: string[]; changed: boolean } | undefined {
  if (!Array.isArray(v)) return undefined;
  const sites: string[] = [];
  const seen = new Set<string>();
  // Bound the work on a hostile array: never look past a few times the limit.
  const scan = Math.min(v.length, MAX_SITES * 4);
  let changed = scan < v.length;
  for (let i = 0; i < scan; i++) {
    if (sites.length === MAX_SITES) {
      changed = true;
      break;
    }
    const item: unknown = v[i];
    const r = normalizeSitePattern(item);
    const key = r.ok ? siteKey(r.pattern) : null;
    if (!r.ok || key === null || seen.has(key)) {
      changed = true;
      continue;
    }
    if (r.pattern !== item) changed = true;
    seen.add(key);
    sites.push(r.pattern);
  }
  return { sites, changed };
}

function repairObject(raw: Obj, repaired: SettingKey[]): Settings {
  const settings = defaultSettings();
  const out = settings as unknown as Record<string, unknown>;
  for (const key of Object.keys(CHECKS) as (keyof typeof CHECKS)[]) {
    if (!has(raw, key)) continue;
    const value = own(raw, key);
    const fixed = CHECKS[key](value);
    if (fixed === undefined) repaired.push(key);
    else {
      out[key] = fixed;
      if (fixed !== value) repaired.push(key);
    }
  }
  if (has(raw, 'sites')) {
    const r = repairSites(own(raw, 'sites'));
    if (r) settings.sites = r.sites;
    if (!r || r.changed) repaired.push('sites');
  }
  return settings;
}

/**
 * Any value → valid Settings. Never throws: null, primitives, arrays, NaN, huge strings,
 * '__proto__'/'constructor' keys, throwing getters. Unknown keys are dropped; older
 * versions are migrated first (see migrate).
 */
export function repairSettings(raw: unknown): RepairResult {
  try {
    if (raw === undefined || raw === null) return { settings: defaultSettings(), repaired: [] };
    // Something was stored, but it is not a settings object at all: every field was lost.
    if (!isObject(raw)) return { settings: defaultSettings(), repaired: [...SETTING_KEYS] };
    const repaired: SettingKey[] = [];
    if (has(raw, 'version') && own(raw, 'version') !== SETTINGS_VERSION) repaired.push('version');
    const settings = repairObject(migrate(raw), repaired);
    return { settings, repaired };
  } catch {
    // Only reachable through exotic objects (revoked proxies, throwing proxy traps).
    return { settings: defaultSettings(), repaired: [...SETTING_KEYS] };
  }
}

// ---------------------------------------------------------------------------------------
// Migrations

/**
 * Version 1 (0.0.x builds) stored:
 *   {
 *     version: 1,
 *     fontScale: number,                                  // multiplier of 16px, e.g. 1.25 → 20px
 *     colorScheme: 'highContrast' | 'dark' | 'normal',    // highContrast was yellow on black
 *     autoSites: string,                                  // 'a.com,b.com' (any of , ，、 ; or spaces)
 *     lineHeight?: number, showImages?: boolean,          // same meaning as in version 2
 *   }
 * Everything else (columns, fonts, speech, custom colours) did not exist and takes defaults.
 */
function v1ToV2(o: Obj): Obj {
  const next: Obj = { version: 2 };
  for (const key of ['lineHeight', 'showImages']) if (has(o, key)) next[key] = own(o, key);
  if (has(o, 'fontScale')) {
    const scale = own(o, 'fontScale');
    // Clamp rather than reset: a reader at 5× wanted the biggest text, not the default.
    next.fontSize =
      typeof scale === 'number' && Number.isFinite(scale) && scale > 0
        ? Math.min(LIMITS.fontSize.max, Math.max(LIMITS.fontSize.min, Math.round(scale * 16)))
        : scale;
  }
  if (has(o, 'colorScheme')) {
    const scheme = own(o, 'colorScheme');
    const map: Record<string, ThemePref> = {
      highContrast: 'yellow',
      dark: 'dark',
      normal: 'light',
    };
    // An unknown scheme is passed through so repair reports 'theme'.
    next.theme = typeof scheme === 'string' && has(map, scheme) ? map[scheme] : scheme;
  }
  if (has(o, 'autoSites')) {
    const list = own(o, 'autoSites');
    next.sites =
      typeof list === 'string'
        ? list
            .slice(0, 1_000_000)
            .split(/[,，、;；\s]+/)
            .filter(Boolean)
        : list;
  }
  return next;
}

/** MIGRATIONS[n] turns a version-n object into a version-(n+1) object. */
const MIGRATIONS: Readonly<Record<number, (o: Obj) => Obj>> = { 1: v1ToV2 };

/**
 * Bring a stored object to the current version's shape, values still unchecked (repairSettings
 * checks them). A missing, invalid or future version is read as the current shape: keep
 * every field that still validates. Only known keys are copied.
 */
export function migrate(raw: unknown): Obj {
  if (!isObject(raw)) return { version: SETTINGS_VERSION };
  let o: Obj = raw;
  let version = own(o, 'version');
  while (typeof version === 'number' && version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    o = step(o);
    version = own(o, 'version');
  }
  const out: Obj = { version: SETTINGS_VERSION };
  for (const key of SETTING_KEYS) if (key !== 'version' && has(o, key)) out[key] = own(o, key);
  return out;
}

// ---------------------------------------------------------------------------------------
// chrome.storage.sync layout

/** chrome.storage.sync limits (Firefox uses the same numbers). */
export const SYNC_QUOTA = { bytesPerItem: 8192, totalBytes: 102_400, maxItems: 512 } as const;
/** Headroom under bytesPerItem for browsers that count a few bytes differently. */
const CHUNK_BUDGET = 8000;

export const PREFS_KEY = 'prefs';
export const SITES_COUNT_KEY = 'sites.count';
const SITES_CHUNK = /^sites\.(\d+)$/;
export const sitesChunkKey = (i: number): string => `sites.${i}`;

export type StorageItems = Record<string, unknown>;

/** Quota size of one item: key plus JSON of the value, in UTF-8 bytes (as Chrome counts it). */
export function storageItemBytes(key: string, value: unknown): number {
  return utf8Length(key) + utf8Length(JSON.stringify(value) ?? '');
}

/**
 * Split settings into sync items: everything but sites under 'prefs' (a font size change
 * rewrites one small item), sites in 'sites.0', 'sites.1', ... each under the per-item
 * quota, and 'sites.count'. Input is repaired first, so the result always fits the quota.
 * After writing, remove staleChunkKeys(previous, next).
 */
export function toStorageChunks(settings: Settings): StorageItems {
  const { sites, ...prefs } = repairSettings(settings).settings;
  const items: StorageItems = { [PREFS_KEY]: prefs };
  let chunk: string[] = [];
  let size = 0;
  let count = 0;
  const flush = () => {
    items[sitesChunkKey(count++)] = chunk;
    chunk = [];
  };
  for (const site of sites) {
    const bytes = utf8Length(JSON.stringify(site));
    if (chunk.length > 0 && size + 1 + bytes > CHUNK_BUDGET) flush();
    // Item size = key + '[' + entries joined by ',' + ']'.
    size = chunk.length === 0 ? utf8Length(sitesChunkKey(count)) + 2 + bytes : size + 1 + bytes;
    chunk.push(site);
  }
  if (chunk.length > 0) flush();
  items[SITES_COUNT_KEY] = count;
  return items;
}

/**
 * Reassemble what toStorageChunks wrote (the result of storage.sync.get(null)) and repair it.
 * A missing or unreadable chunk loses only its own sites, reported as 'sites'. A version-1
 * install stored its one object under 'prefs' and has no chunks; migration handles it.
 */
export function fromStorageChunks(items: unknown): RepairResult {
  try {
    return assemble(items);
  } catch {
    // Only exotic objects (throwing getters, revoked proxies) get here; storage never returns them.
    return { settings: defaultSettings(), repaired: [...SETTING_KEYS] };
  }
}

function assemble(items: unknown): RepairResult {
  if (!isObject(items)) return repairSettings(items === undefined || items === null ? null : {});
  const repaired = new Set<SettingKey>();
  const prefsRaw = own(items, PREFS_KEY);
  const merged: Obj = isObject(prefsRaw) ? { ...prefsRaw } : {};
  // Something unreadable under 'prefs': every preference in it was lost.
  if (!isObject(prefsRaw) && prefsRaw !== undefined) {
    for (const key of SETTING_KEYS) if (key !== 'sites') repaired.add(key);
  }
  let damaged = false;

  const countRaw = own(items, SITES_COUNT_KEY);
  let count: number | null = null;
  if (Number.isInteger(countRaw) && (countRaw as number) >= 0) {
    count = Math.min(countRaw as number, SYNC_QUOTA.maxItems);
  } else if (countRaw !== undefined || has(items, sitesChunkKey(0))) {
    // Count lost: take the consecutive chunks that are there.
    damaged = true;
    count = 0;
    while (count < SYNC_QUOTA.maxItems && has(items, sitesChunkKey(count))) count++;
  }
  if (count !== null) {
    const sites: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const chunk = own(items, sitesChunkKey(i));
      if (!Array.isArray(chunk)) damaged = true;
      // repairSettings never looks past MAX_SITES * 4 entries, so neither do we.
      else sites.push(...chunk.slice(0, MAX_SITES * 4 - sites.length));
    }
    merged.sites = sites;
  }

  const result = repairSettings(merged);
  for (const key of result.repaired) repaired.add(key);
  if (damaged) repaired.add('sites');
  return { settings: result.settings, repaired: Array.from(repaired) };
}

/** Site chunk keys present in storage but not in the next write: remove them after set(). */
export function staleChunkKeys(existing: StorageItems, next: StorageItems): string[] {
  return Object.keys(existing).filter((k) => SITES_CHUNK.test(k) && !has(next, k));
}
