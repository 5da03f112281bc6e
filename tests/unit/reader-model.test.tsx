import { describe, expect, it } from 'vitest';
import {
  cssVars,
  cssVarsText,
  LATIN_CH_PER_CHAR,
  latinColumn,
  READER_CSS,
} from '../../components/reader/styles.ts';
import { failureText, formatPublished } from '../../components/reader/view-model.ts';
import { defaultSettings, type Settings } from '../../lib/prefs/schema.ts';
import { AAA_TEXT, contrastRatio } from '../../lib/theme/contrast.ts';
import { getTheme } from '../../lib/theme/themes.ts';

const t = (key: string, subs: string[] = []) => (subs.length ? `${key}:${subs.join(',')}` : key);
const settings = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...over });

describe('formatPublished: the page’s own clock time', () => {
  it('keeps the wall-clock time of an offset stamp, in any reader time zone', () => {
    // The test runner's zone does not matter: nothing is converted.
    expect(formatPublished('2023-12-02T10:23:45+08:00', 'zh-CN')).toBe('2023年12月2日 10:23');
    expect(formatPublished('2023-12-02T10:23:45+08:00', 'en')).toBe('December 2, 2023 at 10:23');
    expect(formatPublished('2023-12-02T23:59:59-05:00', 'en-GB')).toBe('2 December 2023 at 23:59');
    expect(formatPublished('2023-12-02 08:05+0800', 'zh-CN')).toBe('2023年12月2日 08:05');
    expect(formatPublished('2023-12-02T10:23', 'zh-CN')).toBe('2023年12月2日 10:23');
  });

  it('says UTC only when the page gave UTC', () => {
    expect(formatPublished('2026-02-19T06:12:44.000Z', 'en')).toBe(
      'February 19, 2026 at 06:12 UTC',
    );
    expect(formatPublished('2026-02-19T06:12:44Z', 'zh-CN')).toBe('2026年2月19日 06:12 UTC');
  });

  it('dates without time, and anything else as the page wrote it', () => {
    expect(formatPublished('2024-05-01', 'zh-CN')).toBe('2024年5月1日');
    expect(formatPublished(' 2024-05-01 ', 'en')).toBe('May 1, 2024');
    for (const raw of ['2024-13-01', '2024-02-30', '2024-02-10T24:00', '昨天 10:30', '5 hours ago'])
      expect(formatPublished(raw, 'zh-CN')).toBe(raw.trim());
    expect(formatPublished('', 'en')).toBe('');
    // An unusable language tag falls back to the page's own text.
    expect(formatPublished('2024-05-01T08:00+08:00', 'not a tag!')).toBe('2024-05-01T08:00+08:00');
  });
});

describe('failureText', () => {
  it('every not-an-article verdict gets the same plain words, without a technical line', () => {
    for (const reason of [
      'not-article',
      'not readerable',
      'a form or web app',
      'video page',
      'too little text',
    ]) {
      expect(failureText(reason, t)).toEqual({ message: 'notArticle', detail: '' });
    }
    expect(failureText('boom', t)).toEqual({
      message: 'couldNotRead',
      detail: 'technicalDetail:boom',
    });
  });
});

describe('column measure', () => {
  it('Latin columns are counted in real characters, never past 70', () => {
    expect(LATIN_CH_PER_CHAR).toBeLessThan(1);
    expect(latinColumn('normal', 0)).toBe(`${70 * LATIN_CH_PER_CHAR}ch`);
    expect(latinColumn('narrow', 0)).toBe(`${Math.round(60 * LATIN_CH_PER_CHAR * 100) / 100}ch`);
    expect(latinColumn('wide', 0)).toBe(latinColumn('normal', 0));
    // Letter spacing widens the column by the spacing of every character.
    expect(latinColumn('normal', 0.1)).toBe(`calc(${70 * LATIN_CH_PER_CHAR}ch + 7em)`);
    const vars = cssVars(settings({ columnWidth: 'wide' }), getTheme('light'), 'latin');
    expect(vars['--cm-column-width']).toBe(latinColumn('normal', 0));
  });

  it('CJK columns are at most 40 characters, letter spacing included', () => {
    for (const columnWidth of ['narrow', 'normal', 'wide'] as const) {
      for (const letterSpacing of [0, 0.1, 0.3]) {
        const width = cssVars(settings({ columnWidth, letterSpacing }), getTheme('light'), 'cjk')[
          '--cm-column-width'
        ];
        const em = Number.parseFloat(width ?? '');
        // Each character takes 1em plus the spacing.
        expect(Math.floor(em / (1 + letterSpacing) + 1e-9)).toBeLessThanOrEqual(40);
      }
    }
  });
});

describe('stylesheet', () => {
  it('host custom properties can be important, so page rules on the host lose', () => {
    const vars = cssVars(settings(), getTheme('dark'));
    expect(cssVarsText(vars)).toContain('--cm-bg: #000000;');
    expect(cssVarsText(vars, true)).toContain('--cm-bg: #000000 !important;');
    expect(cssVarsText(vars, true).match(/!important/g)).toHaveLength(Object.keys(vars).length);
  });

  it('the host resets direction, which `all` leaves to the page', () => {
    const host = /:host \{([^}]*)\}/.exec(READER_CSS)![1]!;
    expect(host).toContain('all: initial !important');
    expect(host).toContain('direction: ltr !important');
  });

  it('prefers-contrast: more keeps every overridden colour at AAA on the dim background', () => {
    const block = /\.cm-root\.cm-theme-dim \{([^}]*)\}/.exec(READER_CSS)![1]!;
    const colours = [...block.matchAll(/--cm-(text|heading|meta|link): (#[0-9a-f]{6})/g)];
    expect(colours.map((m) => m[1])).toEqual(['text', 'heading', 'meta', 'link']);
    const bg = getTheme('dim').bg;
    for (const [, , hex] of colours)
      expect(contrastRatio(hex!, bg)).toBeGreaterThanOrEqual(AAA_TEXT);
    const border = /--cm-border: (#[0-9a-f]{6})/.exec(block)![1]!;
    expect(contrastRatio(border, bg)).toBeGreaterThanOrEqual(3);
  });

  it('toolbar second lines never drop below 18 px', () => {
    expect(READER_CSS).toMatch(/\.cm-toolbar \.cm-btn__detail \{\s*font-size: max\(18px/);
  });
});
