/**
 * Pure helpers behind the care view: which theme, which script, what the meta line and the
 * failure message say. No DOM, no browser APIs: everything is unit-testable.
 */
import type { Article } from '../../lib/article/types.ts';
import type { Settings, ThemePref } from '../../lib/prefs/schema.ts';
import {
  autoThemeId,
  customTheme,
  getTheme,
  THEME_IDS,
  type Theme,
  type ThemeId,
} from '../../lib/theme/themes.ts';

/** (key, substitutions) → localized text, e.g. browser.i18n.getMessage. */
export type Translate = (key: string, subs?: string[]) => string;

/** A lookup that never yields an empty accessible name: a missing message shows its key. */
export function safeTranslate(t: Translate): Translate {
  return (key, subs) => {
    let text = '';
    try {
      text = t(key, subs);
    } catch {
      text = '';
    }
    return typeof text === 'string' && text !== '' ? text : key;
  };
}

/** The colours actually drawn for the reader's theme preference. */
export function resolveTheme(settings: Settings, prefersDark = false): Theme {
  if (settings.theme === 'auto') return getTheme(autoThemeId(prefersDark));
  if (settings.theme === 'custom') return customTheme(settings.customText, settings.customBg).theme;
  return getTheme(settings.theme);
}

/**
 * The theme the cycle button moves to: the five built-in themes in order, then the reader's
 * own colours when they are usable. 'auto' continues from the theme it currently shows.
 */
export function nextThemeId(settings: Settings, prefersDark = false): ThemeId | 'custom' {
  const order: (ThemeId | 'custom')[] = [...THEME_IDS];
  if (customTheme(settings.customText, settings.customBg).verdict !== 'refuse') {
    order.push('custom');
  }
  const current = settings.theme === 'auto' ? autoThemeId(prefersDark) : settings.theme;
  const index = order.indexOf(current);
  return order[(index + 1) % order.length]!;
}

const THEME_NAME_KEYS: Readonly<Record<ThemePref, string>> = {
  light: 'themeLight',
  dark: 'themeDark',
  yellow: 'themeYellow',
  cream: 'themeCream',
  dim: 'themeDim',
  custom: 'themeCustom',
  auto: 'themeAuto',
};

/** Locale key of a theme preference's name. */
export function themeNameKey(pref: ThemePref): string {
  return Object.hasOwn(THEME_NAME_KEYS, pref) ? THEME_NAME_KEYS[pref] : 'themeLight';
}

export type Script = 'cjk' | 'latin';

const CJK_LANG = /^(zh|ja|ko|yue|wuu|hak|nan|gan|hsn|cmn|lzh)(-|$)/i;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/**
 * Which measure the text column uses: CJK glyphs are 1em wide, Latin text is measured in ch.
 * From the page's language; when that is unknown, from the text itself.
 */
export function articleScript(article: Pick<Article, 'lang' | 'title' | 'text'> | null): Script {
  if (!article) return 'cjk';
  const lang = article.lang.trim();
  if (lang) return CJK_LANG.test(lang) ? 'cjk' : 'latin';
  const sample = (article.title + '\n' + article.text).slice(0, 2000);
  if (!sample.trim()) return 'cjk';
  const cjk = sample.match(CJK_CHAR)?.length ?? 0;
  const letters = sample.match(/[A-Za-z]/g)?.length ?? 0;
  // One CJK character carries about as much as a short word (~3 Latin letters).
  return cjk * 3 >= letters ? 'cjk' : 'latin';
}

/** The host of a URL for the meta line ('' when it cannot be parsed). */
export function hostOf(url: string): string {
  try {
    const host = new URL(url).hostname;
    return host.replace(/^www\./i, '');
  } catch {
    return '';
  }
}

/** 2024-05-01, 2024-05-01T08:00, 2024-05-01 08:00:05.123+08:00, 2024-05-01T00:00:00Z … */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A page's published time in words when it is ISO 8601 (2024-05-01, 2024-05-01T08:00+08:00);
 * anything else is shown exactly as the page wrote it (it is usually already readable).
 * The clock time is the page's own: '2023-12-02T10:23:45+08:00' reads 10:23 wherever the
 * reader is, never converted to the reader's zone or to UTC. Only a 'Z' stamp says "UTC",
 * because that is the zone the page gave.
 */
export function formatPublished(raw: string, lang: string): string {
  const text = raw.trim();
  if (!text) return '';
  const m = ISO.exec(text);
  if (!m) return text;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const hasTime = m[4] !== undefined;
  // The wall-clock fields as written, held in a UTC Date and formatted in UTC: no shift.
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const valid =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi;
  if (!valid) return text;
  try {
    const format = new Intl.DateTimeFormat(lang || undefined, {
      dateStyle: 'long',
      ...(hasTime ? { timeStyle: 'short', hourCycle: 'h23' } : {}),
      timeZone: 'UTC',
    });
    const words = format.format(date);
    return hasTime && m[7]?.toUpperCase() === 'Z' ? `${words} UTC` : words;
  } catch {
    // An unknown locale tag: show the page's own text.
    return text;
  }
}

/** Source · author · time, each trimmed; empty parts are left out. All plain text. */
export function metaParts(article: Article): string[] {
  const source = article.siteName.trim() || hostOf(article.url);
  const parts = [
    source,
    article.byline.trim(),
    formatPublished(article.publishedTime, article.lang),
  ];
  const seen = new Set<string>();
  return parts.filter((part) => {
    if (!part || seen.has(part)) return false;
    seen.add(part);
    return true;
  });
}

/** ' · ' from the locale's metaSeparator, however it was padded. */
export function separator(t: Translate): string {
  const sep = t('metaSeparator').trim();
  return sep && sep !== 'metaSeparator' ? ` ${sep} ` : ' · ';
}

/** Reasons from lib/article (detect.ts, limits.ts) → the plain-words message for each. */
const REASON_KEYS: Readonly<Record<string, string>> = {
  'not-article': 'notArticle',
  'not readerable': 'notArticle',
  'a form or web app': 'notArticle',
  'video page': 'notArticle',
  'mostly links': 'notArticle',
  'a list of headlines': 'notArticle',
  'too little text': 'notArticle',
  'a page of links': 'notArticle',
  'too-many-elements': 'pageTooLarge',
  'too-deep': 'pageTooLarge',
};

export interface FailureText {
  /** The headline of the failure view. */
  message: string;
  /** A further line (an unknown reason, shown as technical detail), or ''. */
  detail: string;
}

/** What the failure view says for (no article, error). */
export function failureText(error: string | null, t: Translate): FailureText {
  const reason = (error ?? '').trim();
  if (!reason) return { message: t('notArticle'), detail: '' };
  // Own keys only: a reason such as 'constructor' must not find Object.prototype's.
  const key = Object.hasOwn(REASON_KEYS, reason) ? REASON_KEYS[reason] : undefined;
  if (key) return { message: t(key), detail: '' };
  const message = t('couldNotRead');
  return { message, detail: reason === message ? '' : t('technicalDetail', [reason]) };
}
