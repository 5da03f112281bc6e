// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  fromStorageChunks,
  MAX_SITES,
  PREFS_KEY,
  repairSettings,
  type Settings,
  SITES_COUNT_KEY,
  SYNC_QUOTA,
  staleChunkKeys,
  storageItemBytes,
  toStorageChunks,
} from '../../lib/prefs/schema.ts';
import { MAX_PATTERN_BYTES, normalizeSitePattern } from '../../lib/prefs/sites.ts';

/** Measured independently of the library: key + JSON(value), UTF-8 bytes. */
const itemBytes = (key: string, value: unknown) =>
  Buffer.byteLength(key, 'utf8') + Buffer.byteLength(JSON.stringify(value), 'utf8');

function assertFitsQuota(items: Record<string, unknown>): number {
  const keys = Object.keys(items);
  expect(keys.length).toBeLessThanOrEqual(SYNC_QUOTA.maxItems);
  let total = 0;
  for (const key of keys) {
    const bytes = itemBytes(key, items[key]);
    expect(bytes, key).toBeLessThan(8192);
    expect(storageItemBytes(key, items[key])).toBe(bytes);
    total += bytes;
  }
  expect(total).toBeLessThan(100 * 1024);
  return total;
}

/** The longest valid pattern of a given flavour, made unique by i. */
function longAscii(i: number, wildcard = false): string {
  const star = wildcard ? '*.' : '';
  const first = `s${i}-`.padEnd(63, 'a');
  // star + first + '.' + second + '.' + third + '.com' = MAX_PATTERN_BYTES
  const third = 'c'.repeat(MAX_PATTERN_BYTES - star.length - 63 - 1 - 63 - 1 - 4);
  return `${star}${first}.${'b'.repeat(63)}.${third}.com`;
}

function longCjk(i: number): string {
  // 3 UTF-8 bytes per character; stay within MAX_PATTERN_BYTES including '.中国'.
  const room = Math.floor((MAX_PATTERN_BYTES - 7 - String(i).length - 1) / 3);
  const a = Math.min(room, 50);
  return `${i}${'长'.repeat(a)}.${'网'.repeat(room - a)}.中国`;
}

function longWildcard(i: number): string {
  return longAscii(i, true);
}

function settingsWith(sites: string[], extra: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...extra, sites };
}

describe('long site patterns used below are valid and at the byte limit', () => {
  it('ascii, cjk and wildcard', () => {
    for (const p of [longAscii(499), longCjk(499), longWildcard(499)]) {
      const r = normalizeSitePattern(p);
      expect(r, p).toEqual({ ok: true, pattern: p });
      expect(Buffer.byteLength(p)).toBeGreaterThan(MAX_PATTERN_BYTES - 4);
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PATTERN_BYTES);
    }
  });
});

describe('toStorageChunks', () => {
  it('lays out prefs, sites.N and sites.count', () => {
    const items = toStorageChunks(settingsWith(['www.163.com', '*.gov.cn']));
    expect(Object.keys(items).sort()).toEqual([PREFS_KEY, 'sites.0', SITES_COUNT_KEY]);
    expect(items[PREFS_KEY]).not.toHaveProperty('sites');
    expect(items['sites.0']).toEqual(['www.163.com', '*.gov.cn']);
    expect(items[SITES_COUNT_KEY]).toBe(1);
  });

  it('no sites: no chunks, count 0', () => {
    const items = toStorageChunks(defaultSettings());
    expect(items[SITES_COUNT_KEY]).toBe(0);
    expect(Object.keys(items).sort()).toEqual([PREFS_KEY, SITES_COUNT_KEY]);
  });

  for (const [name, make] of [
    ['ascii', longAscii],
    ['cjk', longCjk],
    ['wildcard', longWildcard],
    ['mixed', (i: number) => [longAscii, longCjk, longWildcard][i % 3]!(i)],
  ] as const) {
    it(`500 ${name} sites at the length limit fit every sync quota`, () => {
      const sites = Array.from({ length: MAX_SITES }, (_, i) => make(i));
      // The prefs item at its largest too: a voice name that JSON-escapes to 6 bytes a char.
      const settings = settingsWith(sites, { speechVoice: '\u0001'.repeat(200) });
      expect(repairSettings(settings).repaired).toEqual([]);
      const items = toStorageChunks(settings);
      const total = assertFitsQuota(items);
      expect(total).toBeGreaterThan(80_000); // really near the limit, not a trivial case
      expect(fromStorageChunks(items)).toEqual({ settings, repaired: [] });
    });
  }

  it('repairs its input so the output always fits', () => {
    const bad = {
      ...defaultSettings(),
      speechVoice: 'x'.repeat(100_000),
      sites: Array.from({ length: 900 }, (_, i) => longAscii(i)),
    } as Settings;
    const items = toStorageChunks(bad);
    assertFitsQuota(items);
    expect(fromStorageChunks(items).settings.sites).toHaveLength(MAX_SITES);
  });

  it('chunks preserve order', () => {
    const sites = Array.from({ length: MAX_SITES }, (_, i) => longAscii(i));
    const items = toStorageChunks(settingsWith(sites));
    const count = items[SITES_COUNT_KEY] as number;
    expect(count).toBeGreaterThan(1);
    const joined: unknown[] = [];
    for (let i = 0; i < count; i++) joined.push(...(items[`sites.${i}`] as unknown[]));
    expect(joined).toEqual(sites);
  });
});

describe('fromStorageChunks', () => {
  it('round-trips arbitrary valid settings', () => {
    const site = fc.oneof(
      fc.domain(),
      fc.constantFrom('www.163.com', '*.gov.cn', '中国政府网.cn', 'localhost', '[::1]'),
    );
    fc.assert(
      fc.property(
        fc.array(site, { maxLength: 600 }),
        fc.integer({ min: 18, max: 72 }),
        fc.string({ maxLength: 200 }),
        (sites, fontSize, speechVoice) => {
          const settings = repairSettings({ sites, fontSize, speechVoice }).settings;
          const items = toStorageChunks(settings);
          assertFitsQuota(items);
          expect(fromStorageChunks(items)).toEqual({ settings, repaired: [] });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('an empty storage area is a first run', () => {
    expect(fromStorageChunks({})).toEqual({ settings: defaultSettings(), repaired: [] });
    expect(fromStorageChunks(undefined)).toEqual({ settings: defaultSettings(), repaired: [] });
    expect(fromStorageChunks(null)).toEqual({ settings: defaultSettings(), repaired: [] });
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(
            fc.constantFrom('prefs', 'sites.count', 'sites.0', 'sites.1', 'sites.2', '__proto__'),
            fc.jsonValue(),
          ),
        ),
        (items) => {
          const r = fromStorageChunks(items);
          expect(r.settings.version).toBe(2);
          expect(r.settings.sites.length).toBeLessThanOrEqual(MAX_SITES);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a missing chunk loses only its own sites, reported', () => {
    const sites = Array.from({ length: MAX_SITES }, (_, i) => longAscii(i));
    const items = toStorageChunks(settingsWith(sites));
    const first = items['sites.0'] as string[];
    delete items['sites.0'];
    const r = fromStorageChunks(items);
    expect(r.settings.sites).toEqual(sites.slice(first.length));
    expect(r.repaired).toEqual(['sites']);
  });

  it('a lost count: take the consecutive chunks present, reported', () => {
    const items = toStorageChunks(settingsWith(['a.com']));
    delete items[SITES_COUNT_KEY];
    expect(fromStorageChunks(items).settings.sites).toEqual(['a.com']);
    expect(fromStorageChunks(items).repaired).toEqual(['sites']);
    const garbled = { ...toStorageChunks(settingsWith(['a.com'])), [SITES_COUNT_KEY]: 'x' };
    expect(fromStorageChunks(garbled).settings.sites).toEqual(['a.com']);
    expect(fromStorageChunks(garbled).repaired).toEqual(['sites']);
  });

  it('chunks beyond sites.count are ignored (stale)', () => {
    const items = { ...toStorageChunks(settingsWith(['a.com'])), 'sites.1': ['stale.com'] };
    expect(fromStorageChunks(items)).toEqual({
      settings: settingsWith(['a.com']),
      repaired: [],
    });
  });

  it('a chunk of garbage is reported and the rest kept', () => {
    const items = {
      prefs: { fontSize: 30 },
      'sites.count': 2,
      'sites.0': 'a.com',
      'sites.1': ['b.com', 5],
    };
    const r = fromStorageChunks(items);
    expect(r.settings.fontSize).toBe(30);
    expect(r.settings.sites).toEqual(['b.com']);
    expect(r.repaired).toEqual(['sites']);
  });

  it('unreadable prefs: every preference reset and reported, sites kept', () => {
    const items = { ...toStorageChunks(settingsWith(['a.com'])), prefs: 'garbage' };
    const r = fromStorageChunks(items);
    expect(r.settings).toEqual(settingsWith(['a.com']));
    expect(r.repaired).toHaveLength(13);
    expect(r.repaired).not.toContain('sites');
  });

  it('reads a version-1 install (one object under prefs, sites as a string)', () => {
    const r = fromStorageChunks({
      prefs: { version: 1, fontScale: 2, colorScheme: 'dark', autoSites: 'www.163.com,*.gov.cn' },
    });
    expect(r.settings).toEqual(
      settingsWith(['www.163.com', '*.gov.cn'], { fontSize: 32, theme: 'dark' }),
    );
    expect(r.repaired).toEqual(['version']);
  });

  it('a huge sites.count is bounded', () => {
    const r = fromStorageChunks({ 'sites.count': 1e9, 'sites.0': ['a.com'] });
    expect(r.settings.sites).toEqual(['a.com']);
    expect(r.repaired).toEqual(['sites']);
  });
});

describe('staleChunkKeys', () => {
  it('lists chunk keys the next write no longer has', () => {
    const before = toStorageChunks(
      settingsWith(Array.from({ length: MAX_SITES }, (_, i) => longAscii(i))),
    );
    const after = toStorageChunks(settingsWith(['a.com']));
    const stale = staleChunkKeys(before, after);
    const count = before[SITES_COUNT_KEY] as number;
    expect(stale.sort()).toEqual(
      Array.from({ length: count - 1 }, (_, i) => `sites.${i + 1}`).sort(),
    );
    expect(staleChunkKeys(after, before)).toEqual([]);
    expect(staleChunkKeys({ prefs: {}, other: 1, 'sites.count': 1 }, after)).toEqual([]);
  });
});

describe('fromStorageChunks on exotic input', () => {
  it('does not throw on a revoked proxy or throwing getters', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(fromStorageChunks(proxy).settings).toEqual(defaultSettings());
    const evil = {
      get prefs(): unknown {
        throw new Error('boom');
      },
    };
    expect(() => fromStorageChunks(evil)).not.toThrow();
  });
});
