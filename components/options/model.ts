/**
 * Pure helpers behind the options page: the choices each control offers, site input checks,
 * the export file format and the import checks, voice grouping. No DOM, no browser APIs.
 */
import {
  DEFAULTS,
  MAX_SITES,
  migrate,
  repairSettings,
  SETTINGS_VERSION,
  type SettingKey,
  type Settings,
} from '../../lib/prefs/schema.ts';
import { normalizeSitePattern, type SiteReason, siteKey } from '../../lib/prefs/sites.ts';
import { withoutVariants } from '../../lib/speech/voices.ts';
import { normalizeHex } from '../../lib/theme/contrast.ts';

// ------------------------------------------------------------------------------ choices

export const LINE_HEIGHTS: readonly number[] = [1.5, 1.8, 2, 2.2, 2.5];
export const LETTER_SPACINGS: readonly number[] = [0, 0.05, 0.1, 0.15, 0.2, 0.3];
export const SPEECH_RATES: readonly number[] = [
  0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.5, 1.75, 2,
];

/**
 * The offered values plus the current one when it is not among them (an older version or
 * an import may have stored 1.65), so a control always shows what is in effect.
 */
export function withCurrent(list: readonly number[], current: number): number[] {
  return list.includes(current) ? [...list] : [...list, current].sort((a, b) => a - b);
}

// ------------------------------------------------------------------------------ sites

export type SiteInputReason = SiteReason | 'siteDuplicate' | 'siteTooMany';
export type SiteInput = { ok: true; pattern: string } | { ok: false; reason: SiteInputReason };

/** What the reader typed → the pattern to add, or the message key saying why not. */
export function checkSiteInput(input: string, sites: readonly string[]): SiteInput {
  const r = normalizeSitePattern(input);
  if (!r.ok) return r;
  const key = siteKey(r.pattern);
  if (sites.some((s) => siteKey(s) === key)) return { ok: false, reason: 'siteDuplicate' };
  if (sites.length >= MAX_SITES) return { ok: false, reason: 'siteTooMany' };
  return r;
}

// ------------------------------------------------------------------------------ export / import

/** Marks a file as ours, so a stray JSON file is refused instead of half-read. */
export const EXPORT_APP = 'care-mode';
export const EXPORT_KIND = 'settings';
/** Far more than 500 sites need; anything bigger is not our file. */
export const MAX_IMPORT_BYTES = 1_000_000;

export function exportSettings(settings: Settings, now: Date): string {
  return `${JSON.stringify(
    {
      app: EXPORT_APP,
      kind: EXPORT_KIND,
      version: SETTINGS_VERSION,
      exportedAt: now.toISOString(),
      settings: repairSettings(settings).settings,
    },
    null,
    2,
  )}\n`;
}

/** 'care-mode-settings-2025-05-01.json' (local date). */
export function exportFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `care-mode-settings-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

export type ImportReason =
  | 'importTooLarge'
  | 'importNotJson'
  | 'importNotOurs'
  | 'importWrongShape'
  | 'importDamaged';

export type ImportResult =
  | {
      ok: true;
      settings: Settings;
      /** Site entries in the file that were not valid sites (or repeats) and were left out. */
      droppedSites: number;
    }
  | { ok: false; reason: ImportReason; fields: SettingKey[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function own(o: Record<string, unknown>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d && 'value' in d ? d.value : undefined;
}

/**
 * An exported file's text → settings, or why it is refused. A file from an older version
 * is migrated; a colour written '#FFF' or a site written 'WWW.163.COM/' is normalised; but a
 * value that cannot be used (a font size of "big") refuses the whole file, so the reader is
 * never left with settings that are silently not the ones exported.
 */
export function parseImport(text: string): ImportResult {
  const fail = (reason: ImportReason, fields: SettingKey[] = []): ImportResult => ({
    ok: false,
    reason,
    fields,
  });
  if (typeof text !== 'string') return fail('importNotJson');
  if (text.length > MAX_IMPORT_BYTES) return fail('importTooLarge');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('importNotJson');
  }
  if (!isObject(data) || own(data, 'app') !== EXPORT_APP || own(data, 'kind') !== EXPORT_KIND)
    return fail('importNotOurs');
  const raw = own(data, 'settings');
  if (!isObject(raw)) return fail('importWrongShape');

  const migrated = migrate(raw);
  const { settings, repaired } = repairSettings(raw);
  const damaged = repaired.filter((key) => {
    if (key === 'version') return false;
    if (key === 'sites') return migrated.sites !== undefined && !Array.isArray(migrated.sites);
    if (key === 'customText' || key === 'customBg') return normalizeHex(migrated[key]) === null;
    // Numbers, choices, switches and the voice are taken as they are or not at all.
    return true;
  });
  if (damaged.length > 0) return fail('importDamaged', damaged);
  const given = Array.isArray(migrated.sites) ? migrated.sites.length : 0;
  return { ok: true, settings, droppedSites: Math.max(0, given - settings.sites.length) };
}

/** Locale key of the label of each setting, to name damaged fields. */
export const SETTING_LABEL_KEYS: Readonly<Record<SettingKey, string>> = {
  version: 'optVersion',
  fontSize: 'optFontSize',
  lineHeight: 'optLineHeight',
  letterSpacing: 'optLetterSpacing',
  columnWidth: 'optColumnWidth',
  fontFamily: 'optFontFamily',
  theme: 'theme',
  customText: 'optCustomText',
  customBg: 'optCustomBg',
  showImages: 'images',
  speechVoice: 'optVoice',
  speechRate: 'optRate',
  sites: 'optSites',
  toolbarButton: 'optButton',
};

// ------------------------------------------------------------------------------ voices

export interface VoiceInfo {
  /** SpeechSynthesisVoice.voiceURI: what settings.speechVoice stores. */
  uri: string;
  name: string;
  lang: string;
}

export interface VoiceGroups {
  zh: VoiceInfo[];
  en: VoiceInfo[];
  /** Only the selected voice when it is in neither language (so the choice stays visible). */
  other: VoiceInfo[];
}

const ZH_LANG = /^(zh|cmn|yue|wuu|hak|nan)([-_]|$)/i;
const EN_LANG = /^en([-_]|$)/i;

/** Chinese and English voices, each sorted by language tag then name. */
export function groupVoices(voices: readonly VoiceInfo[], selected: string): VoiceGroups {
  const groups: VoiceGroups = { zh: [], en: [], other: [] };
  const seen = new Set<string>();
  const listed = new Set(
    withoutVariants(
      voices.map((v) => ({ name: v.name, lang: v.lang, voiceURI: v.uri })),
      selected,
    ).map((v) => v.voiceURI),
  );
  for (const v of voices) {
    if (!listed.has(v.uri)) continue;
    if (!v.uri || seen.has(v.uri)) continue;
    seen.add(v.uri);
    if (ZH_LANG.test(v.lang)) groups.zh.push(v);
    else if (EN_LANG.test(v.lang)) groups.en.push(v);
    else if (v.uri === selected) groups.other.push(v);
  }
  const order = (a: VoiceInfo, b: VoiceInfo) =>
    a.lang.localeCompare(b.lang) || a.name.localeCompare(b.name);
  groups.zh.sort(order);
  groups.en.sort(order);
  return groups;
}

/** Whether the settings differ from the defaults (the reset button says so). */
export function isDefault(settings: Settings): boolean {
  return (Object.keys(DEFAULTS) as SettingKey[]).every((k) =>
    k === 'sites' ? settings.sites.length === 0 : settings[k] === DEFAULTS[k],
  );
}
