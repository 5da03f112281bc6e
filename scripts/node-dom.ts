import { readFileSync } from 'node:fs';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { toBlocks } from '../lib/article/blocks';
import { type ReadOutput, readDocument } from '../lib/article/read';
import { createSanitizer } from '../lib/article/sanitize';

/** Runs the extension's own pipeline on an HTML file under jsdom (DOMPurify is unsafe on happy-dom). */
export function readHtml(html: string, url: string): ReadOutput {
  const dom = new JSDOM(html, { url });
  const sanitize = createSanitizer(dom.window as unknown as Window);
  // A second parse only when the page is not an article: the headline list reads the page untouched.
  const original = () => new JSDOM(html, { url }).window.document;
  return readDocument(dom.window.document, { url, sanitize, original });
}

export function readFile(file: string, url: string): ReadOutput {
  return readHtml(readFileSync(file, 'utf8'), url);
}

/** Plain Readability 0.6.0 with isProbablyReaderable, for baselines in eval and bench. */
export function readWithPlainReadability(
  html: string,
  url: string,
): { kind: string; title: string; text: string } {
  const dom = new JSDOM(html, { url });
  const doc = dom.window.document;
  const readerable = isProbablyReaderable(doc);
  const parsed = new Readability(doc).parse();
  if (!readerable || !parsed) return { kind: 'not-article', title: '', text: '' };
  const div = doc.createElement('div');
  div.innerHTML = parsed.content ?? '';
  return { kind: 'article', title: parsed.title ?? '', text: toBlocks(div).join('\n\n') };
}
