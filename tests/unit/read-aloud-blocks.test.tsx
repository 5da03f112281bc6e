import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_ATTR, collectSpeechDom } from '../../components/speech/blocks.ts';
import {
  HIGHLIGHT_NAME,
  MARK_CLASS,
  SentenceHighlighter,
} from '../../components/speech/highlight.ts';
import { buildUtterances, HEADLINE_ID } from '../../lib/speech/queue.ts';

/** Builds a body with DOM calls from a compact description (our rendered nodes). */
function el(tag: string, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  e.append(...children);
  return e;
}

function sampleView() {
  const title = el('h1', '养老服务新政策\n    出台');
  title.className = 'cm-title';
  const nested = el('ul', el('li', '子项甲。'), el('li', '子项乙。'));
  const table = el(
    'table',
    el(
      'tbody',
      el('tr', el('td', '项目'), el('td', '金额')),
      el('tr', el('td', 'a'), el('td', 'b')),
    ),
  );
  const hidden = el('p', '不应朗读。');
  hidden.hidden = true;
  const body = el(
    'div',
    el('p', '第一段，\n   有', el('strong', '加粗'), '的文字。第二句！'),
    el('h2', '小标题'),
    el('ul', el('li', '列表项开头。', nested, '列表项结尾。')),
    el('blockquote', el('p', '引用的一句话。')),
    el('figure', el('img'), el('figcaption', '图为公园一角')),
    el('pre', el('code', 'const x = 1;')),
    table,
    hidden,
    el('p', '第一行', el('br'), '第二行'),
    'Loose text in the body.',
  );
  body.className = 'cm-body';
  const root = el('div', title, body);
  document.body.append(root);
  return { root, title, body };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('collectSpeechDom', () => {
  it('reads the headline and every block in order, as the page shows the text', () => {
    const { title, body } = sampleView();
    const dom = collectSpeechDom(body, title);
    expect(dom.title).toBe('养老服务新政策 出台');
    expect(dom.blocks.map((b) => [b.kind, b.text.trim()])).toEqual([
      ['paragraph', '第一段， 有加粗的文字。第二句！'],
      ['heading', '小标题'],
      ['list-item', '列表项开头。'],
      ['list-item', '子项甲。'],
      ['list-item', '子项乙。'],
      ['list-item', '列表项结尾。'],
      ['paragraph', '引用的一句话。'],
      ['caption', '图为公园一角'],
      ['code', 'const x = 1;'],
      ['table', '项目 金额\na b'],
      ['paragraph', '第一行\n第二行'],
      ['paragraph', 'Loose text in the body.'],
    ]);
    expect(dom.blocks.find((b) => b.kind === 'table')?.rows).toBe(2);
  });

  it('marks each block element with its first block id, never the body itself', () => {
    const { title, body } = sampleView();
    const dom = collectSpeechDom(body, title);
    const first = body.querySelector('p')!;
    expect(first.getAttribute(BLOCK_ATTR)).toBe(dom.blocks[0]!.id);
    const li = body.querySelector('ul > li')!;
    // The item's text after its nested list is a second block of the same element.
    const own = dom.blocks.filter((b) => b.element === li);
    expect(own).toHaveLength(2);
    expect(li.getAttribute(BLOCK_ATTR)).toBe(own[0]!.id);
    expect(body.hasAttribute(BLOCK_ATTR)).toBe(false);
    expect(dom.blockAt(body.querySelector('strong')!)).toBe(dom.blocks[0]!.id);
    expect(dom.blockAt(title)).toBe(HEADLINE_ID);
    expect(dom.elementOf(HEADLINE_ID)).toBe(title);
  });

  it('maps every utterance back to a DOM range with exactly its text', () => {
    const { title, body } = sampleView();
    const dom = collectSpeechDom(body, title);
    const utterances = buildUtterances({ blocks: dom.blocks, lang: 'zh-CN', title: dom.title });
    expect(utterances[0]!.text).toBe('养老服务新政策 出台');
    expect(utterances.map((u) => u.text)).toContain('第二句！');
    for (const u of utterances) {
      const range = dom.rangeFor(u.blockId, u.start, u.end);
      expect(range, u.text).not.toBeNull();
      if (u.kind === 'table') continue;
      // The DOM keeps its source whitespace; the spoken text is that text, collapsed.
      expect(range!.toString().replace(/\s+/g, ' ')).toBe(u.text.replace(/\s+/g, ' '));
    }
  });
});

describe('SentenceHighlighter', () => {
  it('wraps the sentence in our own <mark>s and puts the DOM back exactly', () => {
    const { title, body } = sampleView();
    const before = body.innerHTML;
    const dom = collectSpeechDom(body, title);
    const withIds = body.innerHTML;
    expect(withIds).not.toBe(before); // only the data attributes were added
    const utterances = buildUtterances({ blocks: dom.blocks, lang: 'zh-CN', title: dom.title });
    const highlighter = new SentenceHighlighter(document, 'mark');
    expect(highlighter.mode).toBe('mark');
    const first = utterances.find((u) => u.text.startsWith('第一段'))!;
    highlighter.show(() => dom.rangeFor(first.blockId, first.start, first.end));
    const marks = Array.from(body.querySelectorAll(`mark.${MARK_CLASS}`));
    expect(marks.map((m) => m.textContent).join('')).toBe('第一段，\n   有加粗的文字。');
    // Every utterance, one after another: ranges stay right although marks split text nodes.
    for (const u of utterances) {
      expect(highlighter.show(() => dom.rangeFor(u.blockId, u.start, u.end))).not.toBeNull();
      const shown = Array.from(document.querySelectorAll(`mark.${MARK_CLASS}`))
        .map((m) => m.textContent)
        .join('');
      if (u.kind !== 'table') expect(shown.replace(/\s+/g, ' ')).toBe(u.text.replace(/\s+/g, ' '));
    }
    highlighter.clear();
    expect(document.querySelectorAll('mark').length).toBe(0);
    expect(body.innerHTML).toBe(withIds);
    expect(title.textContent).toBe('养老服务新政策\n    出台');
  });

  it('uses the CSS Custom Highlight API when the browser has it, leaving the DOM alone', () => {
    const { title, body } = sampleView();
    const registry = new Map<string, { ranges: Range[] }>();
    class FakeHighlight {
      ranges: Range[];
      constructor(...ranges: Range[]) {
        this.ranges = ranges;
      }
    }
    const win = window as unknown as Record<string, unknown>;
    const saved = { CSS: win.CSS, Highlight: win.Highlight };
    win.CSS = { highlights: registry };
    win.Highlight = FakeHighlight;
    try {
      const dom = collectSpeechDom(body, title);
      const html = body.innerHTML;
      const highlighter = new SentenceHighlighter(document);
      expect(highlighter.mode).toBe('api');
      highlighter.show(() => dom.rangeFor(HEADLINE_ID, 0, 7));
      expect(registry.get(HIGHLIGHT_NAME)?.ranges[0]?.toString()).toBe('养老服务新政策');
      expect(body.innerHTML).toBe(html);
      highlighter.clear();
      expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    } finally {
      win.CSS = saved.CSS;
      win.Highlight = saved.Highlight;
    }
  });
});
