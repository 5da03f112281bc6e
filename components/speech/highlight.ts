/**
 * Shows which sentence is being read: the CSS Custom Highlight API where the browser has it
 * (nothing in the article changes), otherwise <mark> elements we create around the sentence's
 * text. Also scrolls the sentence into view below the sticky toolbar.
 */

/** The ::highlight() name; READER_CSS and SPEECH_CSS style it. */
export const HIGHLIGHT_NAME = 'cm-speaking';
/** Class of our fallback <mark>s. */
export const MARK_CLASS = 'cm-speaking-mark';

interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
}

type HighlightCtor = new (...ranges: Range[]) => unknown;

/** The document's highlight registry and Highlight constructor, when the browser has both. */
function highlightApi(
  doc: Document,
): { registry: HighlightRegistryLike; Highlight: HighlightCtor } | null {
  const win = doc.defaultView as
    | (Window & { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: HighlightCtor })
    | null;
  const registry = win?.CSS?.highlights;
  const Highlight = win?.Highlight;
  if (!registry || typeof registry.set !== 'function' || typeof Highlight !== 'function')
    return null;
  return { registry, Highlight };
}

export type HighlightMode = 'api' | 'mark';

export class SentenceHighlighter {
  readonly mode: HighlightMode;
  private readonly api: ReturnType<typeof highlightApi>;
  private marks: HTMLElement[] = [];

  constructor(
    private readonly doc: Document,
    mode?: HighlightMode,
  ) {
    this.api = mode === 'mark' ? null : highlightApi(doc);
    this.mode = this.api ? 'api' : 'mark';
  }

  /**
   * Highlights the range `getRange` returns, or nothing when it returns null; returns it.
   * The range is asked for only after the previous highlight is gone: removing our marks
   * joins text nodes, which would move a range computed earlier.
   */
  show(getRange: () => Range | null): Range | null {
    this.clear();
    const range = getRange();
    if (!range) return null;
    if (this.api) this.api.registry.set(HIGHLIGHT_NAME, new this.api.Highlight(range));
    else this.marks = wrapRange(this.doc, range);
    return range;
  }

  clear(): void {
    if (this.api) {
      this.api.registry.delete(HIGHLIGHT_NAME);
      return;
    }
    const parents = new Set<Node>();
    for (const mark of this.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      mark.remove();
      parents.add(parent);
    }
    // Join the text nodes we split, so the article's DOM is as it was.
    for (const parent of parents) parent.normalize();
    this.marks = [];
  }
}

/** Wraps every text node (part) inside `range` in a <mark> of ours; returns the marks. */
function wrapRange(doc: Document, range: Range): HTMLElement[] {
  const texts: Text[] = [];
  const root = range.commonAncestorContainer;
  if (root.nodeType === 3) {
    texts.push(root as Text);
  } else {
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (range.intersectsNode(n)) texts.push(n as Text);
    }
  }
  const marks: HTMLElement[] = [];
  for (const original of texts) {
    let text = original;
    const from = text === range.startContainer ? range.startOffset : 0;
    const to = text === range.endContainer ? range.endOffset : text.data.length;
    if (to <= from) continue;
    if (to < text.data.length) text.splitText(to);
    if (from > 0) text = text.splitText(from);
    if (!text.data.trim()) continue;
    const mark = doc.createElement('mark');
    mark.className = MARK_CLASS;
    text.before(mark);
    mark.append(text);
    marks.push(mark);
  }
  return marks;
}

/** The nearest ancestor that scrolls (crossing out of our shadow root to its host). */
function scrollerOf(node: Node): Element | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el) {
    const style = el.ownerDocument.defaultView?.getComputedStyle(el);
    if (style && /(auto|scroll|overlay)/.test(style.overflowY) && el.scrollHeight > el.clientHeight)
      return el;
    const root = el.getRootNode();
    el = el.parentElement ?? ((root as ShadowRoot).host || null);
  }
  return node.ownerDocument?.scrollingElement ?? null;
}

/** The bottom edge of a sticky or fixed toolbar covering the top of the scroller, else 0. */
function coveredTop(toolbar: Element | null, scrollerTop: number): number {
  if (!toolbar) return scrollerTop;
  const style = toolbar.ownerDocument.defaultView?.getComputedStyle(toolbar);
  if (!style || (style.position !== 'sticky' && style.position !== 'fixed')) return scrollerTop;
  return Math.max(scrollerTop, toolbar.getBoundingClientRect().bottom);
}

/**
 * Scrolls so the range is visible below the toolbar, a third of the way down the free area.
 * Does nothing when it is already in view. Smooth unless the reader asked for less motion.
 */
export function scrollRangeIntoView(range: Range, toolbar: Element | null): void {
  const rect = range.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return;
  const scroller = scrollerOf(range.startContainer);
  if (!scroller) return;
  const doc = scroller.ownerDocument;
  const win = doc.defaultView;
  const isRoot = scroller === doc.scrollingElement;
  const box = isRoot ? { top: 0, bottom: win?.innerHeight ?? 0 } : scroller.getBoundingClientRect();
  const top = coveredTop(toolbar, box.top);
  const margin = 16;
  if (rect.top >= top + margin && rect.bottom <= box.bottom - margin) return;
  const free = Math.max(0, box.bottom - top);
  const delta = rect.top - top - Math.min(free / 3, Math.max(margin, free - rect.height - margin));
  const reduce = win?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  scroller.scrollBy({ top: delta, behavior: reduce ? 'auto' : 'smooth' });
}
