import { AD_LABEL, isClutterLine, isFurniture, RELATED_HEADING } from './cn-clutter';
import { absoluteUrl } from './lazy-images';
import { countSentenceEnds, fold, textWeight } from './text';
import type { ListItem } from './types';

/**
 * The headline engine: finds a page's main story links (portal home, channel list, search
 * results, forum board) as a flat list in page order, with the page's own section names.
 *
 * Runs on an untouched document (a fresh clone or parse: our article cleanup and Readability
 * rewrite the tree and would hide the very lists we look for), reads it and never changes it.
 * Pure DOM reading: runs the same in jsdom and the browser.
 *
 * How: every link with headline-length text is grown into its "item" (up to, not including,
 * the ancestor that also holds the next link of the same shape, a heavier story or two
 * comparable ones); items under the same parent form a group;
 * groups in page furniture (navigation, header, footer, side bars, ads), numbered rankings
 * ("hot" lists) and related/sponsored blocks are dropped; what remains must be the bulk of the
 * page or the page is not a headline page (null: the caller shows the page mode instead).
 */

export interface Headlines {
  title: string;
  items: ListItem[];
  /** The one "next page / load more" address, when the page has a real one. */
  more?: string;
}

/** Link text below this weight is not a headline (textWeight: a CJK character weighs 3). */
const MIN_LINK_WEIGHT = 15;
/** A group's median headline must reach this: 8 CJK characters or about 24 Latin letters. */
const MIN_MEDIAN_WEIGHT = 24;
/** A headline page shows at least this many stories. */
const MIN_ITEMS = 5;
/** Two other stories at least this share of a link's weight under one ancestor: a list, not its item. */
const COMPETITOR_SHARE = 0.5;

/** Section headings of blocks that are not the page's main stories. */
const SIDE_HEADING =
  /排行|排名|热榜|热搜|热议|榜单|其他人还在搜|大家都在搜|相关搜索|相关推荐|猜你喜欢|为你推荐|广告|推广|赞助|^(Most|Top) (read|watched|viewed|popular|shared|commented)|Trending|Popular|Sponsored|Promoted|Paid (content|partner)|From (our|the) partners/i;

/** "Next page" and "load more": pagination becomes one big "more" link. */
const NEXT_TEXT =
  /^(下一页|下页|下一頁|后一页|Next( page)?|Older (posts|entries|stories))\s*[>›»〉]*$/i;
/** "Load more" — weaker than a next page: used only when the page has no next-page link. */
const LOAD_MORE_TEXT =
  /^(加载更多|点击加载更多|查看更多(新闻|文章|帖子|结果)|Load more|Show more|More (stories|results|articles))\s*[>›»〉]*$/i;

/** Account and app prompts that are never stories, whatever their length. */
const ACCOUNT_TEXT =
  /^(登录|登入|注册|退出|免费注册|立即登录|Sign ?in|Sign ?up|Log ?in|Log ?out|Register|Subscribe|My account)$|下载.{0,10}(APP|App|app|客户端)|(APP|App|客户端)\s*下载|^Skip to/;

/** Query parameters that carry a search term: other values on the same path are "related searches". */
const SEARCH_PARAMS = ['wd', 'word', 'q', 'query', 'keyword', 'keywords', 'kw', 'search', 'text'];

/** Meta text: a time or date, or a short label in an element named for time/source/channel. */
const DATE_TEXT =
  /^(\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?|\d{1,2}[-/月]\d{1,2}日?)([\sT]*\d{1,2}:\d{2}(:\d{2})?)?$|^\d{1,2}:\d{2}$|^\d+\s*(秒|分钟|小时|天|周|个月)前$|^(刚刚|今天|昨天|前天)(\s*\d{1,2}:\d{2})?$|^\d+\s*(min|mins|minute|minutes|hr|hrs|hour|hours|day|days|week|weeks)\s+ago$|^yesterday$/i;
const META_NAME =
  /(^|[-_])(time|date|pubtime|datetime|source|src|from|chl|channel|column|tag|category|cat|lastupdated|metadata)([-_]|\d|$)/i;

/** Element names (besides h1–h6) of a block's title line. */
const TITLE_NAME = /(^|[-_])(title|tit|heading|hd|caption|label|name)([-_]|\d|$)/i;

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

interface Candidate {
  link: Element;
  key: string;
  url: string;
  title: string;
  weight: number;
  /** Tag and class names of the link and its two parents: links of one list share it. */
  shape: string;
  item: Element;
}

interface Group {
  container: Element;
  items: Candidate[];
  section: string;
}

/** The URL without its fragment: the identity of a story. */
function storyKey(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** Class tokens and id of an element. */
function names(el: Element): string[] {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`
    .split(/\s+/)
    .filter(Boolean);
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Class tokens that mark a state or position, not a kind of element. */
const STATE_CLASS =
  /^(on|active|current|cur|sel|selected|hover|first|last|odd|even|new|hot|red|bold|top|clearfix|cf|fl|fr|left|right|pull_left|pull_right|pull-left|pull-right)$/i;

/** The shape of a link: tag and class names of it and its two parents, digits ignored. */
function linkShape(a: Element): string {
  const parts: string[] = [];
  let el: Element | null = a;
  for (let i = 0; el && i < 3; i++, el = el.parentElement) {
    const classes = (el.getAttribute('class') ?? '')
      .split(/\s+/)
      .filter((t) => t && !STATE_CLASS.test(t))
      .map((t) => t.replace(/\d+/g, '#'))
      .sort();
    parts.push([el.tagName, ...classes].join('.'));
  }
  return parts.join('<');
}

/** The headline a link shows: its heading when it wraps a whole card, the full title when cut with "...". */
function linkTitle(a: Element): string {
  const heading = a.querySelector('h1, h2, h3, h4, h5, h6, [data-testid*="headline" i]');
  let text = fold((heading ?? a).textContent ?? '');
  const attr = fold(a.getAttribute('title') ?? '');
  const cut = /(\.{2,}|…+)$/.exec(text);
  if (cut && attr.length > text.length - cut[0].length) {
    const stem = text.slice(0, text.length - cut[0].length);
    if (attr.startsWith(stem)) text = attr;
  }
  return text;
}

/** True when the link asks the search engine for another term ("related searches"). */
function isOtherSearch(url: URL, page: URL | null): boolean {
  if (!page || url.origin !== page.origin || url.pathname !== page.pathname) return false;
  return SEARCH_PARAMS.some((p) => {
    const mine = page.searchParams.get(p);
    const theirs = url.searchParams.get(p);
    return mine !== null && theirs !== null && mine !== theirs;
  });
}

/** Is the element (or anything up to <body>) page furniture, hidden, or an ad? Memoised. */
function makeExcluded(body: Element) {
  const memo = new Map<Element, boolean>();
  const own = (el: Element): boolean => {
    if (isHidden(el) || isFurniture(el)) return true;
    // Page headers (by tag or name) hold logos, search and account links; a card's own
    // <header> inside an article or list item is not one.
    if (el.tagName === 'HEADER' && !el.parentElement?.closest('article, li, section, main'))
      return true;
    if (names(el).some((n) => /(^|[-_])(head|header|topbar|userbar|top-?nav)([-_]|$)/i.test(n)))
      return true;
    for (const attr of Array.from(el.attributes)) {
      if (/^data-(ad|ads|adid|ad-slot|tuiguang)$|^data-ad-/i.test(attr.name)) return true;
      if (attr.name === 'data-testid' && /(^|[-_])ad([-_]|$)|sponsor/i.test(attr.value))
        return true;
    }
    return false;
  };
  const excluded = (el: Element | null): boolean => {
    if (!el || el === body) return false;
    const known = memo.get(el);
    if (known !== undefined) return known;
    const result = own(el) || excluded(el.parentElement);
    memo.set(el, result);
    return result;
  };
  return excluded;
}

/** An item labelled as an ad (广告/推广/Sponsored as a text line of its own) or marked sponsored. */
function isAdItem(item: Element, link: Element): boolean {
  if (/\bsponsored\b/i.test(link.getAttribute('rel') ?? '')) return true;
  for (const el of Array.from(item.querySelectorAll('*'))) {
    if (el.childElementCount > 0) continue;
    if (AD_LABEL.test(fold(el.textContent ?? ''))) return true;
  }
  return false;
}

/** Folded text of the leaf elements of an item, in order, outside the given subtree. */
function leafTexts(item: Element, skip: Element): { el: Element; text: string }[] {
  const out: { el: Element; text: string }[] = [];
  for (const el of Array.from(item.querySelectorAll('*'))) {
    if (el.childElementCount > 0 && el.tagName !== 'TIME') continue;
    if (skip.contains(el) && skip !== el) continue;
    const text = fold(el.textContent ?? '');
    if (text) out.push({ el, text });
  }
  return out;
}

/** A ranking: every item starts with its own position number (1, 2, 3…). */
function isRanking(items: Candidate[]): boolean {
  if (items.length < 3) return false;
  let numbered = 0;
  items.forEach((c, i) => {
    const first = leafTexts(c.item, c.link).find(({ el }) => !c.link.contains(el));
    if (first && /^\d{1,3}\.?$/.test(first.text) && Number.parseInt(first.text, 10) === i + 1)
      numbered++;
  });
  return numbered >= items.length * 0.8;
}

/** The time/source line of an item: short date or labelled texts, outside other links. */
function itemMeta(c: Candidate): string {
  const title = c.link.querySelector('h1, h2, h3, h4, h5, h6') ?? c.link;
  const parts: string[] = [];
  for (const { el, text } of leafTexts(c.item, title)) {
    if (text.length > 30 || text === c.title || AD_LABEL.test(text)) continue;
    // Author and reply links belong to someone else's page; only the story link's own text counts.
    const link = el.closest('a');
    if (link && link !== c.link) continue;
    if (el.getAttribute('aria-hidden') === 'true') continue;
    let named = false;
    for (let p: Element | null = el; p && p !== c.item.parentElement; p = p.parentElement) {
      if (
        p.tagName === 'TIME' ||
        names(p).some((n) => META_NAME.test(n)) ||
        META_NAME.test(p.getAttribute('data-testid') ?? '')
      ) {
        named = true;
        break;
      }
    }
    const date = DATE_TEXT.test(text);
    if (!named && !date) continue;
    // One time per item: a thread's "created" and "last reply" side by side only confuse.
    if (date && parts.some((p) => DATE_TEXT.test(p))) continue;
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    const clean = text.replace(/^[[【(（](.*)[\]】)）]$/, '$1').trim();
    if (clean && !parts.includes(clean)) parts.push(clean);
    if (parts.length === 3) break;
  }
  return parts.join(' · ');
}

/** A block's title line: an h1–h6, or a short element named as a title. */
function headingIn(el: Element): string | null {
  // Tabs over a block of stories: the selected tab names it (要闻 | 北京 …).
  const tabs = el.getAttribute('role') === 'tablist' ? el : el.querySelector('[role="tablist"]');
  if (tabs) {
    const selected = tabs.querySelector(
      '[aria-selected="true"], [role="tab"].active, [role="tab"].on, [role="tab"].current',
    );
    const text = fold(selected?.textContent ?? '');
    if (text && text.length <= 16) return text;
  }
  const candidates = HEADING_TAGS.has(el.tagName)
    ? [el]
    : Array.from(el.querySelectorAll('h1, h2, h3, h4, h5, h6')).reverse();
  for (const h of candidates) {
    const text = fold(h.textContent ?? '');
    // A linked heading as long as a headline is a story (a lone featured one), not a section.
    const linked = !!(h.querySelector('a') ?? h.closest('a'));
    if (text && textWeight(text) <= (linked ? MIN_MEDIAN_WEIGHT : 60)) return text;
  }
  if (names(el).some((n) => TITLE_NAME.test(n))) {
    const text = fold(el.textContent ?? '');
    if (text && text.length <= 16) return text;
  }
  return null;
}

/**
 * The section a group sits in: the nearest title line before it, looking at a couple of
 * previous siblings of the group and of its ancestors. When the nearest thing before it is
 * another group of stories, the group continues that group's section.
 */
function findSection(
  container: Element,
  body: Element,
  groupOf: (el: Element) => Group | undefined,
): { text: string } | { inherit: Group } | null {
  let node: Element | null = container;
  for (let depth = 0; node && node !== body && depth < 4; depth++) {
    let seen = 0;
    for (let sib = node.previousElementSibling; sib && seen < 3; sib = sib.previousElementSibling) {
      if (!fold(sib.textContent ?? '')) continue;
      seen++;
      const other = groupOf(sib);
      if (other) return { inherit: other };
      const text = headingIn(sib);
      if (text) return { text };
    }
    node = node.parentElement;
  }
  return null;
}

/** Weight of prose (sentences) on the page that is not in a story item nor in page furniture. */
function otherProseWeight(
  body: Element,
  inItems: (el: Element) => boolean,
  excluded: (el: Element) => boolean,
): number {
  let weight = 0;
  const doc = body.ownerDocument;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = fold(node.nodeValue ?? '');
    if (text.length < 20 || countSentenceEnds(text) === 0) continue;
    const parent = node.parentElement;
    if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA)$/.test(parent.tagName)) continue;
    if (parent.closest('a') || inItems(parent) || excluded(parent)) continue;
    weight += textWeight(text);
  }
  return weight;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The page's title for the list view: its <title> up to the first separator (the channel or
 * search term, not the site's slogan: "养花吧-百度贴吧--…" → "养花吧-百度贴吧"), else its first h1,
 * else its host.
 */
function pageTitle(doc: Document, pageUrl: string): string {
  const title = fold(doc.title ?? '');
  const first = title.split(/\s*(?:[_|｜–—·•]|\s-\s|--)\s*/)[0]?.trim() ?? '';
  if (first.length >= 2) return first;
  if (title) return title;
  const h1 = fold(doc.querySelector('h1')?.textContent ?? '');
  if (h1) return h1;
  try {
    return new URL(pageUrl).hostname;
  } catch {
    return '';
  }
}

/**
 * The page's main headlines, or null when the page is not a headline page. `pageUrl` resolves
 * every link (never the page's <base>, which a page controls).
 */
export function extractHeadlines(doc: Document, pageUrl: string): Headlines | null {
  const body = doc.body;
  if (!body) return null;
  let page: URL | null = null;
  try {
    page = new URL(pageUrl);
  } catch {
    page = null;
  }
  const pageKey = page ? storyKey(page.href) : '';

  // 1. Headline-length links and "next page" links.
  const candidates: Candidate[] = [];
  const nextLinks: { link: Element; url: string; strength: number }[] = [];
  for (const a of Array.from(body.querySelectorAll('a[href]'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (!href || href.startsWith('#') || /^(javascript|mailto|tel|data|blob):/i.test(href))
      continue;
    const url = absoluteUrl(href, pageUrl);
    if (!url) continue;
    const key = storyKey(url);
    if (key === pageKey) continue;
    const text = fold(a.textContent ?? '');
    const strength =
      NEXT_TEXT.test(text) || /(^|\s)next(\s|$)/i.test(a.getAttribute('rel') ?? '')
        ? 2
        : LOAD_MORE_TEXT.test(text)
          ? 1
          : 0;
    if (strength) {
      nextLinks.push({ link: a, url, strength });
      continue;
    }
    const title = linkTitle(a);
    const weight = textWeight(title);
    if (weight < MIN_LINK_WEIGHT || weight > 600) continue;
    if (ACCOUNT_TEXT.test(title) || isClutterLine(title)) continue;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (isOtherSearch(parsed, page)) continue;
    candidates.push({ link: a, key, url, title, weight, shape: linkShape(a), item: a });
  }

  // 2. Grow each link into its item: up through its ancestors until one holds another link
  // of the same shape (the next item of the same list), a heavier story, or two comparable
  // ones (a list of some other shape). Author and reply links inside a thread row are lighter
  // than its title, so the title's item is the whole row.
  interface Below {
    /** The three heaviest stories below (distinct URLs), heaviest first. */
    top: { key: string; weight: number }[];
    /** Story URLs below, per link shape. */
    shapes: Map<string, Set<string>>;
  }
  const below = new Map<Element, Below>();
  for (const c of candidates) {
    for (let el = c.link.parentElement; el && el !== body; el = el.parentElement) {
      let b = below.get(el);
      if (!b) {
        b = { top: [], shapes: new Map() };
        below.set(el, b);
      }
      const same = b.top.find((t) => t.key === c.key);
      if (same) same.weight = Math.max(same.weight, c.weight);
      else b.top.push({ key: c.key, weight: c.weight });
      b.top.sort((x, y) => y.weight - x.weight);
      if (b.top.length > 3) b.top.length = 3;
      const keys = b.shapes.get(c.shape);
      if (keys) keys.add(c.key);
      else b.shapes.set(c.shape, new Set([c.key]));
    }
  }
  const holdsOther = (el: Element, c: Candidate): boolean => {
    const b = below.get(el);
    if (!b) return false;
    if ((b.shapes.get(c.shape)?.size ?? 0) > 1) return true;
    const others = b.top.filter((t) => t.key !== c.key);
    if ((others[0]?.weight ?? 0) >= c.weight) return true;
    return others.filter((t) => t.weight >= c.weight * COMPETITOR_SHARE).length >= 2;
  };
  for (const c of candidates) {
    let el: Element = c.link;
    for (let p = el.parentElement; p && p !== body && !holdsOther(p, c); p = p.parentElement)
      el = p;
    c.item = el;
  }

  // 3. Keep items that are stories: not inside another story's item (author names, reply
  // links), not in page furniture.
  const excluded = makeExcluded(body);
  const itemSet = new Set(candidates.map((c) => c.item));
  const kept: Candidate[] = [];
  for (const c of candidates) {
    let nested = false;
    for (let p = c.item.parentElement; p && p !== body; p = p.parentElement) {
      if (itemSet.has(p)) {
        nested = true;
        break;
      }
    }
    if (!nested && !excluded(c.item)) kept.push(c);
  }

  // 4. Items under one parent form a group. Cheap tests first: most links on a page are
  // alone under their parent (a link in a paragraph) and go here.
  const byContainer = new Map<Element, Candidate[]>();
  for (const c of kept) {
    const container = c.item.parentElement ?? body;
    const list = byContainer.get(container);
    if (list) list.push(c);
    else byContainer.set(container, [c]);
  }
  const isBig = (items: Candidate[]) => items.length >= 3;
  const bigParents = (gs: Group[]) =>
    new Set(gs.filter((g) => isBig(g.items)).map((g) => g.container.parentElement));
  let groups: Group[] = [];
  for (const [container, all] of byContainer) {
    if (median(all.map((c) => c.weight)) < MIN_MEDIAN_WEIGHT) continue;
    const items = all.filter((c) => !isAdItem(c.item, c.link));
    if (items.length && !isRanking(items)) groups.push({ container, items, section: '' });
  }
  // Small groups (one or two stories) count only beside a real list: the top two headlines
  // over a list, the pinned threads over a board.
  const beside = (gs: Group[]) => {
    const parents = bigParents(gs);
    return gs.filter((g) => isBig(g.items) || parents.has(g.container.parentElement));
  };
  groups = beside(groups);

  // 5. Sections, and blocks that are rankings, related searches or sponsored by their title.
  // Document order, so an inherited section is already known.
  groups.sort((a, b) =>
    a.container === b.container
      ? 0
      : a.container.compareDocumentPosition(b.container) & 4 /* FOLLOWING */
        ? -1
        : 1,
  );
  // Every element holding a group's item, mapped to the last such group in page order.
  const holder = new Map<Element, Group>();
  for (const g of groups)
    for (const c of g.items)
      for (let el: Element | null = c.item; el && el !== body; el = el.parentElement)
        holder.set(el, g);
  const dropped = new Set<Group>();
  for (const g of groups) {
    const found = findSection(g.container, body, (el) => holder.get(el));
    if (found && 'inherit' in found) {
      g.section = found.inherit.section;
      if (dropped.has(found.inherit)) dropped.add(g);
    } else if (found) {
      g.section = found.text;
    }
    if (
      g.section &&
      (SIDE_HEADING.test(g.section) || RELATED_HEADING.test(g.section.replace(/\s*[>›»]+$/, '')))
    )
      dropped.add(g);
  }
  let accepted = beside(groups.filter((g) => !dropped.has(g)));

  // A group far lighter than the strongest one is a stray block, not part of the page's list.
  const score = (g: Group) => g.items.reduce((s, c) => s + Math.min(c.weight, 90), 0);
  const best = Math.max(0, ...accepted.map(score));
  accepted = accepted.filter((g) => score(g) >= best * 0.1);

  // 7. One item per story, in page order.
  const items: ListItem[] = [];
  const seen = new Set<string>();
  const chosen: Candidate[] = [];
  for (const g of accepted) {
    for (const c of g.items) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      chosen.push(c);
      items.push({ title: c.title, url: c.url, section: g.section, meta: itemMeta(c) });
    }
  }
  if (items.length < MIN_ITEMS) return null;

  // 8. The list must be the page's substance: prose elsewhere (a video's description and
  // comments, a form's instructions) outweighing the headlines means this is not a list page.
  const chosenItems = new Set(chosen.map((c) => c.item));
  const inItems = (el: Element): boolean => {
    for (let p: Element | null = el; p && p !== body; p = p.parentElement)
      if (chosenItems.has(p)) return true;
    return false;
  };
  const listWeight = chosen.reduce((s, c) => s + c.weight, 0);
  if (otherProseWeight(body, inItems, excluded) > listWeight * 1.5) return null;

  // 9. "More": the first next-page link after the first story (a "load more" only when
  // there is none), never one in a header, footer or side bar.
  const first = chosen[0]?.link;
  const after = nextLinks.filter(
    ({ link }) =>
      first &&
      first.compareDocumentPosition(link) & 4 /* FOLLOWING */ &&
      // Pagination is often a <nav> itself; page headers, footers and side bars are not it.
      !link.closest('header, footer, aside, [role="banner"], [role="contentinfo"]') &&
      !isHidden(link),
  );
  const next = after.find((n) => n.strength === 2) ?? after[0];
  const result: Headlines = { title: pageTitle(doc, pageUrl), items };
  if (next) result.more = next.url;
  return result;
}
