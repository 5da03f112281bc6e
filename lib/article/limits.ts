import { SHOW_ELEMENT } from './tree';
/**
 * Size limits past which we give up with a clear message instead of freezing the tab: the
 * content script shares the page's main thread, and extraction cannot be interrupted.
 *
 * MAX_ELEMENTS: the pipeline grows faster than linearly with the element count (in Chromium,
 * 50,000 elements took about 1 s, 100,000 about 4 s and 200,000 about 11 s on a busy
 * two-core machine). Real article pages stay far below: the largest of Readability's test
 * pages has about 10,000 elements, a 10 MB news page about 33,000.
 */
export const MAX_ELEMENTS = 100_000;
/** Chromium's parser nests at most 512 deep; deeper trees are built by script. */
export const MAX_DEPTH = 1_500;

export type LimitProblem = 'too-many-elements' | 'too-deep' | null;

/**
 * Checks element count and nesting depth without recursion (deep pages overflow the stack).
 * The walk goes through a TreeWalker, not element properties: a form field named
 * `nextElementSibling` or `parentElement` replaces those properties on its form (in Chromium,
 * on our clone too), which would misdirect a walk by properties and let the rest of the page
 * escape the check.
 */
export function checkLimits(doc: Document): LimitProblem {
  const root = doc.documentElement;
  if (!root) return null;
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return 'too-many-elements';
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
  let depth = 0;
  for (;;) {
    if (walker.firstChild()) {
      depth++;
      if (depth > MAX_DEPTH) return 'too-deep';
      continue;
    }
    // No child: the next sibling, or the next sibling of the nearest ancestor that has one.
    while (!walker.nextSibling()) {
      if (depth === 0 || !walker.parentNode()) return null;
      depth--;
    }
  }
}
