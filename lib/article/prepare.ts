import {
  AD_LABEL,
  ALWAYS_FURNITURE,
  isClutterLine,
  isFurniture,
  isGovInfoTable,
  isStrongFurniture,
  RELATED_HEADING,
} from './cn-clutter';
import { resolveLazyImages, resolveLinks } from './lazy-images';
import { fold, textWeight } from './text';
import { classNames, closestTag, elementsUnder } from './tree';

/**
 * Readies a document we own (a clone, or a parse in Node) for extraction: defuses hostile
 * markup, reveals bodies hidden until script runs, resolves lazy images and removes page
 * furniture. Never called on the live page.
 */

// <base> too: addresses resolve against the page's own URL only (and jsdom's baseURI throws
// on some hostile <base> elements).

/** Known article-body containers across CMSs (Chinese portals, government sites, blogs). */
export const BODY_SELECTORS = [
  // WeChat, CSDN, Sina, NetEase, Sohu, Tencent, People's Daily, Xinhua, CCTV, Chinanews, GMW...
  '#js_content',
  '.rich_media_content',
  '#content_views',
  '#artibody',
  '.article-content',
  '.article_content',
  '.articleContent',
  '.article-body',
  '.article_body',
  '.article-text',
  '.article_text',
  '.article-main',
  '.post_body',
  '.post_text',
  '#endText',
  '#mp-editor',
  '.rm_txt_con',
  '.box_con',
  '#rwb_zw',
  '#detail',
  '#p-detail',
  '.content_area',
  '.left_zw',
  '.u-mainText',
  '.main_content',
  '.news-content',
  '.newsContent',
  '.news_txt',
  '.con_txt',
  '.text_con',
  '.detail-content',
  '#ArticleContent',
  '#articleText',
  '#ContentBody',
  '.ql-editor',
  // Government CMSs (TRS, UCAP, Hanweb...).
  '.TRS_Editor',
  '.TRS_UEDITOR',
  '.Custom_UnionStyle',
  '#UCAP-CONTENT',
  '.pages_content',
  '#zoom',
  '#Zoom',
  '#fontzoom',
  '.zw',
  '#zw',
  '.view-content',
  '.article-con',
  // Generic and international.
  '[itemprop="articleBody"]',
  '.RichText',
  '.entry-content',
  '.post-content',
  '#article',
  '.article',
  'article',
  '.content-article',
  '.main-content',
  '#content',
  '.content',
];

/** What a form keeps when it becomes a div: what body and metadata selectors look at. */
const FORM_KEPT_ATTRS = ['id', 'class', 'itemprop', 'role', 'lang', 'dir'];

/**
 * Replaces every form by a div holding its children. A form's named fields replace the form's
 * own DOM properties (`textContent`, `parentNode`, `replaceWith`…) in Chromium, on the page's
 * clone as on the page, so this runs before anything reads the page, and touches forms only
 * through a Range and a fresh element's methods.
 */
export function unwrapForms(doc: Document): void {
  // Not querySelectorAll: a selector engine written in JS (jsdom's) reads each node's
  // properties, a clobbered form's among them, and can skip it; this walk cannot.
  const forms = Array.from(doc.getElementsByTagName('form'));
  if (!forms.length) return;
  const range = doc.createRange();
  for (const form of forms) {
    const div = doc.createElement('div');
    for (const name of FORM_KEPT_ATTRS) {
      const value = div.getAttribute.call(form, name);
      if (value !== null) div.setAttribute(name, value);
    }
    range.selectNodeContents(form);
    div.appendChild(range.extractContents());
    range.selectNode(form);
    range.deleteContents();
    range.insertNode(div);
  }
}

/** Removes form controls and unwraps forms: named fields clobber DOM properties Readability uses. */
function defuse(doc: Document): void {
  // Two walks instead of eight whole-page selector queries (each costs ms in jsdom); every
  // step still runs in the order it always did, on what the steps before it left.
  for (const el of elementsUnder(doc).filter(isDropped)) el.remove();
  unwrapForms(doc);
  const quirks = doc.compatMode === 'BackCompat';
  const named: Element[] = [];
  const hidden: Element[] = [];
  const pres: Element[] = [];
  const gutters: Element[] = [];
  const asides: Element[] = [];
  for (const el of elementsUnder(doc)) {
    if (el.hasAttribute('name')) named.push(el);
    const classes = classNames(el, quirks);
    if (classes.some((c) => VISUALLY_HIDDEN.has(c))) hidden.push(el);
    if (
      classes.some((c) => GUTTERS.has(c)) ||
      (el.localName === 'td' && classes.includes('linenos'))
    )
      gutters.push(el);
    if (el.localName === 'pre') pres.push(el);
    else if (el.localName === 'aside') asides.push(el);
  }
  for (const el of named) el.removeAttribute('name');
  // Text meant only for screen readers ("Image caption, ") would show as stray words; an
  // "Image source, X" credit goes with its visible part.
  for (const el of hidden) {
    if (!el.isConnected) continue;
    if (/^\s*image source/i.test(el.textContent ?? '') && el.parentElement?.tagName === 'SPAN')
      el.parentElement.remove();
    else el.remove();
  }
  cleanCodeBlocks(pres, gutters);
  // Pull quotes sit in <aside>, which Readability drops whole; the quote itself is content.
  for (const aside of asides) {
    if (!aside.isConnected) continue;
    const quote = aside.querySelector('blockquote');
    if (quote && fold(quote.textContent ?? '').length >= fold(aside.textContent ?? '').length * 0.8)
      aside.replaceWith(quote);
  }
}

/** What defuse drops: scripts, styles, embeds and form controls; meta only when it is not data. */
const DROPPED = tags(
  'script style link base template svg canvas input select textarea button object embed iframe frame frameset',
);
function isDropped(el: Element): boolean {
  if (el.localName === 'meta')
    return !el.hasAttribute('property') && !el.hasAttribute('name') && !el.hasAttribute('itemprop');
  return DROPPED.has(el.localName);
}

const VISUALLY_HIDDEN = new Set([
  'visually-hidden',
  'sr-only',
  'screen-reader-text',
  'screen-reader-only',
  'u-vh',
  'hidden-visually',
  'a11y-hidden',
]);
const GUTTERS = new Set(['gutter', 'line-numbers-rows', 'pre-numbering']);

/** Code blocks keep their code only: line-number gutters and copy buttons go. */
function cleanCodeBlocks(pres: readonly Element[], gutters: readonly Element[]): void {
  for (const pre of pres) {
    if (!pre.isConnected) continue;
    const hasCode = Array.from(pre.children).some((c) => c.tagName === 'CODE');
    for (const child of Array.from(pre.children)) {
      if (
        hasCode
          ? child.tagName !== 'CODE'
          : /(^|[-_ ])(gutter|line-?numbers?(-rows)?|linenums|pre-numbering|copy|hljs-button)/i.test(
              child.getAttribute('class') ?? '',
            )
      ) {
        child.remove();
      }
    }
  }
  for (const el of gutters) if (el.isConnected) el.remove();
}

/** WeChat and similar pages hide the body until their own script runs. */
function reveal(doc: Document): void {
  const total = textWeight(doc.body?.textContent ?? '');
  for (const el of Array.from(
    doc.querySelectorAll<HTMLElement>('[style*="visibility"], [style*="opacity"]'),
  )) {
    const style = el.getAttribute('style') ?? '';
    // Only a hidden block holding most of the page's text is a body waiting for script;
    // smaller hidden blocks stay hidden (Readability drops them, as a reader should).
    if (
      /visibility\s*:\s*hidden|opacity\s*:\s*0(?![.\d])/i.test(style) &&
      textWeight(el.textContent ?? '') > total * 0.3
    ) {
      el.setAttribute(
        'style',
        style.replace(/visibility\s*:\s*hidden|opacity\s*:\s*0(?![.\d])/gi, ''),
      );
    }
  }
}

/** The main headline: the page's own h1 that best matches its <title>/og:title. */
export function findHeadline(doc: Document): HTMLElement | null {
  const docTitle = fold(
    `${doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? ''} ${doc.title}`,
  );
  let best: HTMLElement | null = null;
  let bestScore = -1;
  const candidates = Array.from(
    doc.querySelectorAll<HTMLElement>('h1, #activity-name, .rich_media_title'),
  );
  for (const h of candidates) {
    const text = fold(h.textContent ?? '');
    if (text.length < 2 || text.length > 200) continue;
    if (h.closest('header nav, nav, footer, [role="banner"] a')) continue;
    let score = Math.min(text.length, 60) / 60;
    const at = docTitle.indexOf(text);
    // A name that follows a separator in the title (" :: 痞客邦", "_腾讯网") is the site's, not the story's.
    if (at > 0 && /[|_:@\-–—·»]\s*$/.test(docTitle.slice(0, at))) score += 0.5;
    else if (at >= 0) score += 3;
    else if (text.length >= 8 && docTitle.includes(text.slice(0, 8))) score += 1.5;
    if (
      h.querySelector('a') &&
      fold(h.querySelector('a')?.textContent ?? '') === text &&
      h.closest('header')
    )
      score -= 2;
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
  }
  return bestScore >= 3 ? best : (titleLikeHeadline(doc) ?? best);
}

/** The page's <title> or og:title starts with this text (the page is about that story). */
function titleOpensWith(doc: Document, text: string): boolean {
  if (!text) return false;
  const titles = [
    doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '',
    doc.title,
  ].map(fold);
  return titles.some((t) => t.indexOf(text) >= 0 && t.indexOf(text) < 5);
}

/** The block that directly holds the most paragraph text: the story, on pages we have no selector for. */
function mainTextBlock(doc: Document): Element | null {
  const weights = new Map<Element, number>();
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    const parent = p.parentElement;
    if (parent) weights.set(parent, (weights.get(parent) ?? 0) + textWeight(p.textContent ?? ''));
  }
  let best: Element | null = null;
  let bestWeight = 300;
  for (const [el, w] of weights) {
    if (w > bestWeight) {
      best = el;
      bestWeight = w;
    }
  }
  return best;
}

/** The nearest heading before a block, within a few elements: the story's own headline. */
function headingBefore(block: Element | null): HTMLElement | null {
  let el: Element | null = block;
  for (let steps = 0; el && steps < 40; steps++) {
    // Previous element in document order: the deepest last child of the previous sibling.
    let prev: Element | null = el.previousElementSibling;
    if (prev) {
      while (prev.lastElementChild) prev = prev.lastElementChild;
    } else {
      prev = el.parentElement;
    }
    el = prev;
    if (!el || el.tagName === 'BODY') return null;
    const isHeading = /^H[1-6]$/.test(el.tagName) || /title/i.test(el.getAttribute('class') ?? '');
    if (!isHeading || el.closest('nav, footer, a') || el.querySelector('a')) continue;
    const text = fold(el.textContent ?? '');
    if (text.length >= 6 && text.length <= 100 && !/[>›»]|首页/.test(text))
      return el as HTMLElement;
  }
  return null;
}

/**
 * Pages without a fitting h1 (older government and portal templates put the headline in a
 * div or td with "title" in its class): an element whose text opens the page's title.
 */
function titleLikeHeadline(doc: Document): HTMLElement | null {
  const titles = [
    doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '',
    doc.title,
  ]
    .map(fold)
    .filter(Boolean);
  let best: HTMLElement | null = null;
  const candidates = Array.from(
    doc.querySelectorAll<HTMLElement>('h2, [class*="title" i], [id*="title" i]'),
  ).slice(0, 400);
  for (const el of candidates) {
    if (el.closest('head, nav, footer, a') || el.querySelector('a')) continue;
    const text = fold(el.textContent ?? '');
    if (text.length < 6 || text.length > 100) continue;
    if (!titles.some((t) => t.startsWith(text))) continue;
    if (!best || text.length > fold(best.textContent ?? '').length) best = el;
  }
  return best;
}

/**
 * Tag names, "#id"s and ".class"es on the page, lowercased (quirks-mode pages match ids and
 * classes in any case), from one walk: a simple selector naming none of them matches
 * nothing, and need not walk the page again.
 */
function namesOnPage(doc: Document): Set<string> {
  const names = new Set<string>();
  for (const el of elementsUnder(doc)) {
    names.add(el.localName);
    const id = el.getAttribute('id');
    if (id) names.add(`#${id.toLowerCase()}`);
    for (const name of (el.getAttribute('class') ?? '').split(/\s+/))
      if (name) names.add(`.${name.toLowerCase()}`);
  }
  return names;
}

/** False only when a selector cannot match on a page with these names. */
function mayMatch(selector: string, names: Set<string>): boolean {
  return !/^[#.]?[\w-]+$/.test(selector) || names.has(selector.toLowerCase());
}

/** Finds the most text-heavy known body container, if any. */
export function findBodyHint(doc: Document): HTMLElement | null {
  let best = null as HTMLElement | null;
  let bestWeight = 0;
  const names = namesOnPage(doc);
  for (const sel of BODY_SELECTORS) {
    if (!mayMatch(sel, names)) continue;
    for (const el of Array.from(doc.querySelectorAll<HTMLElement>(sel))) {
      if (el.tagName === 'BODY' || el.tagName === 'HTML') continue;
      const weight = paragraphWeight(el);
      // Prefer the innermost container holding nearly all of the text.
      if (weight > bestWeight * 1.15 || (best?.contains(el) && weight >= bestWeight * 0.85)) {
        best = el;
        bestWeight = weight;
      }
    }
  }
  return bestWeight >= 150 ? best : null;
}

/** Weight of the text in an element that is not link text. */
export function paragraphWeight(el: Element): number {
  // One walk over the text nodes, instead of textContent plus a query and textContent per
  // link (this runs on most blocks of the page). Text inside n nested links counts n times,
  // as the per-link sum did.
  let text = 0;
  let links = 0;
  const walk = (node: Node, inLinks: number) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const weight = textWeight(c.nodeValue ?? '');
        text += weight;
        links += weight * inLinks;
      } else if (c.nodeType === 1) {
        walk(c, (c as Element).localName === 'a' ? inLinks + 1 : inLinks);
      }
    }
  };
  walk(el, 0);
  return Math.max(0, text - links);
}

const INLINE_TAGS = new Set(['SPAN', 'STRONG', 'EM', 'B', 'FONT', 'SMALL']);
function tags(names: string): Set<string> {
  return new Set(names.split(' '));
}
const LINE_BLOCKS = tags('p li td dd dt h1 h2 h3 h4 h5 h6 blockquote figcaption div');
const BLOCKISH = tags(
  'p div section li span h2 h3 h4 h5 h6 strong em b font td dd dt blockquote a figcaption small',
);
const HEADING_LIKE = tags('h2 h3 h4 h5 h6 p div span strong b dt');
const TABLE = tags('table');
const PRE = tags('pre');
const PRE_CODE = tags('pre code');

/** Removes short clutter lines, related-story sections and info tables from a subtree. */
export function removeClutter(
  root: Element | Document,
  keep: Set<Element>,
  options: ClutterOptions = { furniture: true },
): void {
  if (!options.furniture && options.mark) {
    // Latin-script pages: furniture is only marked before Readability, so its scoring sees
    // the page as it is; the marked blocks leave the extracted body afterwards.
    const total = paragraphWeight('documentElement' in root ? root.documentElement : root);
    for (const el of elementsUnder(root)) {
      if (keep.has(el) || /^(BODY|MAIN|ARTICLE)$/.test(el.tagName)) continue;
      if (closestTag(el, PRE_CODE) || !isStrongFurniture(el)) continue;
      // A block holding most of the page's text is the story, whatever its wrapper is called.
      if (paragraphWeight(el) > total * 0.3) continue;
      el.setAttribute(FURNITURE_MARK, '');
    }
  }
  if (!options.furniture && options.sweep) {
    for (const el of Array.from(root.querySelectorAll(`[${FURNITURE_MARK}]`))) el.remove();
  }
  // Furniture containers (share bars, related lists, comments, ads, footers...). A container
  // holding most of the page's text is only dropped when its name is unambiguous, so one
  // unlucky class name on an unknown site cannot take the article with it.
  const total = paragraphWeight('documentElement' in root ? root.documentElement : root);
  for (const el of options.furniture ? elementsUnder(root) : []) {
    if (!el.isConnected || keep.has(el) || !isFurniture(el) || closestTag(el, PRE_CODE)) continue;
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (paragraphWeight(el) > total * 0.5 && !ALWAYS_FURNITURE.test(names)) continue;
    el.remove();
  }
  // Section headings for related stories take their list with them.
  for (const el of elementsUnder(root, HEADING_LIKE)) {
    if (!el.isConnected || keep.has(el)) continue;
    const text = fold(el.textContent ?? '');
    if (text.length > 30 || !RELATED_HEADING.test(text)) continue;
    // The heading and the next few siblings that are link lists.
    let target: Element = el;
    while (
      target.parentElement &&
      target.parentElement.children.length === 1 &&
      !keep.has(target.parentElement)
    )
      target = target.parentElement;
    // A heading that opens its own box names the whole box: teasers with summaries and
    // pictures (not only bare link lists) are the related section too.
    const box = target.parentElement;
    if (
      box &&
      !keep.has(box) &&
      box.firstElementChild === target &&
      fold(box.textContent ?? '').startsWith(text) &&
      paragraphWeight(box) <= total * 0.5
    ) {
      box.remove();
      continue;
    }
    let next = target.nextElementSibling;
    while (next && (isLinkList(next) || isLinkLine(next))) {
      const after = next.nextElementSibling;
      next.remove();
      next = after;
    }
    target.remove();
  }
  for (const el of elementsUnder(root, TABLE)) {
    if (el.isConnected && !keep.has(el) && isGovInfoTable(el.textContent ?? '')) el.remove();
  }
  const lengths = textLengths(root);
  for (const el of elementsUnder(root, BLOCKISH)) {
    // Only short lines can be clutter lines; long blocks are never judged by their words.
    if (!el.isConnected || keep.has(el) || (lengths.get(el) ?? 0) > 400 || closestTag(el, PRE))
      continue;
    const text = fold(el.textContent ?? '');
    // An inline element is judged as a line only when it is (nearly) the whole of its line:
    // a date or a name inside a sentence ("Retrieved <span>2016-05-01</span>") is not one.
    // (Links are judged alone: "<a>返回搜狐，查看更多</a>" tacked onto a paragraph still goes.)
    if (INLINE_TAGS.has(el.tagName)) {
      const line = closestTag(el.parentElement, LINE_BLOCKS);
      if (line && text.length < fold(line.textContent ?? '').length * 0.6) continue;
    }
    if (text && (isClutterLine(text) || AD_LABEL.test(text))) {
      if (!el.querySelector('img') || el.tagName === 'A') el.remove();
    }
  }
}

/** Raw text length of every element, children before parents, in one pass. */
function textLengths(root: Element | Document): Map<Element, number> {
  const lengths = new Map<Element, number>();
  const all = elementsUnder(root);
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i] as Element;
    let n = 0;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) n += (c.nodeValue ?? '').length;
      else if (c.nodeType === 1) n += lengths.get(c as Element) ?? 0;
    }
    lengths.set(el, n);
  }
  return lengths;
}

/** A line that is one link and nothing else (a story title under a "more stories" heading). */
function isLinkLine(el: Element): boolean {
  const links = el.querySelectorAll('a');
  if (links.length !== 1) return false;
  const total = textWeight(el.textContent ?? '');
  return total > 0 && textWeight(links[0]?.textContent ?? '') >= total * 0.9;
}

/** A list of links with little other text: related stories, tags, navigation. */
export function isLinkList(el: Element): boolean {
  const links = el.querySelectorAll('a');
  if (links.length < 2) return false;
  const total = textWeight(el.textContent ?? '');
  return total === 0 || paragraphWeight(el) / total < 0.35;
}

export interface Prepared {
  headline: HTMLElement | null;
  hint: HTMLElement | null;
}

export interface ClutterOptions {
  /** All furniture rules (CJK pages). */
  furniture: boolean;
  /** Without `furniture`: mark blocks whose names mean furniture on any site. */
  mark?: boolean;
  /** Without `furniture`: remove the marked blocks. */
  sweep?: boolean;
}

const FURNITURE_MARK = 'data-care-furniture';

export function prepareDocument(
  doc: Document,
  baseUrl: string,
  options: ClutterOptions = { furniture: true },
): Prepared {
  defuse(doc);
  if (options.furniture) reveal(doc);
  resolveLazyImages(doc, baseUrl);
  resolveLinks(doc, baseUrl);
  let headline = findHeadline(doc);
  const hint = findBodyHint(doc);
  if (!headline || !titleOpensWith(doc, fold(headline.textContent ?? ''))) {
    // Templates whose <title> is only the site or channel name: the headline is the heading
    // just above the story text.
    headline = headingBefore(hint ?? mainTextBlock(doc)) ?? headline;
  }
  const keep = new Set<Element>();
  for (const start of [headline, hint]) {
    for (let el: Element | null = start; el; el = el.parentElement) keep.add(el);
  }
  if (doc.body) removeClutter(doc.body, keep, options);
  return { headline, hint: hint?.isConnected ? hint : null };
}
