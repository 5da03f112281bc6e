// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_WIDTHS,
  columnMaxWidth,
  DEFAULTS,
  defaultSettings,
  FONT_FAMILIES,
  FONT_SIZE_STEPS,
  MAX_SITES,
  migrate,
  repairSettings,
  SETTINGS_VERSION,
  type Settings,
  stepFontSize,
  THEME_PREFS,
} from '../../lib/prefs/schema.ts';
import { normalizeSitePattern } from '../../lib/prefs/sites.ts';
import { THEME_IDS } from '../../lib/theme/themes.ts';

const KEYS = [
  'version',
  'fontSize',
  'lineHeight',
  'letterSpacing',
  'columnWidth',
  'fontFamily',
  'theme',
  'customText',
  'customBg',
  'showImages',
  'speechVoice',
  'speechRate',
  'sites',
  'toolbarButton',
].sort();

const inRange = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** An independent statement of what a valid Settings is. */
function assertValid(s: Settings): void {
  expect(Object.keys(s).sort()).toEqual(KEYS);
  expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  expect(s.version).toBe(2);
  expect(inRange(s.fontSize, 18, 72)).toBe(true);
  expect(inRange(s.lineHeight, 1.5, 2.5)).toBe(true);
  expect(inRange(s.letterSpacing, 0, 0.3)).toBe(true);
  expect(['narrow', 'normal', 'wide']).toContain(s.columnWidth);
  expect(['sans', 'serif', 'kai', 'latin-sans', 'latin-serif']).toContain(s.fontFamily);
  expect([...THEME_IDS, 'custom', 'auto']).toContain(s.theme);
  expect(s.customText).toMatch(/^#[0-9a-f]{6}$/);
  expect(s.customBg).toMatch(/^#[0-9a-f]{6}$/);
  expect(typeof s.showImages).toBe('boolean');
  expect(typeof s.speechVoice).toBe('string');
  expect(s.speechVoice.length).toBeLessThanOrEqual(200);
  expect(inRange(s.speechRate, 0.5, 2)).toBe(true);
  expect(Array.isArray(s.sites)).toBe(true);
  expect(s.sites.length).toBeLessThanOrEqual(500);
  expect(['panel', 'toggle']).toContain(s.toolbarButton);
  expect(new Set(s.sites).size).toBe(s.sites.length);
  for (const site of s.sites)
    expect(normalizeSitePattern(site)).toEqual({ ok: true, pattern: site });
}

describe('DEFAULTS', () => {
  it('are the documented values and valid', () => {
    expect(DEFAULTS).toEqual({
      version: 2,
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
      sites: [],
      toolbarButton: 'panel',
    });
    expect(SETTINGS_VERSION).toBe(2);
    assertValid(defaultSettings());
  });

  it('cannot be mutated through repair results', () => {
    const { settings } = repairSettings(null);
    settings.sites.push('a.com');
    settings.fontSize = 72;
    expect(DEFAULTS.sites).toEqual([]);
    expect(DEFAULTS.fontSize).toBe(24);
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
  });

  it('exports the option lists', () => {
    expect(COLUMN_WIDTHS).toEqual(['narrow', 'normal', 'wide']);
    expect(FONT_FAMILIES).toEqual(['sans', 'serif', 'kai', 'latin-sans', 'latin-serif']);
    expect(THEME_PREFS).toEqual([...THEME_IDS, 'custom', 'auto']);
  });
});

describe('repairSettings: whole-value garbage', () => {
  it('null/undefined is a first run: defaults, nothing reported', () => {
    expect(repairSettings(null)).toEqual({ settings: defaultSettings(), repaired: [] });
    expect(repairSettings(undefined)).toEqual({ settings: defaultSettings(), repaired: [] });
  });

  it('an empty object: defaults, nothing reported', () => {
    expect(repairSettings({})).toEqual({ settings: defaultSettings(), repaired: [] });
  });

  for (const junk of [
    0,
    1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    'settings',
    'x'.repeat(1_000_000),
    [],
    [1, 2, 3],
    [{ fontSize: 30 }],
    () => 1,
    Symbol('s'),
    BigInt(10),
  ]) {
    it(`non-object ${typeof junk} ${String(Array.isArray(junk) ? 'array' : '').slice(0, 10)}`, () => {
      const r = repairSettings(junk);
      expect(r.settings).toEqual(defaultSettings());
      expect([...r.repaired].sort()).toEqual(KEYS);
    });
  }

  it('a valid object comes back unchanged, nothing reported', () => {
    const s: Settings = {
      version: 2,
      fontSize: 40,
      lineHeight: 2.2,
      letterSpacing: 0.1,
      columnWidth: 'narrow',
      fontFamily: 'kai',
      theme: 'custom',
      customText: '#ffff00',
      customBg: '#000080',
      showImages: false,
      speechVoice: 'com.apple.voice.compact.zh-CN.Tingting',
      speechRate: 0.8,
      sites: ['www.163.com', '*.gov.cn', '中国政府网.cn'],
      toolbarButton: 'toggle',
    };
    expect(repairSettings(s)).toEqual({ settings: s, repaired: [] });
    expect(repairSettings(s).settings).not.toBe(s);
  });

  it('drops unknown keys silently', () => {
    const r = repairSettings({ fontSize: 30, extra: 1, fontScale: 2, nested: { a: 1 } });
    expect(r.settings).toEqual({ ...defaultSettings(), fontSize: 30 });
    expect(r.repaired).toEqual([]);
  });

  it('ignores prototype-pollution keys and does not pollute', () => {
    const raw = JSON.parse(
      '{"__proto__": {"polluted": true, "fontSize": 60}, "constructor": {"prototype": {"polluted": true}}, "prototype": {"x": 1}, "fontSize": 32}',
    );
    const r = repairSettings(raw);
    expect(r.settings).toEqual({ ...defaultSettings(), fontSize: 32 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.settings)).toBe(Object.prototype);
    assertValid(r.settings);
  });

  it('does not read inherited values', () => {
    const raw = Object.create({ fontSize: 48, theme: 'dark' });
    expect(repairSettings(raw).settings).toEqual(defaultSettings());
  });

  it('survives throwing getters and revoked proxies', () => {
    const evil = {
      get fontSize(): number {
        throw new Error('boom');
      },
    };
    expect(() => repairSettings(evil)).not.toThrow();
    assertValid(repairSettings(evil).settings);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => repairSettings(proxy)).not.toThrow();
    assertValid(repairSettings(proxy).settings);
  });
});

describe('repairSettings: field by field', () => {
  const garbage: unknown[] = [
    null,
    '',
    'x'.repeat(1_000_000),
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    1e308,
    true,
    [],
    {},
    { valueOf: () => 24 },
  ];

  const fields: { key: keyof Settings; good: unknown[]; bad: unknown[] }[] = [
    { key: 'fontSize', good: [18, 24, 25, 72], bad: [17.9, 72.1, 0, '24', '24px'] },
    { key: 'lineHeight', good: [1.5, 1.8, 2.5], bad: [1.49, 2.51, '1.8', 0] },
    { key: 'letterSpacing', good: [0, 0.05, 0.3], bad: [-0.01, 0.31, '0.1em', 1] },
    { key: 'columnWidth', good: ['narrow', 'normal', 'wide'], bad: ['Normal', 'medium', 1] },
    {
      key: 'fontFamily',
      good: ['sans', 'serif', 'kai', 'latin-sans', 'latin-serif'],
      bad: ['Arial', 'SANS', 'monospace', 0],
    },
    {
      key: 'theme',
      good: [...THEME_IDS, 'custom', 'auto'],
      bad: ['Dark', 'blue', 'highContrast', 'toString', '__proto__'],
    },
    { key: 'customText', good: ['#000000', '#12ab34'], bad: ['black', '#12345', 'rgb(0,0,0)'] },
    { key: 'customBg', good: ['#ffffff', '#000080'], bad: ['white', '#fffff', '#ggg'] },
    { key: 'showImages', good: [true, false], bad: ['true', 1, 0, 'false'] },
    { key: 'speechVoice', good: ['', 'Tingting', 'x'.repeat(200)], bad: ['x'.repeat(201), 5] },
    { key: 'speechRate', good: [0.5, 1, 1.25, 2], bad: [0.49, 2.01, '1', 0] },
    { key: 'sites', good: [[], ['www.163.com']], bad: ['www.163.com', 'a.com,b.com', 5] },
    { key: 'toolbarButton', good: ['panel', 'toggle'], bad: ['popup', 'PANEL', true, 1, null] },
  ];

  for (const { key, good, bad } of fields) {
    describe(key, () => {
      it('keeps valid values without reporting', () => {
        for (const v of good) {
          const r = repairSettings({ [key]: v });
          expect(r.settings[key], JSON.stringify(v)).toEqual(v);
          expect(r.repaired).toEqual([]);
        }
      });

      it('resets invalid values to the default and reports only this field', () => {
        // Generic garbage minus what happens to be valid here (true, '', []).
        const isGood = (v: unknown) => good.some((g) => JSON.stringify(g) === JSON.stringify(v));
        for (const v of [
          ...bad,
          ...garbage.filter((v) => typeof v !== typeof good[0] || !isGood(v)),
        ]) {
          const r = repairSettings({ ...defaultSettings(), [key]: v });
          expect(r.settings[key], String(v).slice(0, 30)).toEqual(DEFAULTS[key]);
          expect(r.repaired).toEqual([key]);
          assertValid(r.settings);
        }
      });

      it('treats an explicit undefined as missing', () => {
        expect(repairSettings({ [key]: undefined }).repaired).toEqual([]);
      });
    });
  }

  it('repairs several fields at once and keeps the good ones', () => {
    const r = repairSettings({
      version: 2,
      fontSize: 'huge',
      lineHeight: 2,
      theme: 'neon',
      showImages: false,
      speechRate: Number.NaN,
    });
    expect(r.settings).toMatchObject({
      fontSize: 24,
      lineHeight: 2,
      theme: 'auto',
      showImages: false,
      speechRate: 1,
    });
    expect([...r.repaired].sort()).toEqual(['fontSize', 'speechRate', 'theme']);
  });

  it('normalises hex colours and reports the change', () => {
    const r = repairSettings({ customText: '#FF0', customBg: ' #000080 ' });
    expect(r.settings.customText).toBe('#ffff00');
    expect(r.settings.customBg).toBe('#000080');
    expect([...r.repaired].sort()).toEqual(['customBg', 'customText']);
  });

  it('keeps -0 and integer-valued floats as numbers', () => {
    expect(repairSettings({ letterSpacing: -0 }).settings.letterSpacing).toBe(-0);
    expect(repairSettings({ fontSize: 24.0 }).settings.fontSize).toBe(24);
  });
});

describe('repairSettings: sites', () => {
  it('normalises, drops invalid and duplicates, reports', () => {
    const r = repairSettings({
      sites: [
        'https://www.163.com/news',
        'www.163.com',
        'WWW.163.COM',
        '*.gov.cn',
        '*',
        '*.com',
        '',
        null,
        42,
        { host: 'a.com' },
        '中国政府网.cn',
        new URL('http://中国政府网.cn/').hostname,
        'x'.repeat(1_000_000),
      ],
    });
    expect(r.settings.sites).toEqual(['www.163.com', '*.gov.cn', '中国政府网.cn']);
    expect(r.repaired).toEqual(['sites']);
  });

  it('keeps at most 500, in order', () => {
    const many = Array.from({ length: 700 }, (_, i) => `s${i}.example.com`);
    const r = repairSettings({ sites: many });
    expect(r.settings.sites).toEqual(many.slice(0, MAX_SITES));
    expect(r.repaired).toEqual(['sites']);
  });

  it('exactly 500 canonical sites are not a repair', () => {
    const many = Array.from({ length: 500 }, (_, i) => `s${i}.example.com`);
    expect(repairSettings({ sites: many }).repaired).toEqual([]);
  });

  it('bounds work on a huge hostile array', () => {
    const huge = new Array(5_000_000).fill('not a site');
    const t = performance.now();
    const r = repairSettings({ sites: huge });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(r.settings.sites).toEqual([]);
    expect(r.repaired).toEqual(['sites']);
  });

  it('handles sparse arrays', () => {
    const sparse: string[] = [];
    sparse[3] = 'a.com';
    expect(repairSettings({ sites: sparse }).settings.sites).toEqual(['a.com']);
  });
});

describe('migrations', () => {
  it('v1 → v2', () => {
    const v1 = {
      version: 1,
      fontScale: 1.25,
      colorScheme: 'highContrast',
      autoSites: 'www.163.com, people.com.cn，*.gov.cn、中国政府网.cn',
      lineHeight: 2,
      showImages: false,
    };
    const r = repairSettings(v1);
    expect(r.settings).toEqual({
      ...defaultSettings(),
      fontSize: 20,
      theme: 'yellow',
      lineHeight: 2,
      showImages: false,
      sites: ['www.163.com', 'people.com.cn', '*.gov.cn', '中国政府网.cn'],
    });
    // 'version' tells the caller to write the migrated value back.
    expect(r.repaired).toEqual(['version']);
    assertValid(r.settings);
  });

  it('maps every v1 colour scheme', () => {
    const theme = (colorScheme: unknown) =>
      repairSettings({ version: 1, colorScheme }).settings.theme;
    expect(theme('highContrast')).toBe('yellow');
    expect(theme('dark')).toBe('dark');
    expect(theme('normal')).toBe('light');
    const r = repairSettings({ version: 1, colorScheme: 'sepia' });
    expect(r.settings.theme).toBe('auto');
    expect(r.repaired).toContain('theme');
  });

  it('clamps v1 font scales and rounds to whole pixels', () => {
    const size = (fontScale: unknown) =>
      repairSettings({ version: 1, fontScale }).settings.fontSize;
    expect(size(1)).toBe(18);
    expect(size(1.5)).toBe(24);
    expect(size(2)).toBe(32);
    expect(size(1.33)).toBe(21);
    expect(size(10)).toBe(72);
    expect(size(0.5)).toBe(18);
    const bad = repairSettings({ version: 1, fontScale: 'big' });
    expect(bad.settings.fontSize).toBe(24);
    expect(bad.repaired).toContain('fontSize');
    expect(repairSettings({ version: 1, fontScale: -1 }).repaired).toContain('fontSize');
  });

  it('v1 site lists: bad entries dropped and reported, non-strings reset', () => {
    const r = repairSettings({ version: 1, autoSites: 'a.com,,baidu, ,b.com' });
    expect(r.settings.sites).toEqual(['a.com', 'b.com']);
    expect(r.repaired).toContain('sites');
    const empty = repairSettings({ version: 1, autoSites: '' });
    expect(empty.settings.sites).toEqual([]);
    expect(empty.repaired).toEqual(['version']);
    const wrong = repairSettings({ version: 1, autoSites: 42 });
    expect(wrong.settings.sites).toEqual([]);
    expect(wrong.repaired).toContain('sites');
  });

  it('v1 fields that v2 does not know are dropped; v2-only fields are not read from v1', () => {
    const r = repairSettings({ version: 1, fontScale: 2, theme: 'dark', sites: ['x.com'] });
    expect(r.settings.theme).toBe('auto');
    expect(r.settings.sites).toEqual([]);
  });

  it('migrate() returns the current shape with only known keys', () => {
    const m = migrate({ version: 1, fontScale: 2, colorScheme: 'dark', junk: 1 });
    expect(m).toEqual({ version: 2, fontSize: 32, theme: 'dark' });
    expect(migrate('nope')).toEqual({ version: 2 });
    expect(migrate({ version: 2, fontSize: 30, extra: 1 })).toEqual({ version: 2, fontSize: 30 });
  });

  it('a future version keeps what still validates and becomes current', () => {
    const r = repairSettings({
      version: 7,
      fontSize: 36,
      theme: 'hologram',
      newField: { deep: true },
      sites: ['www.163.com'],
    });
    expect(r.settings).toEqual({ ...defaultSettings(), fontSize: 36, sites: ['www.163.com'] });
    expect([...r.repaired].sort()).toEqual(['theme', 'version']);
  });

  for (const version of ['2', null, Number.NaN, -1, 0, 1.5, Number.POSITIVE_INFINITY, {}]) {
    it(`invalid version ${String(version)} is read as current and reported`, () => {
      const r = repairSettings({ version, fontSize: 30 });
      expect(r.settings.version).toBe(2);
      expect(r.settings.fontSize).toBe(30);
      expect(r.repaired).toEqual(['version']);
    });
  }

  it('a missing version is read as current without a report', () => {
    expect(repairSettings({ fontSize: 30 }).repaired).toEqual([]);
  });
});

describe('properties', () => {
  it('repairSettings never throws and always returns valid Settings for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const r = repairSettings(raw);
        assertValid(r.settings);
        for (const key of r.repaired) expect(KEYS).toContain(key);
      }),
      { numRuns: 1000 },
    );
  });

  it('… including objects built from settings-like keys with arbitrary values', () => {
    const key = fc.constantFrom(...KEYS, 'fontScale', 'colorScheme', 'autoSites', '__proto__');
    const value = fc.oneof(
      fc.jsonValue(),
      fc.double(),
      fc.constantFrom(1, 2, 3, 'dark', 'sans', '#fff', 'a.com,b.com'),
      fc.array(fc.oneof(fc.domain(), fc.string())),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value), (raw) => {
        const r = repairSettings(raw);
        assertValid(r.settings);
        // Idempotent: a repaired value needs no further repair.
        expect(repairSettings(r.settings)).toEqual({ settings: r.settings, repaired: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('… and for anything at all (fc.anything)', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true }), (raw) => {
        assertValid(repairSettings(raw).settings);
      }),
      { numRuns: 500 },
    );
  });
});

describe('font size steps', () => {
  it('are increasing, start at 18 and end at 72, include the default', () => {
    expect(FONT_SIZE_STEPS[0]).toBe(18);
    expect(FONT_SIZE_STEPS[FONT_SIZE_STEPS.length - 1]).toBe(72);
    expect(FONT_SIZE_STEPS).toContain(DEFAULTS.fontSize);
    for (let i = 1; i < FONT_SIZE_STEPS.length; i++) {
      expect(FONT_SIZE_STEPS[i]!).toBeGreaterThan(FONT_SIZE_STEPS[i - 1]!);
    }
  });

  it('step up and down, stopping at the ends', () => {
    expect(stepFontSize(24, 1)).toBe(28);
    expect(stepFontSize(24, -1)).toBe(22);
    expect(stepFontSize(72, 1)).toBe(72);
    expect(stepFontSize(18, -1)).toBe(18);
    expect(stepFontSize(25, 1)).toBe(28);
    expect(stepFontSize(25, -1)).toBe(24);
    expect(stepFontSize(100, -1)).toBe(72);
    expect(stepFontSize(5, 1)).toBe(18);
    expect(stepFontSize(Number.NaN, 1)).toBe(28);
  });

  it('walking up from 18 visits every step', () => {
    const seen = [18];
    while (seen[seen.length - 1]! < 72) seen.push(stepFontSize(seen[seen.length - 1]!, 1));
    expect(seen).toEqual([...FONT_SIZE_STEPS]);
  });
});

describe('column widths', () => {
  it('narrow/normal/wide in CJK characters and Latin ch', () => {
    expect(columnMaxWidth('narrow', 'cjk')).toBe('30em');
    expect(columnMaxWidth('normal', 'cjk')).toBe('36em');
    expect(columnMaxWidth('wide', 'cjk')).toBe('40em');
    expect(columnMaxWidth('normal', 'latin')).toBe('70ch');
  });

  it('widen with letter spacing so the character count stays the same', () => {
    expect(columnMaxWidth('narrow', 'cjk', 0.1)).toBe('33em');
    expect(columnMaxWidth('normal', 'latin', 0.1)).toBe('calc(70ch + 7em)');
  });
});
