import { readFileSync } from 'node:fs';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { toBlocks } from '../lib/article/blocks';
import { type ReadOutput, readDocument } from '../lib/article/read';
import { createSanitizer } from '../lib/article/sanitize';

/** jsdom's own complaints (unparsable page CSS) are noise for a reader of our output. */
const quiet = new VirtualConsole();

function parse(html: string, url: string): JSDOM {
  return new JSDOM(html, { url, virtualConsole: quiet });
}

/**
 * Decodes a saved page: a byte-order mark wins; then valid UTF-8 is taken as UTF-8 (saved
 * pages are often re-encoded while their <meta charset> still says gb2312); otherwise the
 * declared charset, else GB18030 (older Chinese sites are GBK and may say so only in HTTP).
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    try {
      if (declared && !/^utf-?8$/.test(declared)) return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: fall back below.
    }
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Runs the extension's own pipeline on an HTML file under jsdom (DOMPurify is unsafe on happy-dom). */
export function readHtml(html: string, url: string): ReadOutput {
  const dom = parse(html, url);
  const sanitize = createSanitizer(dom.window as unknown as Window);
  // A second parse only when the page is not an article: the headline list reads the page untouched.
  const original = () => parse(html, url).window.document;
  return readDocument(dom.window.document, { url, sanitize, original });
}

export function readFile(file: string, url: string): ReadOutput {
  return readHtml(decodeHtml(readFileSync(file)), url);
}

/** Plain Readability 0.6.0 with isProbablyReaderable, for baselines in eval and bench. */
export function readWithPlainReadability(
  html: string,
  url: string,
): { kind: string; title: string; text: string } {
  const dom = parse(html, url);
  const doc = dom.window.document;
  const readerable = isProbablyReaderable(doc);
  const parsed = new Readability(doc).parse();
  if (!readerable || !parsed) return { kind: 'not-article', title: '', text: '' };
  const div = doc.createElement('div');
  div.innerHTML = parsed.content ?? '';
  return { kind: 'article', title: parsed.title ?? '', text: toBlocks(div).join('\n\n') };
}
