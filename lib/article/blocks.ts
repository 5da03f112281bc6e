import { fold } from './text';

/**
 * Writes an article body as text blocks, the way fixtures/README.md defines them:
 * paragraphs, headings, captions, quotes and list items are blocks; a table is one block
 * (rows by newline, cells by tab); <pre> stays verbatim.
 */

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'FIGURE',
  'FIGCAPTION',
  'TABLE',
  'PRE',
  'HR',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
  'CAPTION',
  'CENTER',
]);

export function isBlock(node: Node): boolean {
  return node.nodeType === 1 && BLOCK_TAGS.has((node as Element).tagName);
}

function tableText(table: Element): string {
  const rows: string[] = [];
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    if (tr.closest('table') !== table) continue;
    const cells = Array.from(tr.children)
      .filter((c) => c.tagName === 'TD' || c.tagName === 'TH')
      .map((c) => fold(c.textContent ?? ''));
    if (cells.some(Boolean)) rows.push(cells.join('\t'));
  }
  return rows.join('\n');
}

export function toBlocks(root: Node): string[] {
  const blocks: string[] = [];
  let inline = '';
  const flush = () => {
    const text = fold(inline);
    if (text) blocks.push(text);
    inline = '';
  };
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        inline += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName;
      if (tag === 'BR') {
        flush();
      } else if (tag === 'PRE') {
        flush();
        const code = (el.textContent ?? '').replace(/^\n/, '').replace(/\s+$/, '');
        if (code.trim()) blocks.push(code);
      } else if (tag === 'TABLE') {
        flush();
        const text = tableText(el);
        if (text) blocks.push(text);
      } else if (isBlock(el)) {
        flush();
        walk(el);
        flush();
      } else {
        walk(el);
      }
    }
  };
  walk(root);
  flush();
  return blocks;
}
