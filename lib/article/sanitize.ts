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
  return (html: string) => purify.sanitize(html, CONFIG) as unknown as DocumentFragment;
}
