/**
 * Site patterns: the hosts where Care Mode switches itself on. Readers type these by hand
 * (often with a Chinese IME), so input is forgiving; what is stored is one canonical form.
 *
 * A pattern is a lowercase host ('www.163.com', '中国政府网.cn', '127.0.0.1', '[::1]',
 * 'localhost') or a subdomain wildcard ('*.gov.cn', which like a Chrome match pattern also
 * covers gov.cn itself). IDN hosts are kept in Unicode so the options list stays readable;
 * they are converted to ASCII (punycode) only for matching and for permission requests.
 */

/** Longest text accepted from the input box (a pasted URL can carry a long path). */
export const MAX_SITE_INPUT = 2048;
/**
 * Longest stored pattern in UTF-8 bytes. Not DNS's 253: 500 patterns must fit in
 * chrome.storage.sync's 100 KB together with the other settings (see schema.ts).
 */
export const MAX_PATTERN_BYTES = 180;

/** Message keys (for i18n) explaining why a typed site was not accepted. */
export type SiteReason =
  | 'siteEmpty'
  | 'siteTooLong'
  | 'siteInvalid'
  | 'siteNoHost'
  | 'siteNotWeb'
  | 'siteTooBroad';

export type SiteResult = { ok: true; pattern: string } | { ok: false; reason: SiteReason };

const fail = (reason: SiteReason): SiteResult => ({ ok: false, reason });

/** UTF-8 byte length without allocating (what storage quotas count). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const SCHEME = /^(\*|[a-z][a-z0-9+.-]*):\/\//;
const NON_WEB =
  /^(about|blob|chrome|chrome-extension|data|edge|file|javascript|mailto|moz-extension|tel|view-source):/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
// \p{…} needs the u flag, which tsc rejects in a literal when the target is ES5 (the repo's
// tsconfig before `wxt prepare`), hence the constructor.
// biome-ignore lint/complexity/useRegexLiterals: see above
const LABEL = new RegExp('^[a-z0-9\\p{L}\\p{M}\\p{N}-]{1,63}$', 'u');
// Wildcards over a registry-wide commercial suffix are as broad as '*.com'. Institutional ones
// ('*.gov.cn', '*.edu.cn') stay allowed: "all government sites" is a real reader wish.
const GENERIC_SUFFIX = /^(com|net|org|co|ne|or)\.[a-z]{2}$/;

/** ASCII (punycode) form of a host via the URL parser (pure; in Node and browsers); null if invalid. */
function asciiHost(host: string): string | null {
  try {
    const h = new URL(`http://${host}/`).hostname;
    return h || null;
  } catch {
    return null;
  }
}

/** Turn what a reader typed or pasted into a stored pattern, or a reason it cannot be one. */
export function normalizeSitePattern(input: unknown): SiteResult {
  if (typeof input !== 'string') return fail('siteInvalid');
  if (input.length > MAX_SITE_INPUT) return fail('siteTooLong');
  // NFKC folds full-width letters and '．'; the IME full stop '。' is an IDNA label separator too.
  let s = input.normalize('NFKC').replace(/[。｡]/g, '.').trim().toLowerCase();
  if (!s) return fail('siteEmpty');

  const scheme = SCHEME.exec(s);
  if (scheme) {
    if (!['*', 'http', 'https'].includes(scheme[1]!)) return fail('siteNotWeb');
    s = s.slice(scheme[0].length);
  } else if (s.startsWith('//')) {
    s = s.slice(2);
  } else if (NON_WEB.test(s)) {
    return fail('siteNotWeb');
  }
  if (s.startsWith('/')) return fail('siteNoHost');

  const end = s.search(/[/?#\\]/);
  let authority = end === -1 ? s : s.slice(0, end);
  authority = authority.slice(authority.lastIndexOf('@') + 1);

  let host: string;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1 || !/^(:\d{0,5})?$/.test(authority.slice(close + 1)))
      return fail('siteInvalid');
    host = authority.slice(0, close + 1);
  } else if (authority.split(':').length > 2) {
    host = `[${authority}]`; // bare IPv6 such as '::1'
  } else {
    const colon = authority.indexOf(':');
    if (colon !== -1 && !/^\d{0,5}$/.test(authority.slice(colon + 1))) return fail('siteInvalid');
    host = colon === -1 ? authority : authority.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (!host) return fail('siteNoHost');
  if (/\s/.test(host)) return fail('siteInvalid');

  if (host.startsWith('[')) {
    const ip = asciiHost(host);
    return ip?.startsWith('[') ? { ok: true, pattern: ip } : fail('siteInvalid');
  }

  let wildcard = false;
  if (host === '*') return fail('siteTooBroad');
  if (host.startsWith('*.')) {
    wildcard = true;
    host = host.slice(2);
  } else if (host.startsWith('.')) {
    wildcard = true; // cookie-style '.gov.cn'
    host = host.slice(1);
  }
  if (host.includes('*')) return fail('siteInvalid');
  if (utf8Length(host) + (wildcard ? 2 : 0) > MAX_PATTERN_BYTES) return fail('siteTooLong');

  const ip = IPV4.exec(host);
  if (ip) {
    const octets = ip.slice(1).map(Number);
    if (wildcard || octets.some((o) => o > 255)) return fail('siteInvalid');
    return { ok: true, pattern: octets.join('.') };
  }

  const labels = host.split('.');
  if (labels.some((l) => !LABEL.test(l) || l.startsWith('-') || l.endsWith('-'))) {
    return fail('siteInvalid');
  }
  if (labels.length === 1) {
    if (wildcard) return fail('siteTooBroad');
    // Single words are typos ('baidu') except the one name readers' own machines answer to.
    return host === 'localhost' ? { ok: true, pattern: host } : fail('siteInvalid');
  }
  // A numeric last label is a malformed IP ('1.2.3', '300.1.1.1'), never a TLD.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return fail('siteInvalid');
  if (wildcard && GENERIC_SUFFIX.test(host)) return fail('siteTooBroad');
  if (!asciiHost(host)) return fail('siteInvalid');
  return { ok: true, pattern: wildcard ? `*.${host}` : host };
}

interface Compiled {
  pattern: string;
  wildcard: boolean;
  /** ASCII host, or the ASCII base of a wildcard. */
  base: string;
}

function compile(pattern: string): Compiled | null {
  const r = normalizeSitePattern(pattern);
  if (!r.ok) return null;
  const wildcard = r.pattern.startsWith('*.');
  const base = asciiHost(wildcard ? r.pattern.slice(2) : r.pattern);
  return base ? { pattern: r.pattern, wildcard, base } : null;
}

/**
 * Chrome/Firefox match patterns to request host permission for a site pattern
 * ('www.163.com' → ['*://www.163.com/*'], '*.gov.cn' → ['*://*.gov.cn/*']). Hosts are
 * ASCII; ports are not listed because a portless match pattern matches every port.
 * An invalid pattern gives [].
 */
export function matchPatterns(pattern: string): string[] {
  const c = compile(pattern);
  if (!c) return [];
  return [c.wildcard ? `*://*.${c.base}/*` : `*://${c.base}/*`];
}

/**
 * The http and https origins of a site, asked for separately: Firefox's `*://` would also
 * cover ws/wss, which the manifest does not offer.
 */
export function originsFor(site: string): string[] {
  return matchPatterns(site).flatMap((p) => [
    p.replace(/^\*:/, 'http:'),
    p.replace(/^\*:/, 'https:'),
  ]);
}

/** ASCII form of a page's host (location.hostname or a typed host), or null. */
function pageHost(host: string): string | null {
  const r = normalizeSitePattern(host);
  if (!r.ok || r.pattern.startsWith('*.')) return null;
  return asciiHost(r.pattern);
}

function covers(c: Compiled, host: string): boolean {
  return host === c.base || (c.wildcard && host.endsWith(`.${c.base}`));
}

/** Whether a page host (Unicode or punycode, any case, port ignored) falls under a pattern. */
export function hostMatches(pattern: string, host: string): boolean {
  const c = compile(pattern);
  const h = pageHost(host);
  return c !== null && h !== null && covers(c, h);
}

/**
 * Precompiled matcher for a whole sites list (the content script checks every page load):
 * returns the first pattern covering the host, or null.
 */
export function siteMatcher(patterns: readonly string[]): (host: string) => string | null {
  const compiled = patterns.map(compile).filter((c): c is Compiled => c !== null);
  return (host) => {
    const h = pageHost(host);
    if (h === null) return null;
    return compiled.find((c) => covers(c, h))?.pattern ?? null;
  };
}

/** Same-site key for de-duplication: '中国政府网.cn' and its punycode form are one site. */
export function siteKey(pattern: string): string | null {
  const c = compile(pattern);
  return c ? (c.wildcard ? `*.${c.base}` : c.base) : null;
}

/**
 * How a page's host stands in the list: its own pattern (what "always on this site" adds), and
 * the pattern that already covers it — its own entry first, else a wildcard like *.gov.cn.
 * Null when the host cannot be listed (an IP literal is fine; a file page has no host).
 */
export function hostStanding(
  sites: readonly string[],
  host: string,
): { pattern: string; listedBy: string | null } | null {
  const r = normalizeSitePattern(host);
  if (!r.ok || r.pattern.startsWith('*.')) return null;
  const key = siteKey(r.pattern);
  const own = sites.find((s) => siteKey(s) === key);
  return { pattern: r.pattern, listedBy: own ?? siteMatcher(sites)(host) };
}

/** Origins of removed sites that no remaining site still needs: given back to the browser. */
export function originsToRelease(
  removed: readonly string[],
  remaining: readonly string[],
): string[] {
  const keep = new Set(remaining.flatMap(originsFor));
  return [...new Set(removed.flatMap(originsFor))].filter((o) => !keep.has(o));
}

/** permissions.contains, injected (no extension APIs in lib/). */
export type ContainsPermission = (permissions: { origins: string[] }) => Promise<boolean>;

/** Whether the browser lets care mode run on a site by itself, on http or https. */
export async function siteGranted(site: string, contains: ContainsPermission): Promise<boolean> {
  const results = await Promise.all(
    originsFor(site).map((origin) => contains({ origins: [origin] }).catch(() => false)),
  );
  return results.some(Boolean);
}
