import { countCjk, fold } from './text';

/** Page metadata from meta tags, JSON-LD and the info line. Read before the page is cleaned. */
export interface PageMeta {
  title: string;
  byline: string;
  siteName: string;
  publishedTime: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  type: string;
}

type MetaReader = (...keys: string[]) => string;

/**
 * Reads <meta> content by key, the first key with a value winning. The selector query stays
 * the judge (engines differ on the case of attribute values), but runs only for keys some
 * <meta> names, in any case: most keys are absent, and each query walks the whole page.
 */
function metaReader(doc: Document): MetaReader {
  const named = new Set<string>();
  for (const el of Array.from(doc.getElementsByTagName('meta'))) {
    for (const attr of ['property', 'name', 'itemprop'])
      named.add((el.getAttribute(attr) ?? '').toLowerCase());
  }
  return (...keys) => {
    for (const key of keys) {
      if (!named.has(key.toLowerCase())) continue;
      const el = doc.querySelector(
        `meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`,
      );
      const value = fold(el?.getAttribute('content') ?? '');
      if (value) return value;
    }
    return '';
  };
}

type Json = Record<string, unknown>;

function nameOf(value: unknown): string {
  if (typeof value === 'string') return fold(value);
  if (Array.isArray(value)) return value.map(nameOf).filter(Boolean).join(', ');
  if (value && typeof value === 'object' && typeof (value as Json).name === 'string')
    return fold((value as Json).name as string);
  return '';
}

function jsonLd(doc: Document): Json {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const parsed: unknown = JSON.parse(script.textContent ?? '');
      const items = Array.isArray(parsed) ? parsed : [parsed];
      for (const item of items) {
        const graph =
          item && typeof item === 'object' && Array.isArray((item as Json)['@graph'])
            ? ((item as Json)['@graph'] as unknown[])
            : [item];
        for (const node of graph) {
          if (node && typeof node === 'object' && typeof (node as Json)['@type'] === 'string')
            return node as Json;
        }
      }
    } catch {
      // Broken JSON-LD is common; the other sources still apply.
    }
  }
  return {};
}

/** Text of the first element matching, folded; '' when none. */
function textOf(doc: Document, selector: string): string {
  const el = doc.querySelector(selector);
  return el ? fold(el.textContent ?? '').slice(0, 120) : '';
}

export function guessLang(text: string): string {
  const sample = text.slice(0, 5000);
  if (!sample) return '';
  if (/[\u3040-\u30ff]/.test(sample)) return 'ja';
  if (/[\uac00-\ud7af]/.test(sample)) return 'ko';
  return countCjk(sample) > sample.replace(/\s/g, '').length * 0.2 ? 'zh-CN' : '';
}

/** A language tag safe to put in an attribute: letters, digits and hyphens only. */
export function cleanLang(raw: string): string {
  const tag = raw.trim().replace(/_/g, '-');
  return /^[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}$/i.test(tag) ? tag : '';
}

export function readMetadata(doc: Document): PageMeta {
  const ld = jsonLd(doc);
  const meta = metaReader(doc);
  const dirAttr = (doc.documentElement?.getAttribute('dir') ?? '').toLowerCase();
  const lang =
    cleanLang(doc.documentElement?.getAttribute('lang') ?? '') ||
    cleanLang(meta('content-language', 'og:locale')) ||
    '';
  const byline =
    textOf(doc, '#js_name') ||
    meta('author', 'article:author', 'dc.creator', 'byline', 'sailthru.author') ||
    nameOf(ld.author) ||
    textOf(doc, '[rel="author"], [itemprop="author"], .byline, .author-name');
  return {
    title:
      meta('og:title', 'twitter:title', 'title') || nameOf(ld.headline) || fold(doc.title ?? ''),
    byline: /^https?:/.test(byline) ? '' : byline,
    siteName:
      meta('og:site_name', 'application-name', 'site_name', 'apple-mobile-web-app-title') ||
      nameOf(ld.publisher),
    publishedTime:
      meta(
        'article:published_time',
        'pubdate',
        'publishdate',
        'PubDate',
        'datePublished',
        'weibo:article:create_at',
        'og:release_date',
      ) ||
      (typeof ld.datePublished === 'string' ? ld.datePublished : '') ||
      textOf(doc, '#publish_time') ||
      (doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? ''),
    lang,
    dir: dirAttr === 'rtl' ? 'rtl' : 'ltr',
    type: `${meta('og:type')} ${typeof ld['@type'] === 'string' ? ld['@type'] : ''}`.trim(),
  };
}
