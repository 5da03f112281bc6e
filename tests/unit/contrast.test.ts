// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  mix,
  normalizeHex,
  parseHex,
  relativeLuminance,
  toHex,
} from '../../lib/theme/contrast.ts';
import {
  contrastTable,
  customTheme,
  getTheme,
  THEME_IDS,
  type Theme,
  verdictFor,
} from '../../lib/theme/themes.ts';

describe('parseHex', () => {
  it('reads #rgb and #rrggbb in any case', () => {
    expect(parseHex('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseHex('#000000')).toEqual({ r: 0, g: 0, b: 0 });
    expect(parseHex('#1A2b3C')).toEqual({ r: 0x1a, g: 0x2b, b: 0x3c });
    expect(parseHex(' #abc ')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
  });

  it('returns null on anything else', () => {
    for (const bad of [
      '',
      '#',
      'fff',
      '#ff',
      '#ffff',
      '#fffff',
      '#fffffff',
      '#ggg',
      'red',
      'rgb(0,0,0)',
      '#12345g',
      '#'.padEnd(1_000_000, 'f'),
      null,
      undefined,
      0xffffff,
      {},
      [],
      Number.NaN,
    ]) {
      expect(parseHex(bad), String(bad).slice(0, 20)).toBeNull();
    }
  });

  it('round-trips through toHex / normalizeHex', () => {
    expect(toHex({ r: 255, g: 0, b: 17 })).toBe('#ff0011');
    expect(toHex({ r: 300, g: -4, b: 16.6 })).toBe('#ff0011');
    expect(normalizeHex('#ABC')).toBe('#aabbcc');
    expect(normalizeHex('nope')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = '#' + n.toString(16).padStart(6, '0');
        expect(toHex(parseHex(hex)!)).toBe(hex);
      }),
    );
  });
});

describe('WCAG reference values', () => {
  it('luminance of black, white and mid grey', () => {
    expect(relativeLuminance('#000')).toBe(0);
    expect(relativeLuminance('#fff')).toBe(1);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4);
  });

  it('matches well-known ratios', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777', '#fff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#595959', '#fff')).toBeCloseTo(7.0, 2);
    expect(contrastRatio('#ffff00', '#000')).toBeCloseTo(19.56, 2);
    expect(contrastRatio('#0000ff', '#fff')).toBeCloseTo(8.59, 2);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
  });

  it('is symmetric and within 1..21', () => {
    const hex = fc
      .integer({ min: 0, max: 0xffffff })
      .map((n) => '#' + n.toString(16).padStart(6, '0'));
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const r = contrastRatio(a, b);
        expect(r).toBe(contrastRatio(b, a));
        expect(r).toBeGreaterThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(21);
      }),
    );
  });

  it('throws on a non-hex colour instead of returning a fake ratio', () => {
    expect(() => contrastRatio('red', '#fff')).toThrow(TypeError);
  });

  it('mix blends in sRGB', () => {
    expect(mix('#000000', '#ffffff', 0)).toBe('#000000');
    expect(mix('#000000', '#ffffff', 1)).toBe('#ffffff');
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#000000', '#ffffff', 7)).toBe('#ffffff');
  });
});

// Listed here, not imported, so a pair dropped from the library still gets checked.
const TEXT_PAIRS: [keyof Theme, keyof Theme][] = [
  ['text', 'bg'],
  ['link', 'bg'],
  ['heading', 'bg'],
  ['meta', 'bg'],
  ['focus', 'bg'],
  ['buttonText', 'buttonBg'],
  ['highlightText', 'highlight'],
];

describe('built-in themes', () => {
  it('has at least the five required themes', () => {
    expect(THEME_IDS.length).toBeGreaterThanOrEqual(5);
    for (const id of ['light', 'dark', 'yellow', 'cream', 'dim']) {
      expect(THEME_IDS).toContain(id);
    }
  });

  for (const id of THEME_IDS) {
    describe(id, () => {
      const theme = getTheme(id);

      it('every token is a canonical #rrggbb colour', () => {
        for (const [key, value] of Object.entries(theme)) {
          if (key === 'id' || key === 'scheme') continue;
          expect(value, key).toMatch(/^#[0-9a-f]{6}$/);
        }
      });

      for (const [fg, bg] of TEXT_PAIRS) {
        it(`${fg} on ${bg} ≥ 7:1`, () => {
          expect(contrastRatio(theme[fg], theme[bg])).toBeGreaterThanOrEqual(7);
        });
      }

      it('border on bg ≥ 3:1 (non-text)', () => {
        expect(contrastRatio(theme.border, theme.bg)).toBeGreaterThanOrEqual(3);
      });

      it('highlight differs from bg and scheme matches bg lightness', () => {
        expect(theme.highlight).not.toBe(theme.bg);
        expect(theme.scheme).toBe(relativeLuminance(theme.bg) < 0.18 ? 'dark' : 'light');
      });
    });
  }

  it('the named themes have the colours they promise', () => {
    expect([getTheme('light').text, getTheme('light').bg]).toEqual(['#000000', '#ffffff']);
    expect([getTheme('dark').text, getTheme('dark').bg]).toEqual(['#ffffff', '#000000']);
    expect([getTheme('yellow').text, getTheme('yellow').bg]).toEqual(['#ffff00', '#000000']);
    expect(getTheme('cream').text).toBe('#000000');
    expect(relativeLuminance(getTheme('cream').bg)).toBeGreaterThan(0.85);
    const dim = getTheme('dim');
    // Low glare: neither pure black nor pure white.
    expect(dim.bg).not.toBe('#000000');
    expect(relativeLuminance(dim.text)).toBeLessThan(0.8);
    expect(relativeLuminance(dim.bg)).toBeLessThan(0.05);
  });

  it('getTheme falls back to light and returns a copy', () => {
    expect(getTheme('nope').id).toBe('light');
    const t = getTheme('dark');
    t.bg = '#123456';
    expect(getTheme('dark').bg).toBe('#000000');
  });
});

describe('contrastTable', () => {
  it('has a row per theme and pair, each meeting its minimum', () => {
    const rows = contrastTable();
    expect(rows.length).toBe(THEME_IDS.length * (TEXT_PAIRS.length + 1));
    for (const row of rows) {
      expect(row.ratio, `${row.theme} ${row.pair}`).toBeGreaterThanOrEqual(row.min);
    }
    for (const id of THEME_IDS) {
      for (const [fg, bg] of TEXT_PAIRS) {
        const row = rows.find((r) => r.theme === id && r.pair === `${fg}/${bg}`);
        expect(row?.min).toBe(7);
      }
    }
  });

  it('never rounds a ratio up', () => {
    for (const row of contrastTable()) {
      const [fg, bg] = row.pair.split('/') as [keyof Theme, keyof Theme];
      const theme = getTheme(row.theme);
      expect(row.ratio).toBeLessThanOrEqual(contrastRatio(theme[fg], theme[bg]));
    }
  });
});

describe('customTheme', () => {
  it('grades the pair: ok ≥ 7, warn 4.5..7, refuse < 4.5', () => {
    expect(customTheme('#000000', '#ffffff').verdict).toBe('ok');
    expect(customTheme('#595959', '#ffffff').verdict).toBe('ok');
    expect(customTheme('#5a5a5a', '#ffffff').verdict).toBe('warn');
    expect(customTheme('#767676', '#ffffff').verdict).toBe('warn');
    expect(customTheme('#777777', '#ffffff').verdict).toBe('refuse');
    expect(customTheme('#ffffff', '#ffffff').verdict).toBe('refuse');
    expect(verdictFor(7)).toBe('ok');
    expect(verdictFor(4.5)).toBe('warn');
    expect(verdictFor(4.49)).toBe('refuse');
  });

  it('reports the text/bg ratio', () => {
    expect(customTheme('#777', '#fff').ratio).toBeCloseTo(4.48, 2);
    expect(customTheme('#ffff00', '#000080').ratio).toBeCloseTo(
      contrastRatio('#ffff00', '#000080'),
      10,
    );
  });

  it('keeps the reader’s colours, normalised', () => {
    const { theme } = customTheme('#FF0', '#000080');
    expect(theme.id).toBe('custom');
    expect(theme.text).toBe('#ffff00');
    expect(theme.bg).toBe('#000080');
    expect(theme.scheme).toBe('dark');
  });

  it('refuses unreadable or invalid colours with a safe built-in theme', () => {
    const low = customTheme('#777777', '#ffffff');
    expect(low.theme.id).toBe('light');
    const darkLow = customTheme('#333333', '#000000');
    expect(darkLow.theme.id).toBe('dark');
    const bad = customTheme('red', '#ffffff');
    expect(bad).toMatchObject({ ratio: 0, verdict: 'refuse' });
    expect(bad.theme.id).toBe('light');
    expect(customTheme('#fff', 'x'.repeat(1_000_000)).verdict).toBe('refuse');
  });

  it('derives every pair at least as readable as text on bg (capped at 7)', () => {
    const hex = fc
      .integer({ min: 0, max: 0xffffff })
      .map((n) => '#' + n.toString(16).padStart(6, '0'));
    fc.assert(
      fc.property(hex, hex, (text, bg) => {
        const { theme, ratio, verdict } = customTheme(text, bg);
        if (verdict === 'refuse') {
          expect(theme.id).not.toBe('custom');
          return;
        }
        const need = Math.min(ratio, 7) - 1e-9;
        for (const [fg, back] of TEXT_PAIRS) {
          expect(contrastRatio(theme[fg], theme[back])).toBeGreaterThanOrEqual(need);
        }
        expect(contrastRatio(theme.border, theme.bg)).toBeGreaterThanOrEqual(3);
        if (verdict === 'ok') {
          for (const [fg, back] of TEXT_PAIRS) {
            expect(contrastRatio(theme[fg], theme[back])).toBeGreaterThanOrEqual(7);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
