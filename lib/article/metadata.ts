import { countCjk, fold } from './text';
import { classNames, closestTag, SHOW_ELEMENT } from './tree';

/** Page metadata from meta tags, JSON-LD and the info line. Read before the page is cleaned. */
export interface PageMeta {
  title: string;
  byline: string;
  siteName: string;
  publishedTime: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  type: string;
  /** The page's <title>, for the site name after the headline once the headline is known. */
  pageTitle: string;
  /** A publisher named in Dublin Core metadata: the site name when nothing better names it. */
  publisher: string;
}

type MetaReader = (...keys: string[]) => string;

/**
 * Two readers of <meta> content by key, the first key with a value winning, from one scan of
 * the page's <meta> tags:
 * - `meta`: the selector query stays the judge (engines differ on the case of attribute
 *   values), but runs only for keys some <meta> names, in any case: most keys are absent,
 *   and each query walks the whole page;
 * - `metaAny`: any case, from the scan alone, for keys where pages disagree on case
 *   (DC.date, dcterms.created, PubDate).
 */
function metaReaders(doc: Document): { meta: MetaReader; metaAny: MetaReader } {
  const byKey = new Map<string, string>();
  for (const el of Array.from(doc.getElementsByTagName('meta'))) {
    const content = fold(el.getAttribute('content') ?? '');
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = (el.getAttribute(attr) ?? '').toLowerCase();
      // The first tag with a key and content wins, as a query would find it first.
      if (!byKey.has(key) || (!byKey.get(key) && content)) byKey.set(key, content);
    }
  }
  const meta: MetaReader = (...keys) => {
    for (const key of keys) {
      if (!byKey.has(key.toLowerCase())) continue;
      const el = doc.querySelector(
        `meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`,
      );
      const value = fold(el?.getAttribute('content') ?? '');
      if (value) return value;
    }
    return '';
  };
  const metaAny: MetaReader = (...keys) => {
    for (const key of keys) {
      const value = byKey.get(key.toLowerCase());
      if (value) return value;
    }
    return '';
  };
  return { meta, metaAny };
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
  // By tag name, not a selector query: jsdom's selector engine walks the whole page each time.
  // `type` compares case-insensitively, as in the selector.
  const scripts = Array.from(doc.getElementsByTagName('script')).filter(
    (s) => (s.getAttribute('type') ?? '').toLowerCase() === 'application/ld+json',
  );
  for (const script of scripts) {
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

/** Text of an element, folded and cut; '' when none. */
function textOfEl(el: Element | null | undefined): string {
  return el ? fold(el.textContent ?? '').slice(0, 120) : '';
}

/**
 * The first `[rel="author"], [itemprop="author"], .byline, .author-name`, by one walk (the
 * selector query costs several ms per page in jsdom). rel compares case-insensitively, as
 * selectors do in HTML; classes too in quirks mode.
 */
function authorElement(doc: Document): Element | null {
  const root = doc.documentElement;
  if (!root) return null;
  const quirks = doc.compatMode === 'BackCompat';
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
  for (
    let node = walker.currentNode as Element | null;
    node;
    node = walker.nextNode() as Element | null
  ) {
    if ((node.getAttribute('rel') ?? '').toLowerCase() === 'author') return node;
    if (node.getAttribute('itemprop') === 'author') return node;
    for (const name of classNames(node, quirks))
      if (name === 'byline' || name === 'author-name') return node;
  }
  return null;
}

/** The first <time datetime>'s value, or ''. */
function timeDatetime(doc: Document): string {
  for (const el of Array.from(doc.getElementsByTagName('time')))
    if (el.hasAttribute('datetime')) return el.getAttribute('datetime') ?? '';
  return '';
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

/** Separators between a page title's parts: -, _, |, –, —, ·, but not a hyphen inside a word. */
const TITLE_SEPARATOR = /\s*(?:[_|｜–—·•]|\s-+\s|-+(?![A-Za-z0-9])|(?<![A-Za-z0-9])-+)\s*/;
/** How Chinese site names end (新华网, 中国日报网, 人民网, 凤凰网 …). */
const SITE_SUFFIX = /(?:网|網|网站|網站|在线|在線)$/;
/** How media names end, but sections too (网易新闻, 滚动新闻): weaker evidence. */
const MEDIA_SUFFIX = /(?:新闻|新聞|日报|日報|晚报|晚報|早报|早報|时报|時報)$/;

/**
 * The site name a page puts after its headline in <title>: "标题-新华网", "标题_新闻_新华网"
 * and "标题_滚动新闻_网易新闻" (the last part), "标题 - BBC中文网 - 两岸三地" (the part that
 * reads as a site name, before a section). Only when the head is the page's headline, so a
 * title that merely holds a dash gives nothing; and never a run of keywords
 * ("标题_服务_志愿者_智能手机"): in a Chinese tail of several parts, one must read as a site name.
 */
export function siteFromTitle(title: string, headlines: string[], url = ''): string {
  const t = fold(title);
  let tail = '';
  for (const head of headlines) {
    if (!head || head.length >= t.length || !t.startsWith(head)) continue;
    // Matched in place, so a hyphen inside a word ("Wi-Fi") is seen as one.
    const sep = new RegExp(TITLE_SEPARATOR.source, 'y');
    sep.lastIndex = head.length;
    const found = sep.exec(t)?.[0];
    if (!found) continue;
    tail = t.slice(head.length + found.length);
    break;
  }
  if (!tail || tail.length > 60) return '';
  const parts = tail
    .split(TITLE_SEPARATOR)
    .map(fold)
    .filter((part) => part && !/^[\d\s.:/-]+$/.test(part));
  const last = parts[parts.length - 1];
  if (!last || parts.length > 4) return '';
  let labels: string[] = [];
  try {
    labels = new URL(url).hostname.toLowerCase().split('.');
  } catch {
    // No page address: only the wording of the parts decides.
  }
  // "BBC中文网" on bbc.co.uk, "The Paper" on thepaper.cn: the part names the page's own host.
  const namesHost = (part: string) => {
    const words = part.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    return [...words.filter((w) => w.length >= 3), words.join('')].some(
      (w) => w.length >= 2 && labels.includes(w),
    );
  };
  const strength = (part: string) =>
    SITE_SUFFIX.test(part) || namesHost(part) ? 2 : MEDIA_SUFFIX.test(part) ? 1 : 0;
  let site = '';
  if (strength(last) > 0) {
    site = last;
    // A Chinese name followed by its Latin twin ("澎湃新闻-The Paper"): the Chinese one.
    const before = parts[parts.length - 2];
    if (before && !countCjk(last) && countCjk(before) && strength(before) > 0) site = before;
  } else if (parts.length === 1 || !countCjk(tail)) {
    // One short part, or an English "Headline | Section | Site": the last part.
    site = last;
  } else {
    site = [...parts].reverse().find((part) => strength(part) === 2) ?? '';
  }
  return site.length <= 20 ? site : '';
}

/** 2023-11-17 20:52:15, 2023/11/17 20:52, 2023年11月17日 20:52, 2023.11.17 … */
const DATE =
  /(?<!\d)((?:19|20)\d{2})\s*([-/.年])\s*(\d{1,2})\s*([-/.月])\s*(\d{1,2})(?!\d)\s*日?(?:\s*(?:[T ]\s*)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?!\d))?/;
/** Words that mark a line as the article's info line rather than prose. */
const INFO_WORDS = /来源|作者|编辑|记者|发布|时间|日期|浏览|阅读|点击|published|posted|updated/i;

/** A meta value that is only a date ("2023/11/17 20:52") in the info-line form; others as given. */
function asStamp(value: string): string {
  const m = DATE.exec(value);
  return m && m[0] === value ? infoLineDate(value) || value : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first date in an info line as YYYY-MM-DD[THH:MM[:SS]] (no zone: pages rarely state
 * one), or '' when the text has none or reads as prose (a story's first sentence often
 * starts with the day of the event, never with a clock time).
 */
export function infoLineDate(text: string): string {
  const m = DATE.exec(text);
  if (!m) return '';
  const [mo, d] = [Number(m[3]), Number(m[5])];
  // 2023.11.17 and 2023/11/17 use one separator twice; a 年 date goes on with 月.
  if (m[4] !== (m[2] === '年' ? '月' : m[2])) return '';
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return '';
  const [h, mi, sec] = [m[6], m[7], m[8]];
  const hasTime = h !== undefined && Number(h) < 24 && Number(mi) < 60;
  const rest = text.replace(m[0], '');
  if (!hasTime && !INFO_WORDS.test(rest) && fold(rest).length > 30) return '';
  // "2024年5月14日 星期二" without a clock time is a header's today, not the story's day.
  if (!hasTime && /星期|周[一二三四五六日天]|禮拜|礼拜/.test(rest)) return '';
  let out = `${m[1]}-${pad(mo)}-${pad(d)}`;
  if (hasTime) out += `T${pad(Number(h))}:${mi}${sec ? `:${sec}` : ''}`;
  return out;
}

const INFO_TEXT_MAX = 120;

const ROW = new Set(['tr']);
const LINK_OR_HEADLINE = new Set(['a', 'h1']);
const LINK_OR_CODE = new Set(['a', 'script', 'style']);
const ITEM = new Set(['li']);
const PUBLISH_LABEL = /发布|發佈|发表|發表|时间|時間|日期|publish|posted|date/i;

/**
 * True when a table row labels the element as some other date ("Founded" in an infobox):
 * in a row with a header cell, only a publishing label makes it the article's date.
 */
function labelledOtherwise(el: Element): boolean {
  const th = closestTag(el, ROW)?.querySelector('th');
  return Boolean(th && !th.contains(el) && !PUBLISH_LABEL.test(th.textContent ?? ''));
}
const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'A']);

/** Class or id words of an info line: time, date, pub(lish), info, source, meta. */
const INFO_NAME = /time|date|pub|info|source|meta/i;

/**
 * An element's folded text, or null when it is longer than `max`: stops counting early, so a
 * page-sized container costs a few text nodes instead of its whole text.
 */
function shortText(el: Element, max: number): string | null {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* SHOW_TEXT */);
  let length = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    length += (node.nodeValue ?? '').trim().length;
    if (length > max) return null;
  }
  const text = fold(el.textContent ?? '');
  return text.length > max ? null : text;
}

/**
 * The date of the line next to the headline: walks the text right after it (then right
 * before it), a few hundred characters each way, and reads each text's smallest enclosing
 * line of at most 120 characters that does not hold the headline.
 */
function dateNearHeadline(doc: Document, headline: Element): string {
  const big = new WeakSet<Element>();
  const lineOf = (node: Node): string => {
    let line = '';
    for (let el = node.parentElement; el && el !== headline; el = el.parentElement) {
      if (big.has(el) || el.contains(headline)) break;
      const text = shortText(el, INFO_TEXT_MAX);
      if (text === null) {
        big.add(el);
        break;
      }
      line = text;
    }
    return line;
  };
  for (const forward of [true, false]) {
    const walker = doc.createTreeWalker(doc.body ?? headline, 4 /* SHOW_TEXT */);
    walker.currentNode = headline;
    let budget = forward ? 400 : 160;
    for (let n = 0; n < 80 && budget > 0; n++) {
      const node = forward ? walker.nextNode() : walker.previousNode();
      if (!node) break;
      if (headline.contains(node)) continue;
      const text = fold(node.nodeValue ?? '');
      const parent = node.parentElement;
      if (!text || !parent || SKIP_TEXT.has(parent.tagName) || closestTag(parent, LINK_OR_HEADLINE))
        continue;
      budget -= text.length;
      // Every date has digits; a line's other texts are read with the one that has them.
      if (!/\d/.test(text) || labelledOtherwise(parent)) continue;
      const date = infoLineDate(lineOf(node));
      if (date) return date;
    }
  }
  return '';
}

/**
 * A short element named like an info line (class or id with time/date/pub/info/source/meta)
 * holding a date: the first after the headline, else the first on the page. Lines inside a
 * link, or in a list item of story links (a "related stories" list), are other stories'.
 * One walk over the elements, ending at the first such line after the headline: far cheaper
 * in jsdom than a selector query for the same names.
 */
function dateFromInfoClass(doc: Document, headline: Element | null): string {
  if (!doc.body) return '';
  let first = '';
  let afterHeadline = !headline;
  const walker = doc.createTreeWalker(doc.body, 1 /* SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    if (el === headline) afterHeadline = true;
    const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (!INFO_NAME.test(name) || el.childElementCount > 12) continue;
    if (closestTag(el, LINK_OR_CODE) || (headline && el.contains(headline))) continue;
    const text = shortText(el, INFO_TEXT_MAX);
    if (!text || labelledOtherwise(el)) continue;
    const item = closestTag(el.parentElement, ITEM);
    if (
      item &&
      Array.from(item.getElementsByTagName('a')).some((a) => fold(a.textContent ?? '').length >= 8)
    )
      continue;
    const date = infoLineDate(text);
    if (!date) continue;
    if (afterHeadline) return date;
    first ||= date;
  }
  return first;
}

/**
 * The page's headline element: an h1 that the page title or og:title opens with (a logo or
 * section h1 is no anchor: next to it sit the header's own date and links), else null.
 */
function headlineElement(doc: Document, titles: string[]): Element | null {
  const h1s = doc.getElementsByTagName('h1');
  for (let i = 0; i < Math.min(h1s.length, 8); i++) {
    const h1 = h1s[i] as Element;
    const text = fold(h1.textContent ?? '');
    if (text.length < 2) continue;
    if (titles.some((title) => title.indexOf(text) >= 0 && title.indexOf(text) < 5)) return h1;
  }
  return null;
}

const EDITOR_LABEL = '(?:责任编辑|责编|编辑|編輯|責任編輯)(?![部室])';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The byline, or '' when it is not a person to show as the author: a URL, a number, a long
 * run of text, or the page's editor (a <meta name="editor"> of the same
 * name, or "责任编辑：X" in the page text; a reader must not see the editor as the author).
 */
function cleanByline(byline: string, editor: string, pageText: () => string) {
  if (!byline || /^https?:/i.test(byline) || /^[\d\s.,-]+$/.test(byline)) return '';
  // CJK characters count double: 40 of them is a sentence, 80 Latin letters a list of names.
  if (byline.length + countCjk(byline) > 80) return '';
  if (editor && editor === byline) return '';
  if (countCjk(byline) === 0) return byline;
  const names = '(?:[\\u3400-\\u9fff·]{2,6}[\\s、，,/]+){0,3}';
  const asEditor = new RegExp(
    `${EDITOR_LABEL}\\s*[:：]?\\s*${names}${escapeRe(byline)}(?![\\u3400-\\u9fff])`,
  );
  return asEditor.test(pageText()) ? '' : byline;
}

export function readMetadata(doc: Document, url = ''): PageMeta {
  const ld = jsonLd(doc);
  const { meta, metaAny } = metaReaders(doc);
  const dirAttr = (doc.documentElement?.getAttribute('dir') ?? '').toLowerCase();
  const lang =
    cleanLang(doc.documentElement?.getAttribute('lang') ?? '') ||
    cleanLang(meta('content-language', 'og:locale')) ||
    '';
  const rawByline =
    textOfEl(doc.getElementById('js_name')) ||
    meta('author', 'article:author', 'dc.creator', 'byline', 'sailthru.author') ||
    nameOf(ld.author) ||
    textOfEl(authorElement(doc));
  const title =
    meta('og:title', 'twitter:title', 'title') || nameOf(ld.headline) || fold(doc.title ?? '');
  const ogTitle = meta('og:title', 'twitter:title');
  const pageTitle = fold(doc.title ?? '');
  let headline: Element | null | undefined;
  const findHeadline = () => {
    if (headline === undefined) headline = headlineElement(doc, [pageTitle, ogTitle]);
    return headline;
  };
  const siteName =
    meta('og:site_name', 'application-name', 'site_name', 'apple-mobile-web-app-title') ||
    nameOf(ld.publisher) ||
    metaAny('og:site_name', 'og:sitename') ||
    siteFromTitle(pageTitle, [fold(findHeadline()?.textContent ?? ''), ogTitle], url);
  let pageText: string | undefined;
  const byline = cleanByline(
    rawByline,
    metaAny('editor', 'article:editor'),
    () => (pageText ??= fold(doc.body?.textContent ?? '')),
  );
  const publishedTime =
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
    textOfEl(doc.getElementById('publish_time')) ||
    timeDatetime(doc) ||
    asStamp(
      metaAny(
        'dcterms.created',
        'dcterms.issued',
        'dcterms.date',
        'dc.date.issued',
        'dc.date.created',
        'dc.date',
        'article:published',
        'publish-date',
        'publish_date',
        'publish_time',
        'publishtime',
        'pubtime',
        'weibo: article:create_at',
        'sailthru.date',
        'date',
      ),
    ) ||
    dateNear(doc, findHeadline());
  return {
    title,
    byline,
    siteName,
    publishedTime,
    lang,
    dir: dirAttr === 'rtl' ? 'rtl' : 'ltr',
    type: `${meta('og:type')} ${typeof ld['@type'] === 'string' ? ld['@type'] : ''}`.trim(),
    pageTitle,
    publisher: metaAny('dcterms.publisher', 'dc.publisher'),
  };
}

/**
 * Site name and byline once the engine knows the headline (pages without an h1 name it in a
 * div): the site name after that headline in <title>, else a Dublin Core publisher (often the
 * company, "British Broadcasting Corporation", rather than the name readers know); and no
 * byline that only repeats the site's name.
 */
export function settleSource(
  meta: PageMeta,
  headline: string,
  url: string,
): { siteName: string; byline: string } {
  const siteName =
    meta.siteName || siteFromTitle(meta.pageTitle, [fold(headline)], url) || meta.publisher;
  return { siteName, byline: siteName && meta.byline === siteName ? '' : meta.byline };
}

function dateNear(doc: Document, headline: Element | null): string {
  return (headline && dateNearHeadline(doc, headline)) || dateFromInfoClass(doc, headline);
}
