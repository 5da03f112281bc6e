import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { toBlocks } from './blocks';
import { detectArticle } from './detect';
import { extractHeadlines } from './headlines';
import { unwrapLayoutTables } from './layout-tables';
import { checkLimits } from './limits';
import { guessLang, readMetadata, settleSource } from './metadata';
import {
  isLinkList,
  paragraphWeight,
  prepareDocument,
  removeClutter,
  unwrapForms,
} from './prepare';
import { plainMetaText, type Sanitize, sourceText } from './sanitize';
import { fold, textWeight } from './text';
import type { Article, ReadResult } from './types';

/**
 * The whole pipeline on a document we own (a clone of the live page, or a parse in Node):
 * limits → metadata → prepare → Readability → our cleanup → sanitize → blocks → detection.
 * Never throws: every failure becomes an 'error' result with a reason.
 */
export interface ReadOptions {
  url: string;
  sanitize: Sanitize;
  /**
   * A fresh, untouched copy of the page (a new clone, or a new parse in Node), asked for only
   * when the page is not an article: the headline list must be read from the page as it was,
   * and the pipeline has rewritten `doc` by then. Without it, non-articles stay 'not-article'.
   */
  original?: () => Document;
}

export interface ReadOutput {
  result: ReadResult;
  /** The sanitized body, ready to append (never re-serialized into innerHTML). */
  fragment: DocumentFragment | null;
  /** What detection saw, for `npm run eval -- --verbose` and debugging. */
  signals?: Record<string, number | boolean | string>;
}

const HEADLINE_LINK_WEIGHT = 24;

/** Links that are the whole of their line, with headline-length text: items of a story list. */
export function countHeadlineLinks(root: ParentNode): number {
  let count = 0;
  for (const a of Array.from(root.querySelectorAll('a'))) {
    const text = fold(a.textContent ?? '');
    if (textWeight(text) < HEADLINE_LINK_WEIGHT) continue;
    const line = a.closest('li, p, h2, h3, h4, dt, dd, td, div');
    const lineText = fold(line?.textContent ?? text);
    if (text.length >= lineText.length * 0.6) count++;
  }
  return count;
}

function linkDensity(root: ParentNode & Node): number {
  const total = textWeight(root.textContent ?? '');
  if (!total) return 1;
  let links = 0;
  for (const a of Array.from(root.querySelectorAll('a'))) links += textWeight(a.textContent ?? '');
  return links / total;
}

interface ReadabilityInternals {
  _getJSONLD(doc: Document): unknown;
  _getArticleMetadata(jsonld: unknown): { title?: string };
}

/** Readability's own title (JSON-LD, og:title, or <title> without the site name). */
function readabilityTitle(doc: Document): string {
  const r = new Readability(doc) as unknown as ReadabilityInternals;
  return fold(r._getArticleMetadata(r._getJSONLD(doc)).title ?? '');
}

/**
 * The headline: the page's own h1 when the page's title names it (or, on CJK pages, when
 * there is one), otherwise Readability's title.
 */
function chooseTitle(h1: string, fromMeta: string, cjk: boolean): string {
  if (!h1) return fromMeta;
  if (!fromMeta || cjk) return h1;
  if (fromMeta.includes(h1) && h1.length >= fromMeta.length * 0.3) return h1;
  if (h1.includes(fromMeta)) return h1;
  return fromMeta;
}

function runReadability(doc: Document, cjk: boolean): string {
  // A CJK character carries about a word, so Chinese bodies reach Readability's 500-character
  // bar with far more text than English ones; lower it there, keep the default elsewhere.
  const parsed = new Readability(doc, {
    charThreshold: cjk ? 200 : 500,
    keepClasses: false,
  }).parse();
  return parsed?.content ?? '';
}

/** Extracts the body HTML: Readability scoped to a known body container when the page has one. */
function extractBody(doc: Document, hint: HTMLElement | null, cjk: boolean): string {
  if (hint) {
    const scoped = doc.implementation.createHTMLDocument('');
    scoped.body.appendChild(scoped.importNode(hint, true));
    const html = runReadability(scoped, true);
    const check = scoped.createElement('div');
    check.innerHTML = html;
    // Readability sometimes drops short Chinese paragraphs, captions or tables as "clutter";
    // inside a known body container our own cleanup is the safer judge.
    if (paragraphWeight(check) >= paragraphWeight(hint) * 0.85) return html;
    return hint.innerHTML;
  }
  return runReadability(doc, cjk);
}

/**
 * The story's lead picture often sits between the headline and the body, outside the block
 * Readability picks. Taken (as a copy) when it is a figure with a caption in the same
 * article element as the headline.
 */
function findLeadFigure(headline: HTMLElement | null): Element | null {
  const scope = headline?.closest('article, main, [role="main"]');
  if (!headline || !scope) return null;
  for (const figure of Array.from(scope.querySelectorAll('figure'))) {
    const img = figure.querySelector('img[src]');
    if (!img || !figure.querySelector('figcaption')) continue;
    // Only a figure right after the headline: at most a standfirst paragraph between them.
    const afterHeadline = headline.compareDocumentPosition(figure) & 4;
    const between = Array.from(scope.querySelectorAll('p')).filter(
      (p) => headline.compareDocumentPosition(p) & 4 && p.compareDocumentPosition(figure) & 4,
    ).length;
    const beforeText = between <= 1;
    return afterHeadline && beforeText ? (figure.cloneNode(true) as Element) : null;
  }
  return null;
}

function addLeadFigure(body: Element, figure: Element | null): void {
  const src = figure?.querySelector('img')?.getAttribute('src');
  if (!figure || !src) return;
  if (Array.from(body.querySelectorAll('img')).some((img) => img.getAttribute('src') === src))
    return;
  const target = body.firstElementChild?.id?.startsWith('readability-page')
    ? body.firstElementChild
    : body;
  target.insertBefore(body.ownerDocument.importNode(figure, true), target.firstChild);
}

function fail(kind: 'error' | 'not-article', reason: string, lang: string): ReadOutput {
  return { result: { kind, reason, lang }, fragment: null };
}

export function readDocument(doc: Document, options: ReadOptions): ReadOutput {
  let lang = '';
  try {
    const limit = checkLimits(doc);
    if (limit) return fail('error', limit, '');
    // Before anything reads the page: a form's named fields hide the form's own properties.
    unwrapForms(doc);
    const meta = readMetadata(doc, options.url);
    lang = meta.lang || guessLang(doc.body?.textContent ?? '');
    const pageHeadlineLinks = countHeadlineLinks(doc);
    // Counted before prepare removes them: many fields mean a form or web app, not a story.
    const formControls = doc.querySelectorAll(
      'input:not([type="hidden"]), select, textarea',
    ).length;
    const metaTitle = readabilityTitle(doc) || meta.title;
    const cjk = /^(zh|ja|ko)/i.test(lang);
    // On CJK pages our furniture rules run before Readability; elsewhere Readability's own
    // judgement of the page is kept (it is tuned on Latin-script sites) and only the
    // extracted body gets our line rules.
    const readerable = cjk || isProbablyReaderable(doc);
    const { headline, hint } = prepareDocument(doc, options.url, { furniture: cjk, mark: true });
    const title = chooseTitle(fold(headline?.textContent ?? ''), metaTitle, cjk);
    const leadFigure = findLeadFigure(headline);
    const html = extractBody(doc, cjk ? hint : null, cjk);

    // Second pass of our rules on the extracted body, in an inert document.
    const work = doc.implementation.createHTMLDocument('');
    const body = work.createElement('div');
    body.innerHTML = html;
    // Attached, so the rules' isConnected checks see these elements as live: in a detached
    // subtree isConnected is false everywhere, and every rule skipped the body.
    work.body.appendChild(body);
    removeClutter(body, new Set(), { furniture: cjk, sweep: true });
    addLeadFigure(body, leadFigure);
    // The headline repeated inside the body (as a heading or a bold line) is not content.
    for (const h of Array.from(body.querySelectorAll('h1, h2, h3, h4, h5, h6, p, div'))) {
      if (!body.contains(h) || h.querySelector('img') || h.closest('table')) continue;
      if (fold(h.textContent ?? '') === title) h.remove();
    }
    // Trailing link lists (more stories) that Readability kept at the end of the body.
    // On CJK pages, through Readability's page wrapper and other sole-child wrappers to the
    // body's blocks (on Latin-script pages a closing list of links is usually the article's).
    let scope: Element = body;
    while (
      cjk &&
      scope.childElementCount === 1 &&
      scope.firstElementChild &&
      !isLinkList(scope.firstElementChild)
    )
      scope = scope.firstElementChild;
    for (
      let last = scope.lastElementChild;
      last &&
      isLinkList(last) &&
      last.children.length > 0 &&
      // Inside a wrapper, only lists of other stories (not references or external links).
      (scope === body || countHeadlineLinks(last) >= 3);
      last = scope.lastElementChild
    ) {
      if (
        last.childElementCount === 1 &&
        last.firstElementChild &&
        !isLinkList(last.firstElementChild)
      )
        break;
      last.remove();
    }

    const fragment = options.sanitize(body.innerHTML);
    unwrapLayoutTables(fragment);
    const blocks = toBlocks(fragment);
    const text = blocks.join('\n\n');
    const images = Array.from(fragment.querySelectorAll('img')).map((img) => ({
      src: img.getAttribute('src') ?? '',
      alt: fold(img.getAttribute('alt') ?? ''),
    }));
    const detection = detectArticle({
      text,
      blocks,
      headlineLinks: countHeadlineLinks(fragment),
      linkDensity: linkDensity(fragment),
      hasHeadline: Boolean(headline),
      headlineInTitle:
        Boolean(headline) && metaTitle.includes(title) && metaTitle.indexOf(title) < 5,
      formControls,
      type: meta.type,
      pageHeadlineLinks,
      readerable,
      cjk,
    });
    if (!detection.isArticle) {
      const list = options.original ? extractHeadlines(options.original(), options.url) : null;
      if (!list)
        return { ...fail('not-article', detection.reason, lang), signals: detection.signals };
      const { title, items, more } = list;
      return {
        result: { kind: 'list', title, lang, url: options.url, items, ...(more ? { more } : {}) },
        fragment: null,
        signals: detection.signals,
      };
    }
    const source = settleSource(meta, title, options.url);
    const article: Article = {
      // Metadata is page-controlled text: no invisible controls, no foreign host as the source.
      title: plainMetaText(title),
      byline: sourceText(source.byline, options.url),
      siteName: sourceText(source.siteName, options.url),
      lang: lang || guessLang(text),
      dir: meta.dir,
      publishedTime: meta.publishedTime,
      content: body.innerHTML,
      text,
      images,
      url: options.url,
    };
    return { result: { kind: 'article', article }, fragment, signals: detection.signals };
  } catch (error) {
    return fail(
      'error',
      `could not read this page: ${error instanceof Error ? error.message : String(error)}`,
      lang,
    );
  }
}
