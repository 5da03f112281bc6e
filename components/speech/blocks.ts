/**
 * The rendered article as speech blocks: which text the reading queue reads, in order, and
 * how an utterance's offsets map back to DOM ranges for the highlight.
 *
 * It walks our own rendered nodes (the sanitized body after ReaderView appended it) and only
 * ever writes one data attribute on them; it never parses or inserts HTML.
 */
import { type BlockKind, HEADLINE_ID, type SpeechBlock } from '../../lib/speech/queue.ts';

/** Set on the element that starts a block, so a click or Enter there can find it. */
export const BLOCK_ATTR = 'data-cm-block';

const KINDS: Readonly<Record<string, BlockKind>> = {
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  li: 'list-item',
  dt: 'list-item',
  dd: 'list-item',
  blockquote: 'quote',
  figcaption: 'caption',
  caption: 'caption',
};

/** Elements whose text is a block of its own (text directly inside reads as a paragraph). */
const BLOCK_TAGS = new Set([
  ...Object.keys(KINDS),
  'p',
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'nav',
  'figure',
  'address',
  'details',
  'summary',
  'ul',
  'ol',
  'dl',
  'hgroup',
  'center',
  'fieldset',
  'legend',
  'form',
  'hr',
]);

/** Never read: not text a reader sees, or controls of ours. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'button',
  'select',
  'textarea',
  'input',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'canvas',
  'img',
  'picture',
]);

const WHITESPACE = /\s/;

/** One run of an element's own text, with every character mapped back to its text node. */
interface Segment {
  text: string;
  nodes: Text[];
  /** Per character of `text`: index into `nodes`, or -1 for a line break we added for <br>. */
  charNode: number[];
  /** Per character: offset in its node. */
  charOffset: number[];
  lastSpace: boolean;
}

function newSegment(): Segment {
  return { text: '', nodes: [], charNode: [], charOffset: [], lastSpace: true };
}

/** Appends a text node, collapsing whitespace as the page shows it (source line breaks too). */
function addText(seg: Segment, node: Text): void {
  const data = node.data;
  let index = -1;
  for (let i = 0; i < data.length; i++) {
    let ch = data[i]!;
    if (WHITESPACE.test(ch)) {
      if (seg.lastSpace) continue;
      ch = ' ';
      seg.lastSpace = true;
    } else {
      seg.lastSpace = false;
    }
    if (index < 0) {
      index = seg.nodes.length;
      seg.nodes.push(node);
    }
    seg.text += ch;
    seg.charNode.push(index);
    seg.charOffset.push(i);
  }
}

/** <br> ends a line: the sentence splitter treats it as a sentence end. */
function addBreak(seg: Segment): void {
  if (!seg.text || seg.text.endsWith('\n')) return;
  seg.text += '\n';
  seg.charNode.push(-1);
  seg.charOffset.push(0);
  seg.lastSpace = true;
}

function isHidden(el: Element): boolean {
  return el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true';
}

interface Owner {
  element: Element;
  current: Segment | null;
}

interface Visitor {
  /** A new run of text starts for `owner` (in document order of its first character). */
  segment(owner: Element, seg: Segment): void;
  /** A table or a code block: read as a summary, or skipped. */
  special(element: Element, kind: 'table' | 'code'): void;
  /** A nested block element; return false to skip its contents. */
  enter(element: Element): boolean;
}

function visitChildren(el: Element, owner: Owner, visitor: Visitor): void {
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) {
      if (!owner.current) {
        owner.current = newSegment();
        visitor.segment(owner.element, owner.current);
      }
      addText(owner.current, child as Text);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.localName;
    if (SKIP_TAGS.has(tag) || isHidden(element)) continue;
    if (tag === 'br') {
      if (owner.current) addBreak(owner.current);
      continue;
    }
    if (tag === 'table' || tag === 'pre') {
      owner.current = null;
      visitor.special(element, tag === 'table' ? 'table' : 'code');
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      // The owner's text after a nested block is a new run, read after the nested block.
      owner.current = null;
      if (visitor.enter(element)) visitChildren(element, { element, current: null }, visitor);
      continue;
    }
    visitChildren(element, owner, visitor);
  }
}

/** The runs of `element`'s own text (nested blocks excluded), in order, empty ones included. */
function ownSegments(element: Element): Segment[] {
  const out: Segment[] = [];
  visitChildren(
    element,
    { element, current: null },
    {
      segment: (owner, seg) => {
        if (owner === element) out.push(seg);
      },
      special: () => undefined,
      enter: () => false,
    },
  );
  return out;
}

/** Rows of a table, not those of tables nested in it. */
function ownRows(table: Element): HTMLTableRowElement[] {
  return Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
}

export interface DomBlock extends SpeechBlock {
  element: Element;
  /** Which run of the element's own text (see ownSegments). */
  segment: number;
}

export interface SpeechDom {
  /** The headline as shown (the queue reads it first), '' when there is none. */
  title: string;
  blocks: DomBlock[];
  /** The block a click or Enter on `target` should start reading at, if any. */
  blockAt(target: Element): string | null;
  /** The DOM range of [start, end) of a block's text, or null when it is gone. */
  rangeFor(blockId: string, start: number, end: number): Range | null;
  /** The element to scroll to / mark for a block id. */
  elementOf(blockId: string): Element | null;
}

/**
 * Collects the headline and the body's blocks. Each block element gets BLOCK_ATTR (the id of
 * its first block); the text is collapsed as the page shows it.
 */
export function collectSpeechDom(body: Element | null, titleEl: Element | null): SpeechDom {
  const blocks: DomBlock[] = [];
  const byId = new Map<string, DomBlock>();
  let counter = 0;
  const pending: { element: Element; seg: Segment; index: number }[] = [];
  const runs = new Map<Element, number>();

  if (body) {
    const visitor: Visitor = {
      segment: (element, seg) => {
        const index = runs.get(element) ?? 0;
        runs.set(element, index + 1);
        pending.push({ element, seg, index });
      },
      special: (element, kind) => {
        pending.push({ element, seg: newSegment(), index: kind === 'table' ? -1 : -2 });
      },
      enter: () => true,
    };
    visitChildren(body, { element: body, current: null }, visitor);
  }

  for (const { element, seg, index } of pending) {
    const id = `b${counter++}`;
    let block: DomBlock;
    if (index === -1) {
      const rows = ownRows(element);
      const text = rows
        .map((tr) =>
          Array.from(tr.cells)
            .map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())
            .join(' '),
        )
        .join('\n');
      block = { id, kind: 'table', text, rows: rows.length, element, segment: 0 };
    } else if (index === -2) {
      block = { id, kind: 'code', text: element.textContent ?? '', element, segment: 0 };
    } else {
      if (!seg.text.trim()) continue;
      const kind = KINDS[element.localName] ?? 'paragraph';
      block = { id, kind, text: seg.text, element, segment: index };
    }
    blocks.push(block);
    byId.set(id, block);
    // Text sitting directly in the body has no element of its own to click.
    if (element !== body && !element.hasAttribute(BLOCK_ATTR)) element.setAttribute(BLOCK_ATTR, id);
  }

  const titleSegments = titleEl ? ownSegments(titleEl) : [];
  const title = titleSegments[0]?.text ?? '';

  const segmentOf = (blockId: string): Segment | null => {
    if (blockId === HEADLINE_ID)
      return titleEl?.isConnected ? (ownSegments(titleEl)[0] ?? null) : null;
    const block = byId.get(blockId);
    if (!block || block.kind === 'table' || block.kind === 'code') return null;
    // Recomputed each time: the <mark> fallback splits text nodes, the text stays the same.
    return ownSegments(block.element)[block.segment] ?? null;
  };

  return {
    title,
    blocks,
    blockAt(target) {
      if (titleEl && (target === titleEl || titleEl.contains(target))) return HEADLINE_ID;
      const element = target.closest(`[${BLOCK_ATTR}]`);
      if (!element || (body && !body.contains(element))) return null;
      return element.getAttribute(BLOCK_ATTR);
    },
    elementOf(blockId) {
      if (blockId === HEADLINE_ID) return titleEl;
      return byId.get(blockId)?.element ?? null;
    },
    rangeFor(blockId, start, end) {
      const block = byId.get(blockId);
      if (block && (block.kind === 'table' || block.kind === 'code')) {
        if (!block.element.isConnected) return null;
        const range = block.element.ownerDocument.createRange();
        range.selectNodeContents(block.element);
        return range;
      }
      const seg = segmentOf(blockId);
      if (!seg || end <= start) return null;
      // Utterances are trimmed, so both ends sit on real characters; step over a <br> mark anyway.
      let s = start;
      let e = end - 1;
      while (s < e && (seg.charNode[s] ?? -1) < 0) s++;
      while (e > s && (seg.charNode[e] ?? -1) < 0) e--;
      const startNode = seg.nodes[seg.charNode[s] ?? -1];
      const endNode = seg.nodes[seg.charNode[e] ?? -1];
      if (!startNode || !endNode) return null;
      const range = startNode.ownerDocument.createRange();
      range.setStart(startNode, seg.charOffset[s]!);
      range.setEnd(endNode, seg.charOffset[e]! + 1);
      return range;
    },
  };
}
