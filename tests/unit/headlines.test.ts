// @vitest-environment node
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractHeadlines } from '../../lib/article/headlines.ts';
import { readDocument } from '../../lib/article/read.ts';
import { createSanitizer } from '../../lib/article/sanitize.ts';

/** The headline engine's rules, each on a small page built for it. */

const URL_ = 'https://news.example.cn/channel/';

function parse(body: string, head = '<title>频道新闻_示例网</title>', url = URL_): Document {
  return new JSDOM(
    `<!doctype html><html lang="zh-CN"><head>${head}</head><body>${body}</body></html>`,
    {
      url,
    },
  ).window.document;
}

const STORIES = [
  '多地启动春季植树造林 今年计划新增造林面积',
  '北欧多国遭遇暴雪 铁路交通一度中断',
  '男子高速上突发疾病 交警开道护送就医',
  '春节假期全国消费相关行业销售收入同比增长',
  '教育部：新学期中小学继续推进课后服务提质',
  '医保部门：异地就医直接结算范围进一步扩大',
];

/** A plain story list: ul > li > a + time. */
function storyList(stories = STORIES, prefix = 'a'): string {
  return `<ul class="news-list">${stories
    .map(
      (s, i) =>
        `<li><a href="/${prefix}/${i}.html">${s}</a><span class="time">02-21 1${i}:00</span></li>`,
    )
    .join('')}</ul>`;
}

const NAV = `<div class="top-nav"><a href="/">首页</a><a href="/login">登录</a><a href="/app">下载客户端</a></div>
<nav><ul>${['国内新闻频道首页', '国际新闻频道首页', '社会新闻频道首页', '财经新闻频道首页']
  .map((t, i) => `<li><a href="/nav/${i}">${t}</a></li>`)
  .join('')}</ul></nav>`;
const FOOTER = `<div class="footer"><p>${[
  '关于我们示例网络公司',
  '联系我们示例网络公司',
  '网站地图示例网络公司',
  '隐私政策示例网络公司',
]
  .map((t, i) => `<a href="/about/${i}">${t}</a>`)
  .join(' | ')}</p></div>`;

describe('extractHeadlines', () => {
  it('finds the story list and leaves navigation and footer out', () => {
    const list = extractHeadlines(parse(NAV + storyList() + FOOTER), URL_);
    expect(list?.items.map((i) => i.title)).toEqual(STORIES);
    // The page's <title> up to the site name.
    expect(list?.title).toBe('频道新闻');
  });

  it('resolves links against the page address, never the page <base>', () => {
    const doc = parse(storyList(), '<title>t</title><base href="https://evil.example/">');
    const list = extractHeadlines(doc, URL_);
    expect(list?.items[0]?.url).toBe('https://news.example.cn/a/0.html');
  });

  it('gives each item its time line', () => {
    const list = extractHeadlines(parse(storyList()), URL_);
    expect(list?.items[2]?.meta).toBe('02-21 12:00');
  });

  it('drops items labelled as ads and links marked sponsored', () => {
    const body = `<ul>${STORIES.map((s, i) => `<li><a href="/a/${i}.html">${s}</a></li>`).join('')}
      <li><a href="https://ad.example/click">新春理财节 年化收益看这里点击了解</a><span>广告</span></li>
      <li><a rel="sponsored nofollow" href="https://paid.example/x">Retirees are switching to this simple savings account</a></li></ul>`;
    const titles = extractHeadlines(parse(body), URL_)?.items.map((i) => i.title);
    expect(titles).toEqual(STORIES);
  });

  it('drops numbered rankings and blocks titled as rankings or related searches', () => {
    const ranking = `<div class="box"><h3>本周看点</h3><ol>${STORIES.map(
      (s, i) => `<li><em>${i + 1}</em><a href="/hot/${i}.html">${s}（热）</a></li>`,
    ).join('')}</ol></div>`;
    const unnumbered = `<div class="box"><h3>大家都在搜</h3><ul>${STORIES.map(
      (s, i) => `<li><a href="/s/${i}.html">${s}（搜）</a></li>`,
    ).join('')}</ul></div>`;
    const titles = extractHeadlines(parse(storyList() + ranking + unnumbered), URL_)?.items.map(
      (i) => i.title,
    );
    expect(titles).toEqual(STORIES);
  });

  it('names sections after the page\u2019s own headings', () => {
    const body = `<div class="mod"><div class="mod-title"><h2><a href="/gn/">国内</a></h2><a href="/gn/">更多&gt;&gt;</a></div>${storyList(STORIES.slice(0, 3), 'gn')}</div>
      <div class="mod"><div class="mod-title"><h2>国际</h2></div>${storyList(STORIES.slice(3), 'gj')}</div>`;
    const list = extractHeadlines(parse(body), URL_);
    expect(list?.items.map((i) => i.section)).toEqual([
      '国内',
      '国内',
      '国内',
      '国际',
      '国际',
      '国际',
    ]);
  });

  it('keeps one item per story: an image link and a title link to it are one item, with the title', () => {
    const body = `<ul>${STORIES.map(
      (s, i) =>
        `<li><a href="/a/${i}.html"><img src="p${i}.png" alt=""></a><a href="/a/${i}.html#top">${s}</a></li>`,
    ).join('')}</ul>`;
    const list = extractHeadlines(parse(body), URL_);
    expect(list?.items.map((i) => i.title)).toEqual(STORIES);
  });

  it('uses the full title attribute for a headline cut short with "..."', () => {
    const body = `<ul>${STORIES.map((s, i) => `<li><a href="/a/${i}.html">${s}</a></li>`).join('')}
      <li><a href="/a/9.html" title="关于进一步做好农村老年人助餐服务工作的实施意见政策解读新闻发布会召开">关于进一步做好农村老年人助餐服务工作的实施意见政策解读...</a></li></ul>`;
    const list = extractHeadlines(parse(body), URL_);
    expect(list?.items.at(-1)?.title).toBe(
      '关于进一步做好农村老年人助餐服务工作的实施意见政策解读新闻发布会召开',
    );
  });

  it('takes the headline of a card link that wraps headline, summary and metadata', () => {
    const body = `<main>${STORIES.map(
      (s, i) =>
        `<div class="card"><a href="/a/${i}.html"><h2>${s}</h2><p>这是一段摘要文字，说明了新闻的主要内容和背景。</p><span class="time">1 hr ago</span></a></div>`,
    ).join('')}</main>`;
    const list = extractHeadlines(parse(body), URL_);
    expect(list?.items.map((i) => i.title)).toEqual(STORIES);
    expect(list?.items[0]?.meta).toBe('1 hr ago');
  });

  it('in a forum row, the thread title is the item; author links are not', () => {
    const body = `<ul id="thread_list">${STORIES.map(
      (s, i) =>
        `<li class="thread"><div class="title"><a href="/p/${i}">${s}</a></div><div class="author"><a href="/home/u${i}">办公室绿植管理员</a></div><div class="abs">帖子摘要内容。</div><span class="date">2-21</span></li>`,
    ).join('')}</ul>`;
    const list = extractHeadlines(parse(body), URL_);
    expect(list?.items.map((i) => i.title)).toEqual(STORIES);
    expect(list?.items.every((i) => !i.meta.includes('管理员'))).toBe(true);
  });

  it('turns "next page" into the one more link; javascript: links are neither items nor more', () => {
    const paged = `${storyList()}<nav aria-label="分页"><a href="?page=1">1</a><a href="/channel/index_2.html">下一页</a></nav>`;
    expect(extractHeadlines(parse(paged), URL_)?.more).toBe(
      'https://news.example.cn/channel/index_2.html',
    );
    const scripted = `<ul>${STORIES.map(
      (s) => `<li><a href="javascript:void(0)">${s}</a></li>`,
    ).join('')}</ul>${storyList(STORIES, 'b')}<div><a href="javascript:next()">下一页</a></div>`;
    const list = extractHeadlines(parse(scripted), URL_);
    expect(list?.more).toBeUndefined();
    expect(list?.items.every((i) => i.url.startsWith('https://'))).toBe(true);
    expect(list?.items.length).toBe(STORIES.length);
  });

  it('returns null for an article page, a page of prose with a few side links, and a short list', () => {
    const prose = Array.from(
      { length: 12 },
      () =>
        '<p>过年回家教爸妈用视频通话，发现很多细节年轻人根本想不到。这期视频从打开应用讲起，一步一步演示怎么找到联系人、怎么发起视频。</p>',
    ).join('');
    const side = `<div class="box">${storyList(STORIES.slice(0, 5))}</div>`;
    expect(extractHeadlines(parse(`<h1>一个视频</h1>${prose}${side}`), URL_)).toBeNull();
    expect(extractHeadlines(parse(storyList(STORIES.slice(0, 4))), URL_)).toBeNull();
    expect(
      extractHeadlines(parse('<form><input name="q"><button>查询</button></form>'), URL_),
    ).toBeNull();
  });

  it('reads the document without changing it', () => {
    const doc = parse(NAV + storyList() + FOOTER);
    const before = doc.documentElement.outerHTML;
    extractHeadlines(doc, URL_);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('readDocument and headline pages', () => {
  const html = `<!doctype html><html lang="zh-CN"><head><title>频道新闻_示例网</title></head><body>${NAV}${storyList()}<div class="pagination"><a href="index_2.html">下一页</a></div>${FOOTER}</body></html>`;

  it('returns the list when given the untouched page, and reads it from that copy', () => {
    const dom = new JSDOM(html, { url: URL_ });
    const sanitize = createSanitizer(dom.window as unknown as Window);
    let asked = 0;
    const output = readDocument(dom.window.document, {
      url: URL_,
      sanitize,
      original: () => {
        asked++;
        return new JSDOM(html, { url: URL_ }).window.document;
      },
    });
    expect(asked).toBe(1);
    expect(output.result.kind).toBe('list');
    if (output.result.kind !== 'list') return;
    expect(output.result.items.map((i) => i.title)).toEqual(STORIES);
    expect(output.result.more).toBe('https://news.example.cn/channel/index_2.html');
    expect(output.result.lang).toBe('zh-CN');
    expect(output.fragment).toBeNull();
  });

  it('never asks for the copy on an article page', () => {
    const para =
      '<p>社区志愿者每周六上午在图书馆开设手机课堂，教老人使用视频通话、网上挂号和移动支付。很多老人第一次学会了自己挂号。</p>';
    const article = `<!doctype html><html lang="zh-CN"><head><title>社区开设手机课堂</title></head><body><article><h1>社区开设手机课堂</h1>${para.repeat(8)}</article></body></html>`;
    const dom = new JSDOM(article, { url: URL_ });
    let asked = 0;
    const output = readDocument(dom.window.document, {
      url: URL_,
      sanitize: createSanitizer(dom.window as unknown as Window),
      original: () => {
        asked++;
        return new JSDOM(article, { url: URL_ }).window.document;
      },
    });
    expect(output.result.kind).toBe('article');
    expect(asked).toBe(0);
  });

  it('without the untouched copy, a headline page stays not-article', () => {
    const dom = new JSDOM(html, { url: URL_ });
    const output = readDocument(dom.window.document, {
      url: URL_,
      sanitize: createSanitizer(dom.window as unknown as Window),
    });
    expect(output.result.kind).toBe('not-article');
  });
});
