// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hostMatches,
  hostStanding,
  MAX_PATTERN_BYTES,
  MAX_SITE_INPUT,
  matchPatterns,
  normalizeSitePattern,
  originsToRelease,
  type SiteReason,
  siteGranted,
  siteKey,
  siteMatcher,
  utf8Length,
} from '../../lib/prefs/sites.ts';

const ok = (pattern: string) => ({ ok: true, pattern });
const no = (reason: SiteReason) => ({ ok: false, reason });

describe('normalizeSitePattern accepts what readers type', () => {
  const cases: [string, string][] = [
    ['www.163.com', 'www.163.com'],
    ['https://www.163.com/news/a.html', 'www.163.com'],
    ['http://www.163.com', 'www.163.com'],
    ['//www.163.com/x', 'www.163.com'],
    ['www.163.com/', 'www.163.com'],
    ['www.163.com?from=weixin#top', 'www.163.com'],
    ['www.163.com.', 'www.163.com'],
    ['*.gov.cn', '*.gov.cn'],
    ['http://*.gov.cn/*', '*.gov.cn'],
    ['*://*.gov.cn/*', '*.gov.cn'],
    ['.gov.cn', '*.gov.cn'],
    ['*.edu.cn', '*.edu.cn'],
    [' PEOPLE.com.cn ', 'people.com.cn'],
    ['\u3000people.com.cn\u3000', 'people.com.cn'],
    ['中国政府网.cn', '中国政府网.cn'],
    ['https://中国政府网.中国/', '中国政府网.中国'],
    ['xn--fiqs8s.cn', 'xn--fiqs8s.cn'],
    ['München.de', 'münchen.de'],
    // Chinese IME: full stop and full-width letters.
    ['www。163。com', 'www.163.com'],
    ['ｗｗｗ．１６３．ｃｏｍ', 'www.163.com'],
    ['https：／／www.163.com／news', 'www.163.com'],
    ['Example.COM:8080', 'example.com'],
    ['http://user:pw@example.com:80/x', 'example.com'],
    ['localhost', 'localhost'],
    ['http://localhost:5173/', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['http://192.168.1.1:8080/admin', '192.168.1.1'],
    ['192.168.001.010', '192.168.1.10'],
    ['[::1]', '[::1]'],
    ['http://[::1]:3000/', '[::1]'],
    ['::1', '[::1]'],
    ['[2001:DB8::1]', '[2001:db8::1]'],
    ['a-b.example.co.uk', 'a-b.example.co.uk'],
  ];
  for (const [input, pattern] of cases) {
    it(JSON.stringify(input), () => {
      expect(normalizeSitePattern(input)).toEqual(ok(pattern));
    });
  }
});

describe('normalizeSitePattern rejects with a reason key', () => {
  const cases: [unknown, SiteReason][] = [
    ['', 'siteEmpty'],
    ['   ', 'siteEmpty'],
    ['/news/a.html', 'siteNoHost'],
    ['http:///path', 'siteNoHost'],
    ['http://', 'siteNoHost'],
    [':8080', 'siteNoHost'],
    ['*', 'siteTooBroad'],
    ['*.com', 'siteTooBroad'],
    ['*.cn', 'siteTooBroad'],
    ['*.com.cn', 'siteTooBroad'],
    ['*.co.uk', 'siteTooBroad'],
    ['http://*/*', 'siteTooBroad'],
    ['file:///C:/a.html', 'siteNotWeb'],
    ['chrome://extensions', 'siteNotWeb'],
    ['javascript:alert(1)', 'siteNotWeb'],
    ['about:blank', 'siteNotWeb'],
    ['ftp://example.com', 'siteNotWeb'],
    ['baidu', 'siteInvalid'],
    ['news', 'siteInvalid'],
    ['www.*.com', 'siteInvalid'],
    ['*gov.cn', 'siteInvalid'],
    ['*.*.com', 'siteInvalid'],
    ['a..com', 'siteInvalid'],
    ['-a.com', 'siteInvalid'],
    ['a-.com', 'siteInvalid'],
    ['a_b.com', 'siteInvalid'],
    ['a b.com', 'siteInvalid'],
    ['😀.com', 'siteInvalid'],
    ['999.1.1.1', 'siteInvalid'],
    ['1.2.3', 'siteInvalid'],
    ['*.1.2.3.4', 'siteInvalid'],
    ['example.com:http', 'siteInvalid'],
    ['[::1', 'siteInvalid'],
    ['[zz::1]', 'siteInvalid'],
    [`${'a'.repeat(64)}.com`, 'siteInvalid'],
    [`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.com`, 'siteTooLong'],
    ['x'.repeat(MAX_SITE_INPUT + 1), 'siteTooLong'],
    [null, 'siteInvalid'],
    [undefined, 'siteInvalid'],
    [42, 'siteInvalid'],
    [{ toString: () => 'a.com' }, 'siteInvalid'],
    [['a.com'], 'siteInvalid'],
  ];
  for (const [input, reason] of cases) {
    it(JSON.stringify(input)?.slice(0, 60) ?? String(input), () => {
      expect(normalizeSitePattern(input)).toEqual(no(reason));
    });
  }

  it('rejects a 1 MB paste quickly', () => {
    const t = performance.now();
    expect(normalizeSitePattern(`https://${'a'.repeat(1_000_000)}.com/`)).toEqual(
      no('siteTooLong'),
    );
    expect(performance.now() - t).toBeLessThan(50);
  });

  it('a long URL is fine as long as the host is short', () => {
    expect(normalizeSitePattern(`https://www.163.com/${'p'.repeat(1500)}`)).toEqual(
      ok('www.163.com'),
    );
  });
});

describe('normalizeSitePattern properties', () => {
  it('never throws, and every pattern is canonical and within the byte limit', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.webUrl()), (s) => {
        const r = normalizeSitePattern(s);
        if (!r.ok) return;
        expect(normalizeSitePattern(r.pattern)).toEqual(r);
        expect(utf8Length(r.pattern)).toBeLessThanOrEqual(MAX_PATTERN_BYTES);
        expect(r.pattern).toBe(r.pattern.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('a web URL normalises to its host', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const host = new URL(url).hostname;
        const r = normalizeSitePattern(url);
        if (r.ok) expect(siteKey(r.pattern)).toBe(host);
      }),
      { numRuns: 500 },
    );
  });

  it('any domain is accepted unchanged', () => {
    fc.assert(
      fc.property(fc.domain(), (d) => {
        if (utf8Length(d) > MAX_PATTERN_BYTES) return;
        // fast-check may produce numeric TLDs, which are not real domains.
        if (/\.\d+$/.test(d)) return;
        expect(normalizeSitePattern(d)).toEqual(ok(d));
      }),
      { numRuns: 500 },
    );
  });
});

describe('matchPatterns', () => {
  it('builds Chrome match patterns', () => {
    expect(matchPatterns('www.163.com')).toEqual(['*://www.163.com/*']);
    expect(matchPatterns('*.gov.cn')).toEqual(['*://*.gov.cn/*']);
    expect(matchPatterns('localhost')).toEqual(['*://localhost/*']);
    expect(matchPatterns('127.0.0.1')).toEqual(['*://127.0.0.1/*']);
    expect(matchPatterns('[::1]')).toEqual(['*://[::1]/*']);
  });

  it('uses the ASCII form of IDN hosts', () => {
    const ascii = new URL('http://中国政府网.cn/').hostname;
    expect(ascii.startsWith('xn--')).toBe(true);
    expect(matchPatterns('中国政府网.cn')).toEqual([`*://${ascii}/*`]);
  });

  it('normalises loose input and gives [] for invalid', () => {
    expect(matchPatterns('HTTPS://WWW.163.COM/a')).toEqual(['*://www.163.com/*']);
    expect(matchPatterns('*')).toEqual([]);
    expect(matchPatterns('')).toEqual([]);
  });

  it('every pattern has the shape Chrome accepts', () => {
    const shape = /^\*:\/\/(\*\.)?[a-z0-9.\-[\]:]+\/\*$/;
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.webUrl()), (s) => {
        for (const p of matchPatterns(s)) expect(p).toMatch(shape);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostMatches', () => {
  it('exact hosts match only themselves', () => {
    expect(hostMatches('www.163.com', 'www.163.com')).toBe(true);
    expect(hostMatches('www.163.com', 'WWW.163.COM')).toBe(true);
    expect(hostMatches('www.163.com', 'news.163.com')).toBe(false);
    expect(hostMatches('www.163.com', '163.com')).toBe(false);
    expect(hostMatches('163.com', 'www.163.com')).toBe(false);
  });

  it('wildcards match the domain and its subdomains, not look-alikes', () => {
    expect(hostMatches('*.gov.cn', 'www.gov.cn')).toBe(true);
    expect(hostMatches('*.gov.cn', 'a.b.gov.cn')).toBe(true);
    expect(hostMatches('*.gov.cn', 'gov.cn')).toBe(true);
    expect(hostMatches('*.gov.cn', 'evilgov.cn')).toBe(false);
    expect(hostMatches('*.gov.cn', 'gov.cn.evil.com')).toBe(false);
  });

  it('compares IDN hosts in either form', () => {
    const ascii = new URL('http://中国政府网.cn/').hostname;
    expect(hostMatches('中国政府网.cn', ascii)).toBe(true);
    expect(hostMatches(ascii, '中国政府网.cn')).toBe(true);
    expect(hostMatches('*.中国政府网.cn', `www.${ascii}`)).toBe(true);
  });

  it('ignores ports and handles IPs and localhost', () => {
    expect(hostMatches('localhost', 'localhost:8080')).toBe(true);
    expect(hostMatches('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(hostMatches('[::1]', '[::1]')).toBe(true);
    expect(hostMatches('127.0.0.1', '127.0.0.2')).toBe(false);
  });

  it('is false for invalid input on either side', () => {
    expect(hostMatches('*', 'www.163.com')).toBe(false);
    expect(hostMatches('www.163.com', '')).toBe(false);
    expect(hostMatches('', '')).toBe(false);
    expect(hostMatches('*.gov.cn', '*.gov.cn')).toBe(false);
  });
});

describe('siteMatcher and siteKey', () => {
  it('returns the first covering pattern', () => {
    const match = siteMatcher(['www.163.com', '*.gov.cn', 'not valid', 'www.gov.cn']);
    expect(match('www.163.com')).toBe('www.163.com');
    expect(match('www.gov.cn')).toBe('*.gov.cn');
    expect(match('www.sina.com.cn')).toBeNull();
    expect(match('')).toBeNull();
  });

  it('gives one key for the Unicode and punycode forms of a host', () => {
    const ascii = new URL('http://中国政府网.cn/').hostname;
    expect(siteKey('中国政府网.cn')).toBe(ascii);
    expect(siteKey(ascii)).toBe(ascii);
    expect(siteKey('*.gov.cn')).toBe('*.gov.cn');
    expect(siteKey('*')).toBeNull();
  });
});

describe('utf8Length', () => {
  it('agrees with Buffer.byteLength', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
    );
    expect(utf8Length('中国')).toBe(6);
    expect(utf8Length('😀')).toBe(4);
  });
});

describe("hostStanding: how a page's host stands in the list", () => {
  it('its own entry first, else a wildcard that covers it, else none', () => {
    expect(hostStanding([], 'www.163.com')).toEqual({ pattern: 'www.163.com', listedBy: null });
    expect(hostStanding(['*.gov.cn', 'www.beijing.gov.cn'], 'WWW.Beijing.gov.cn')).toEqual({
      pattern: 'www.beijing.gov.cn',
      listedBy: 'www.beijing.gov.cn',
    });
    expect(hostStanding(['*.gov.cn'], 'www.beijing.gov.cn')).toEqual({
      pattern: 'www.beijing.gov.cn',
      listedBy: '*.gov.cn',
    });
    expect(hostStanding(['news.163.com'], 'www.163.com')?.listedBy).toBeNull();
  });

  it('no standing for what is not a host', () => {
    expect(hostStanding([], '')).toBeNull();
    expect(hostStanding([], '*.gov.cn')).toBeNull();
  });
});

describe('originsToRelease', () => {
  it('gives back only what no remaining site needs', () => {
    expect(originsToRelease(['www.163.com'], [])).toEqual([
      'http://www.163.com/*',
      'https://www.163.com/*',
    ]);
    expect(originsToRelease(['www.163.com'], ['www.163.com'])).toEqual([]);
    expect(originsToRelease(['www.163.com', 'www.163.com'], ['news.163.com'])).toHaveLength(2);
  });
});

describe('siteGranted', () => {
  it('true when either scheme is granted; a failing check counts as not granted', async () => {
    const granted = new Set(['https://www.163.com/*']);
    const contains = async ({ origins }: { origins: string[] }) => granted.has(origins[0] ?? '');
    expect(await siteGranted('www.163.com', contains)).toBe(true);
    expect(await siteGranted('news.163.com', contains)).toBe(false);
    expect(await siteGranted('www.163.com', () => Promise.reject(new Error('no')))).toBe(false);
  });
});
