/** Tree walks that stand in for selector queries (jsdom's selector engine costs ms per query). */

/** NodeFilter.SHOW_ELEMENT, spelled out: there is no NodeFilter global in Node. */
export const SHOW_ELEMENT = 0x1;

/**
 * The elements under root in document order, only those with one of these tag names when
 * given: querySelectorAll of type selectors, by a tree walk. The clutter passes visit every
 * element of the page, and jsdom's selector engine costs more than the walk.
 */
export function elementsUnder(root: Element | Document, only?: ReadonlySet<string>): Element[] {
  const doc = 'documentElement' in root ? root : root.ownerDocument;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
  const out: Element[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!only || only.has((node as Element).localName)) out.push(node as Element);
  }
  return out;
}

/** closest() for type selectors, without the selector engine (it runs on most elements). */
export function closestTag(el: Element | null, names: ReadonlySet<string>): Element | null {
  for (let at = el; at; at = at.parentElement) if (names.has(at.localName)) return at;
  return null;
}

/** Class names as selectors see them: any case in quirks mode. */
export function classNames(el: Element, quirks: boolean): string[] {
  const cls = el.getAttribute('class');
  if (!cls) return [];
  const names = cls.split(/\s+/).filter(Boolean);
  return quirks ? names.map((n) => n.toLowerCase()) : names;
}
