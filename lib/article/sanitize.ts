import DOMPurify, { type Config } from 'dompurify';

/**
 * The one DOMPurify configuration. HTML profile only; no style, forms, frames or data
 * attributes; only http(s), mailto and tel URLs. Returns a DocumentFragment, which callers
 * append as nodes: it is never serialized back into innerHTML.
 */
const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'select',
    'option',
    'textarea',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'base',
    'meta',
    'link',
    'svg',
    'math',
    'template',
    'dialog',
    'video',
    'audio',
    'source',
    'track',
    'picture',
    'noscript',
    'label',
    'fieldset',
    'legend',
    'map',
    'area',
    'marquee',
    'font',
    'center',
  ],
  FORBID_ATTR: [
    'style',
    'srcdoc',
    'class',
    'id',
    'name',
    'srcset',
    'sizes',
    'action',
    'formaction',
    'background',
    'ping',
    'target',
    'usemap',
    'tabindex',
    'contenteditable',
    'accesskey',
    'xmlns',
  ],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:)/i,
  RETURN_DOM_FRAGMENT: true,
  // Pages that enforce Trusted Types would log a violation if DOMPurify created its policy.
  TRUSTED_TYPES_POLICY: null as never,
};

export type Sanitize = (html: string) => DocumentFragment;

/** Makes the sanitizer for one window (the browser's, or jsdom's in Node). */
export function createSanitizer(win: Window): Sanitize {
  const purify = DOMPurify(win as unknown as Window & typeof globalThis);
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'A') {
      el.setAttribute('rel', 'noopener noreferrer');
      // A link without a surviving safe href is plain text to the reader.
      if (!el.hasAttribute('href')) el.removeAttribute('rel');
    }
    // DOMPurify lets data: URIs through on images; we allow only http(s) sources.
    if (el.tagName === 'IMG' && !/^https?:/i.test(el.getAttribute('src') ?? '')) el.remove();
  });
  return (html: string) => freshCopy(purify.sanitize(html, CONFIG) as unknown as DocumentFragment);
}

/**
 * The nodes DOMPurify returns were made by a parser, and in Chromium a parser-made `on*`
 * attribute keeps its listener when a content script (isolated world) removes the attribute:
 * appended to the page, such an <img> still ran its onerror in the page's world. A clone
 * copies attributes only, so the copy carries no listener of a removed handler. Any element
 * still holding an `on*` attribute (there should be none) is dropped with its subtree, as
 * removing the attribute would not remove its listener.
 */
function freshCopy(fragment: DocumentFragment): DocumentFragment {
  const copy = fragment.cloneNode(true) as DocumentFragment;
  for (const el of Array.from(copy.querySelectorAll('*'))) {
    if (Array.from(el.attributes).some((a) => /^on/i.test(a.name))) el.remove();
  }
  return copy;
}

/** Bidi embeddings, overrides and isolates, zero-width and BOM: they can make text read as another. */
const INVISIBLE_CONTROLS = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * Dots a browser also accepts between the labels of a host name (ideographic, full-width),
 * taken as dots between Latin letters and digits only: between Chinese words "。" ends a sentence.
 */
const DOT_LIKE = /(?<=[a-z0-9])[\u3002\uff0e\uff61](?=[a-z0-9])/gi;
/** Host-like tokens: two or more labels, the last one starting with a letter (not "v1.2"). */
const HOST_TOKEN = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*/gu;

/** Page metadata (title, byline, site name) as one plain line, without invisible controls. */
export function plainMetaText(raw: string, max = 300): string {
  return raw.replace(INVISIBLE_CONTROLS, '').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

function bareHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/**
 * A site name or byline for the meta line, or '' when it names a host other than the page's
 * own (or a parent or child of it): the view says where an article came from, and a page
 * must not make it say "evil.example" (or "https://bank.example") instead of its real host.
 */
export function sourceText(raw: string, pageUrl: string): string {
  const text = plainMetaText(raw, 120);
  let own = '';
  try {
    own = bareHost(new URL(pageUrl).hostname);
  } catch {
    // No page host: any host in the text is foreign.
  }
  for (const token of text.replace(DOT_LIKE, '.').match(HOST_TOKEN) ?? []) {
    const host = bareHost(token);
    const related = own && (host === own || own.endsWith(`.${host}`) || host.endsWith(`.${own}`));
    if (!related) return '';
  }
  return text;
}
