/** Lazy-loaded images: the real address hides in data-* attributes or srcset until script runs. */

const LAZY_ATTRS = [
  'data-src',
  'data-original',
  'data-lazy-src',
  'data-actualsrc',
  'data-original-src',
  'data-url',
  'data-echo',
  'data-lazyload',
  'data-ks-lazyload',
  'data-croporisrc',
  'data-backsrc',
  'file',
  'original',
  '_src',
];

function isPlaceholder(src: string): boolean {
  return (
    !src ||
    src.startsWith('data:') ||
    /(^|\/)(blank|loading|lazy|placeholder|grey|gray|spacer|pixel|1x1|transparent)[^/]*\.(gif|png|jpg|svg)/i.test(
      src,
    )
  );
}

/** Picks the widest candidate of a srcset. */
function bestFromSrcset(srcset: string): string {
  let best = '';
  let bestWidth = -1;
  for (const part of srcset.split(/,\s+/)) {
    const [url, size] = part.trim().split(/\s+/);
    if (!url) continue;
    const width = size ? Number.parseFloat(size) * (size.endsWith('x') ? 1000 : 1) : 1;
    if (width > bestWidth) {
      best = url;
      bestWidth = width;
    }
  }
  return best;
}

export function absoluteUrl(raw: string, base: string): string {
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

/** Gives every image its real, absolute src. */
export function resolveLazyImages(doc: Document, baseUrl: string): void {
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    let src = img.getAttribute('src') ?? '';
    if (isPlaceholder(src)) {
      const lazy = LAZY_ATTRS.map((a) => img.getAttribute(a)).find((v) => v && !isPlaceholder(v));
      const srcset = img.getAttribute('data-srcset') ?? img.getAttribute('srcset') ?? '';
      src = lazy ?? (srcset ? bestFromSrcset(srcset) : '') ?? '';
    }
    const abs = src ? absoluteUrl(src, baseUrl) : '';
    if (abs) img.setAttribute('src', abs);
    else img.removeAttribute('src');
    img.removeAttribute('srcset');
    img.removeAttribute('data-srcset');
  }
}

/** Makes link targets absolute against the page address (never against a page's <base>). */
export function resolveLinks(doc: Document, baseUrl: string): void {
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (/^(mailto|tel):/i.test(href)) continue;
    const abs = href.startsWith('#') ? '' : absoluteUrl(href, baseUrl);
    if (abs) a.setAttribute('href', abs);
    else a.removeAttribute('href');
  }
}
