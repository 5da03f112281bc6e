import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../lib/article/blocks.ts';
import { unwrapLayoutTables } from '../../lib/article/layout-tables.ts';

/** What read.ts does with the sanitized body: layout tables out, then blocks. */
const body = (html: string) => {
  const b = new DOMParser().parseFromString(html, 'text/html').body;
  unwrapLayoutTables(b);
  return b;
};
const para = (n: number) =>
  `<p>${`第${n}段：这是一段足够长的正文，用来说明版面表格里装着的是文章本身。`.repeat(3)}</p>`;

describe('layout tables become blocks, data tables stay tables', () => {
  it('no table, row or cell of a layout table is left; data tables inside it stay', () => {
    const b = body(
      `<table><tr><td>${para(1)}${para(2)}<table><tr><td>甲</td><td>乙</td></tr></table></td></tr></table>`,
    );
    expect(b.querySelectorAll('table')).toHaveLength(1);
    expect(b.querySelector('table')?.textContent).toBe('甲乙');
    expect(b.querySelectorAll('tr, td')).toHaveLength(3);
    expect(b.querySelectorAll('p')).toHaveLength(2);
  });

  it('a data table is one block: rows by newline, cells by tab (Word-style <p> cells too)', () => {
    const html = `<table>
      <tr><td><p>序号</p></td><td><p>项目</p></td><td><p>金额（元）</p></td></tr>
      <tr><td><p>1</p></td><td><p>养老服务补贴</p></td><td><p>300</p></td></tr>
    </table>`;
    expect(toBlocks(body(html))).toEqual(['序号\t项目\t金额（元）\n1\t养老服务补贴\t300']);
  });

  it('a layout table holding the article is read as its paragraphs', () => {
    const html = `<table><tr><td>首页 | 通知公告</td></tr>
      <tr><td><h2>关于开展敬老月活动的通知</h2>${para(1)}${para(2)}${para(3)}</td></tr></table>`;
    const blocks = toBlocks(body(html));
    expect(blocks[0]).toBe('首页 | 通知公告');
    expect(blocks[1]).toBe('关于开展敬老月活动的通知');
    expect(blocks.slice(2)).toHaveLength(3);
    expect(blocks[2]).toMatch(/^第1段/);
    expect(blocks.every((b) => !b.includes('\t'))).toBe(true);
  });

  it('declared layout tables and tables holding tables are walked; the inner data table stays one block', () => {
    const html = `<table role="presentation"><tr><td>左栏</td><td>右栏</td></tr></table>
      <table><tr><td><p>说明文字</p><table><tr><td>甲</td><td>乙</td></tr><tr><td>1</td><td>2</td></tr></table></td></tr></table>`;
    expect(toBlocks(body(html))).toEqual(['左栏', '右栏', '说明文字', '甲\t乙\n1\t2']);
  });
});
