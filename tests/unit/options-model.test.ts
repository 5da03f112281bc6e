import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMessage } from '../../components/options/Caregiver.tsx';
import { formatRatio } from '../../components/options/ColourEditor.tsx';
import {
  checkSiteInput,
  EXPORT_APP,
  exportFileName,
  exportSettings,
  groupVoices,
  MAX_IMPORT_BYTES,
  parseImport,
  SETTING_LABEL_KEYS,
  withCurrent,
} from '../../components/options/model.ts';
import { DEFAULTS, defaultSettings, MAX_SITES, type Settings } from '../../lib/prefs/schema.ts';
import { originsFor } from '../../lib/prefs/sites.ts';

const locale = (name: string) =>
  JSON.parse(
    readFileSync(resolve(process.cwd(), 'public/_locales', name, 'messages.json'), 'utf8'),
  ) as Record<string, { message: string }>;
const EN = locale('en');
const ZH = locale('zh_CN');

function custom(): Settings {
  return {
    ...defaultSettings(),
    fontSize: 40,
    lineHeight: 2.2,
    letterSpacing: 0.1,
    columnWidth: 'wide',
    fontFamily: 'kai',
    theme: 'custom',
    customText: '#ffcc00',
    customBg: '#000033',
    showImages: false,
    speechVoice: 'Google 普通话（中国大陆）',
    speechRate: 1.3,
    sites: ['www.163.com', '*.gov.cn', '中国政府网.cn'],
  };
}

describe('site input', () => {
  it('normalises what the reader typed and refuses repeats and a full list', () => {
    expect(checkSiteInput(' https://WWW.163.com/news/a.html ', [])).toEqual({
      ok: true,
      pattern: 'www.163.com',
    });
    expect(checkSiteInput('*.gov.cn', [])).toEqual({ ok: true, pattern: '*.gov.cn' });
    expect(checkSiteInput('www.163.com', ['www.163.com'])).toEqual({
      ok: false,
      reason: 'siteDuplicate',
    });
    // The same site in its punycode form is a repeat too.
    expect(checkSiteInput('xn--fiqs8sirgfmhq98a.cn', ['中国政府网.cn'])).toMatchObject({
      ok: false,
    });
    const full = Array.from({ length: MAX_SITES }, (_, i) => `s${i}.example.cn`);
    expect(checkSiteInput('new.example.cn', full)).toEqual({ ok: false, reason: 'siteTooMany' });
  });

  it('gives a reason, with a message in both languages, for every refusal', () => {
    const cases: [string, string][] = [
      ['', 'siteEmpty'],
      ['   ', 'siteEmpty'],
      ['baidu', 'siteInvalid'],
      ['ftp://example.com', 'siteNotWeb'],
      ['/just/a/path', 'siteNoHost'],
      ['*.com.cn', 'siteTooBroad'],
      ['a'.repeat(3000), 'siteTooLong'],
    ];
    for (const [input, reason] of cases) {
      const r = checkSiteInput(input, []);
      expect(r, input.slice(0, 20)).toEqual({ ok: false, reason });
      expect(EN[reason]?.message, reason).toBeTruthy();
      expect(ZH[reason]?.message, reason).toBeTruthy();
    }
    for (const reason of ['siteDuplicate', 'siteTooMany']) {
      expect(EN[reason]?.message).toBeTruthy();
      expect(ZH[reason]?.message).toBeTruthy();
    }
  });

  it('asks for http and https of exactly the site', () => {
    expect(originsFor('www.163.com')).toEqual(['http://www.163.com/*', 'https://www.163.com/*']);
    expect(originsFor('*.gov.cn')).toEqual(['http://*.gov.cn/*', 'https://*.gov.cn/*']);
    expect(originsFor('中国政府网.cn')).toEqual([
      'http://xn--fiqs8sirgfmhq98a.cn/*',
      'https://xn--fiqs8sirgfmhq98a.cn/*',
    ]);
    expect(originsFor('not a site')).toEqual([]);
  });
});

describe('choices', () => {
  it('adds the value in effect when it is not on offer, in order', () => {
    expect(withCurrent([1.5, 1.8, 2], 1.8)).toEqual([1.5, 1.8, 2]);
    expect(withCurrent([1.5, 1.8, 2], 1.65)).toEqual([1.5, 1.65, 1.8, 2]);
  });

  it('rounds the contrast ratio down, so a warning never reads 7.0', () => {
    expect(formatRatio(6.96)).toBe('6.9');
    expect(formatRatio(21)).toBe('21.0');
  });
});

describe('export and import', () => {
  const now = new Date(2025, 4, 1, 9, 30);

  it('round-trips every setting', () => {
    const text = exportSettings(custom(), now);
    const data = JSON.parse(text);
    expect(data.app).toBe(EXPORT_APP);
    expect(data.settings.sites).toEqual(custom().sites);
    expect(parseImport(text)).toEqual({ ok: true, settings: custom(), droppedSites: 0 });
    expect(exportFileName(now)).toBe('care-mode-settings-2025-05-01.json');
  });

  it('refuses what is not our file, with a reason, never throwing', () => {
    const ours = JSON.parse(exportSettings(custom(), now));
    const cases: [string, string][] = [
      ['', 'importNotJson'],
      ['not json', 'importNotJson'],
      ['{"app": "care-mode",', 'importNotJson'],
      ['null', 'importNotOurs'],
      ['[]', 'importNotOurs'],
      ['"care-mode"', 'importNotOurs'],
      ['{"hello": "world"}', 'importNotOurs'],
      [JSON.stringify({ ...ours, app: 'other-app' }), 'importNotOurs'],
      [JSON.stringify({ ...ours, kind: 'bookmarks' }), 'importNotOurs'],
      [JSON.stringify({ ...ours, settings: undefined }), 'importWrongShape'],
      [JSON.stringify({ ...ours, settings: [1, 2] }), 'importWrongShape'],
      [JSON.stringify({ ...ours, settings: 'big' }), 'importWrongShape'],
      [' '.repeat(MAX_IMPORT_BYTES + 1), 'importTooLarge'],
    ];
    for (const [text, reason] of cases) {
      const r = parseImport(text);
      expect(r, text.slice(0, 40)).toMatchObject({ ok: false, reason });
      expect(EN[reason]?.message).toBeTruthy();
      expect(ZH[reason]?.message).toBeTruthy();
    }
    // A hostile key is only data.
    const proto = parseImport(
      '{"app":"care-mode","kind":"settings","settings":{"__proto__":{"fontSize":60}}}',
    );
    expect(proto).toEqual({ ok: true, settings: defaultSettings(), droppedSites: 0 });
  });

  it('refuses a damaged file and names the damaged settings', () => {
    const ours = JSON.parse(exportSettings(custom(), now));
    const damaged = (patch: Record<string, unknown>) =>
      parseImport(JSON.stringify({ ...ours, settings: { ...ours.settings, ...patch } }));
    expect(damaged({ fontSize: 'huge' })).toEqual({
      ok: false,
      reason: 'importDamaged',
      fields: ['fontSize'],
    });
    expect(damaged({ theme: 'pink', customBg: 'blue', sites: 'www.163.com' })).toMatchObject({
      ok: false,
      fields: ['theme', 'customBg', 'sites'],
    });
    expect(damaged({ showImages: 'yes' })).toMatchObject({ fields: ['showImages'] });
    expect(damaged({ fontSize: 500 })).toMatchObject({ fields: ['fontSize'] });
    const r = damaged({ fontSize: null, speechRate: 9 });
    expect(r.ok).toBe(false);
    const en = (key: string, subs: string[] = []) =>
      (EN[key]?.message ?? '').replace(/\$[A-Z]+\$/, subs[0] ?? '');
    expect(importMessage(r, en)).toBe(
      'This settings file is damaged (Text size, Reading speed). Nothing was changed.',
    );
  });

  it('accepts normalisable values, an older version and a file saved with a BOM', () => {
    const ours = JSON.parse(exportSettings(custom(), now));
    const r = parseImport(
      JSON.stringify({
        ...ours,
        settings: {
          ...ours.settings,
          customText: '#FC0',
          sites: ['WWW.163.COM', 'https://www.163.com/x', 'not a site', 'news.qq.com'],
        },
      }),
    );
    expect(r).toMatchObject({ ok: true, droppedSites: 2 });
    if (r.ok) {
      expect(r.settings.customText).toBe('#ffcc00');
      expect(r.settings.sites).toEqual(['www.163.com', 'news.qq.com']);
    }
    const v1 = parseImport(
      JSON.stringify({
        app: 'care-mode',
        kind: 'settings',
        settings: {
          version: 1,
          fontScale: 2,
          colorScheme: 'highContrast',
          autoSites: 'a.cn，b.cn',
        },
      }),
    );
    expect(v1).toMatchObject({
      ok: true,
      settings: { fontSize: 32, theme: 'yellow', sites: ['a.cn', 'b.cn'] },
    });
    expect(parseImport(`\uFEFF${exportSettings(custom(), now)}`)).toMatchObject({ ok: true });
    // Missing fields are not damage: they take the defaults.
    expect(
      parseImport(JSON.stringify({ app: 'care-mode', kind: 'settings', settings: {} })),
    ).toEqual({ ok: true, settings: { ...DEFAULTS, sites: [] }, droppedSites: 0 });
  });

  it('names every setting in both languages', () => {
    for (const key of Object.values(SETTING_LABEL_KEYS)) {
      expect(EN[key]?.message, key).toBeTruthy();
      expect(ZH[key]?.message, key).toBeTruthy();
    }
  });
});

describe('voices', () => {
  const voices = [
    { uri: 'en-gb', name: 'Daniel', lang: 'en-GB' },
    { uri: 'zh-tw', name: '美佳', lang: 'zh-TW' },
    { uri: 'fr', name: 'Thomas', lang: 'fr-FR' },
    { uri: 'zh-cn', name: '婷婷', lang: 'zh-CN' },
    { uri: 'yue', name: '善怡', lang: 'yue-HK' },
    { uri: 'en-us', name: 'Alex', lang: 'en-US' },
    { uri: 'en-us', name: 'Alex (again)', lang: 'en-US' },
    { uri: '', name: 'nameless', lang: 'zh-CN' },
  ];

  it('offers Chinese and English voices, grouped and sorted, without repeats', () => {
    const groups = groupVoices(voices, '');
    expect(groups.zh.map((v) => v.uri)).toEqual(['yue', 'zh-cn', 'zh-tw']);
    expect(groups.en.map((v) => v.uri)).toEqual(['en-gb', 'en-us']);
    expect(groups.other).toEqual([]);
  });

  it('keeps the chosen voice visible even in another language', () => {
    expect(groupVoices(voices, 'fr').other.map((v) => v.uri)).toEqual(['fr']);
  });
});
