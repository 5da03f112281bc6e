/**
 * "The same site" for care mode that sticks to a tab: a reader who follows a headline from
 * www.163.com to news.163.com is still on NetEase. A site is the registrable part of a host
 * name (the label before the public suffix), with the common multi-label suffixes of the
 * sites our readers use; an IP address or a single-label host is its own site.
 */

/** Public suffixes of two labels that our readers meet (not the whole Public Suffix List). */
const TWO_LABEL_SUFFIXES = new Set([
  'com.cn',
  'net.cn',
  'org.cn',
  'gov.cn',
  'edu.cn',
  'ac.cn',
  'mil.cn',
  'com.hk',
  'org.hk',
  'gov.hk',
  'edu.hk',
  'com.tw',
  'org.tw',
  'gov.tw',
  'edu.tw',
  'com.mo',
  'gov.mo',
  'com.sg',
  'gov.sg',
  'edu.sg',
  'co.uk',
  'org.uk',
  'gov.uk',
  'ac.uk',
  'co.jp',
  'ne.jp',
  'or.jp',
  'go.jp',
  'co.kr',
  'or.kr',
  'go.kr',
  'com.au',
  'net.au',
  'org.au',
  'gov.au',
  'edu.au',
  'co.nz',
  'com.my',
  'co.in',
]);

/** The site of a host name: 'news.163.com' → '163.com', 'www.gov.cn' → 'www.gov.cn'. */
export function siteOf(host: string): string {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (!h || /^[\d.]+$/.test(h) || h.includes(':') || !h.includes('.')) return h;
  const labels = h.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const take = TWO_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-take).join('.');
}

export function sameSite(a: string, b: string): boolean {
  const sa = siteOf(a);
  return sa !== '' && sa === siteOf(b);
}
